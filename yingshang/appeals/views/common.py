"""What the appeal pages share: the conflict message and service errors shown on a form."""

from django import forms
from django.core.exceptions import ValidationError

from yingshang.core.appeals.workflow import TransitionRefused

STALE_MESSAGE = (
    "该诉求已被他人更新，您的操作未保存。页面已显示最新情况，您填写的内容仍在表单中，"
    "请核对后再次提交。"
)
SERVICE_ERRORS = (TransitionRefused, ValidationError)


def add_service_errors(form: forms.Form, exc: Exception) -> None:
    """A service's refusal on the form: a field's message beside the field it names, the rest
    above the form."""
    if isinstance(exc, TransitionRefused):
        form.add_error(None, exc.message)
        return
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error.messages[0] if error.messages else str(error))
        return
    form.add_error(None, "；".join(getattr(exc, "messages", [str(exc)])))
