"""Forms of the portal pages."""

from django import forms

from yingshang.audit.templatetags.audit import verb_choices
from yingshang.lib.forms import FilterForm


class AuditFilterForm(FilterForm):
    verb = forms.ChoiceField(label="动作", required=False)
    after = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    # The previous page's cursor (lib.paging.keyset_page's `before`), for a 上一页 link.
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verb"].choices = [("", "全部动作"), *verb_choices()]
