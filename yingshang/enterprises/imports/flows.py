"""The web page's two steps: preview an upload (store it, check it, write nothing), then commit
it (import it for real, by the same user)."""

from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile

from yingshang.enterprises.imports.service import PREVIEW_ROWS, ImportResult, import_enterprises
from yingshang.enterprises.imports.uploads import (
    StoredUpload,
    UploadMissing,
    discard_upload,
    load_upload,
    store_upload,
)
from yingshang.kernel.access import zones_visible_to
from yingshang.kernel.models import User, Zone


@dataclass(frozen=True)
class Preview:
    result: ImportResult
    token: str
    zone: Zone


def preview_upload(*, user: User, uploaded: UploadedFile, zone: Zone) -> Preview:
    """Store the file and check it. A file with errors is not kept (token is then "")."""
    stored = store_upload(uploaded=uploaded, user_id=user.pk, zone_id=zone.pk)
    try:
        result = import_enterprises(
            path=stored.path,
            actor=user,
            default_zone=zone,
            dry_run=True,
            file_name=stored.file_name,
            preview=PREVIEW_ROWS,
        )
    except Exception:
        discard_upload(stored)
        raise
    if not result.ok:
        discard_upload(stored)
        return Preview(result=result, token="", zone=zone)
    return Preview(result=result, token=stored.token, zone=zone)


def commit_upload(*, user: User, token: str) -> ImportResult:
    """Import a previewed file. UploadMissing if gone; PermissionDenied if not the user's."""
    stored: StoredUpload = load_upload(token=token, user_id=user.pk)
    zone = zones_visible_to(user=user).filter(pk=stored.zone_id).first()
    if zone is None:
        discard_upload(stored)
        raise UploadMissing(token)
    try:
        return import_enterprises(
            path=stored.path, actor=user, default_zone=zone, file_name=stored.file_name
        )
    finally:
        discard_upload(stored)
