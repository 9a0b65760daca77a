"""Storing a methodology's exact text, so a published result never drifts."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from yingshang.core.evaluation import MethodologyError
from yingshang.core.evaluation.loading import methodology_from_text, preset_text
from yingshang.evaluation import events
from yingshang.evaluation.models import MethodologyVersion
from yingshang.evaluation.services.common import require_writer
from yingshang.kernel.models import User, Zone

MAX_METHODOLOGY_CHARS = 1_000_000


def _methodology_rejected(exc: MethodologyError, field: str) -> ValidationError:
    return ValidationError({field: list(exc.problems) or [str(exc)]})


def _methodology_text(text: str | None, preset: str | None) -> str:
    if bool(text and text.strip()) == bool(preset):
        raise ValidationError("请提供评价方法文本或选择一个预置方法 (二者选一)")
    if preset:
        try:
            return preset_text(preset)
        except MethodologyError as exc:
            raise _methodology_rejected(exc, "preset") from exc
    assert text is not None
    if len(text) > MAX_METHODOLOGY_CHARS:
        raise ValidationError({"text": [f"评价方法文本过长 (不超过 {MAX_METHODOLOGY_CHARS} 字符)"]})
    return text


def save_methodology(
    *, actor: User, zone: Zone, text: str | None = None, preset: str | None = None
) -> MethodologyVersion:
    """Store a methodology's exact text; the same text saved again returns the stored row.

    A preset is stored once for every zone (zone = None); a zone's own text belongs to it.
    """
    version, _created = store_methodology(actor=actor, zone=zone, text=text, preset=preset)
    return version


def store_methodology(
    *, actor: User, zone: Zone, text: str | None = None, preset: str | None = None
) -> tuple[MethodologyVersion, bool]:
    """As `save_methodology`, also saying whether the text was new (True) or already stored."""
    require_writer(actor, zone)
    source = _methodology_text(text, preset)
    try:
        methodology = methodology_from_text(source, source=f"预置方法 {preset}" if preset else "")
    except MethodologyError as exc:
        raise _methodology_rejected(exc, "preset" if preset else "text") from exc
    owner = None if preset else zone
    lookup = {"zone": owner, "code": methodology.id, "digest": methodology.digest}
    existing = MethodologyVersion.objects.filter(**lookup).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            version = MethodologyVersion.objects.create(
                **lookup,
                name=methodology.name,
                version=methodology.version,
                source_text=source,
                is_preset=bool(preset),
                preset=preset or "",
                created_by=actor,
            )
            events.methodology_stored(actor=actor, version=version, zone=zone)
    except IntegrityError:
        # Saved by someone else at the same moment: theirs is the same text.
        return MethodologyVersion.objects.get(**lookup), False
    return version, True
