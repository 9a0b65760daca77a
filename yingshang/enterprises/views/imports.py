"""Pages of the enterprise import (营商办 and administrators) and the export (registry readers),
mounted at /registry/import/ (namespace registry_import)."""

import io
import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from yingshang.enterprises.documents.export import export_enterprises, export_file_name
from yingshang.enterprises.forms import filters_from_query
from yingshang.enterprises.imports.flows import commit_upload, preview_upload
from yingshang.enterprises.imports.forms import ImportUploadForm
from yingshang.enterprises.imports.service import allowed_zone_ids
from yingshang.enterprises.imports.template import write_template_csv, write_template_xlsx
from yingshang.enterprises.imports.uploads import UploadMissing
from yingshang.enterprises.imports.vocabulary import build_vocabulary
from yingshang.kernel.access import REGISTRY_READERS, REGISTRY_WRITERS, require_role
from yingshang.lib.files import XLSX
from yingshang.lib.tabular.errors import FileProblem

TEMPLATE_NAME = "市场主体导入模板"


def _require_importer(request: HttpRequest) -> None:
    require_role(request.user, *REGISTRY_WRITERS)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: store and check the file, then show the preview or the errors."""
    _require_importer(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            preview = preview_upload(
                user=request.user,
                uploaded=form.cleaned_data["file"],
                zone=form.cleaned_data["zone"],
            )
        except FileProblem as exc:
            form.add_error("file", str(exc))
        else:
            return render(request, "registry/import/preview.html", {"preview": preview})
    return render(request, "registry/import/upload.html", {"form": form})


@login_required
@require_POST
def commit(request: HttpRequest, token: str) -> HttpResponse:
    _require_importer(request)
    try:
        result = commit_upload(user=request.user, token=token)
    except UploadMissing:
        raise Http404("上传的文件已失效 (已导入或已过期)ï¼请重新上传") from None
    except FileProblem as exc:
        raise Http404(str(exc)) from None
    return render(request, "registry/import/result.html", {"result": result})


def _template_response(request: HttpRequest, suffix: str) -> FileResponse:
    _require_importer(request)
    vocabulary = build_vocabulary(allowed_zone_ids=allowed_zone_ids(request.user))
    handle = io.BytesIO()
    writer = write_template_xlsx if suffix == "xlsx" else write_template_csv
    writer(handle, vocabulary=vocabulary)
    handle.seek(0)
    content_type = XLSX if suffix == "xlsx" else "text/csv; charset=utf-8"
    filename = f"{TEMPLATE_NAME}.{suffix}"
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)


@login_required
@require_GET
def template_xlsx(request: HttpRequest) -> FileResponse:
    return _template_response(request, "xlsx")


@login_required
@require_GET
def template_csv(request: HttpRequest) -> FileResponse:
    return _template_response(request, "csv")


@login_required
@require_GET
def export(request: HttpRequest) -> FileResponse:
    """The enterprises the user may see, under the list page's filters, as .xlsx."""
    require_role(request.user, *REGISTRY_READERS)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, which deletes it)
    export_enterprises(
        user=request.user, filters=filters_from_query(request.GET, user=request.user), out=handle
    )
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=export_file_name(), content_type=XLSX)
