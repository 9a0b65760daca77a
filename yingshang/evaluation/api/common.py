"""What the evaluation endpoints share: list sizes, operation ids, the unit a request names."""

from django.core.exceptions import ValidationError

from yingshang.core.evaluation import EvaluationResult
from yingshang.evaluation.models import EvaluationRun

LIST_LIMIT = 200


def operation_id(name: str) -> str:
    """The endpoint's OpenAPI operation id, as it was when the API was a single module: clients
    generated from the document keep their method names."""
    return f"yingshang_evaluation_api_{name}"


def unit_of(run: EvaluationRun, result: EvaluationResult, unit: str) -> str:
    """The unit asked for, else the run's focus unit (the hosted zone); 422 if neither fits."""
    chosen = unit or run.focus_unit
    if not chosen:
        raise ValidationError({"unit": ["请指定参评单位 (本次评价未识别出本区)"]})
    if chosen not in result.units:
        raise ValidationError({"unit": [f"本次评价中没有参评单位 {chosen}"]})
    return chosen
