"""The upload form: a file and the zone that rows without one go to."""

from django import forms

from yingshang.kernel.access import zones_visible_to
from yingshang.kernel.models import User, Zone
from yingshang.lib.forms import EntryForm

MAX_UPLOAD_BYTES = 100 * 1024 * 1024


class ImportUploadForm(EntryForm):
    file = forms.FileField(label="导入文件", help_text="Excel (.xlsx) 或 CSV (.csv) 文件")
    zone = forms.ModelChoiceField(
        label="默认功能区",
        queryset=Zone.objects.none(),
        empty_label=None,
        help_text="“功能区”一列未填写时，新增的市场主体登记到该功能区",
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        zones = zones_visible_to(user=user)
        self.fields["zone"].queryset = zones
        if user.zone_id is not None:
            self.fields["zone"].initial = user.zone_id

    def clean_file(self) -> object:
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "文件超过100MB，请分成几个文件，或由管理员用命令 yingshang import-enterprises 导入"
            )
        return uploaded
