"""Uploaded import files kept between the preview and the commit, under MEDIA_ROOT/imports/.

Each upload is stored as <token><suffix> with a small <token>.json naming its owner; only the
owner may commit it. Files older than a day are removed when a new one is stored.
"""

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile

from yingshang.lib.tabular.readers import check_suffix

MAX_AGE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


class UploadMissing(LookupError):
    """No stored upload under this token (expired, committed, or never made)."""


@dataclass(frozen=True)
class StoredUpload:
    token: str
    path: Path
    file_name: str
    user_id: int
    zone_id: int


def upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _meta_path(token: str) -> Path:
    return upload_dir() / f"{token}.json"


def _remove_stale(now: float) -> None:
    for path in upload_dir().glob("*"):
        if path.is_file() and now - path.stat().st_mtime > MAX_AGE_SECONDS:
            path.unlink(missing_ok=True)


def store_upload(*, uploaded: UploadedFile, user_id: int, zone_id: int) -> StoredUpload:
    """Save the upload under a random token; FileProblem if its type is not supported."""
    suffix = check_suffix(uploaded.name or "")
    directory = upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _remove_stale(time.time())
    token = secrets.token_urlsafe(24)
    path = directory / f"{token}{suffix}"
    with path.open("wb") as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
    meta = {"file": path.name, "name": uploaded.name, "user": user_id, "zone": zone_id}
    _meta_path(token).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return StoredUpload(token, path, uploaded.name or path.name, user_id, zone_id)


def load_upload(*, token: str, user_id: int) -> StoredUpload:
    """The upload stored under `token`, if it belongs to `user_id`."""
    if not _TOKEN.fullmatch(token) or not _meta_path(token).is_file():
        raise UploadMissing(token)
    meta = json.loads(_meta_path(token).read_text(encoding="utf-8"))
    path = upload_dir() / meta["file"]
    if not path.is_file():
        raise UploadMissing(token)
    if meta["user"] != user_id:
        raise PermissionDenied("只能提交本人上传的文件")
    return StoredUpload(token, path, meta["name"], meta["user"], meta["zone"])


def discard_upload(upload: StoredUpload) -> None:
    upload.path.unlink(missing_ok=True)
    _meta_path(upload.token).unlink(missing_ok=True)
