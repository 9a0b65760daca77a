"""Forms of the portal pages."""

from django import forms

from yingshang.audit.templatetags.audit import verb_choices


class AuditFilterForm(forms.Form):
    verb = forms.ChoiceField(label="动作", required=False)
    after = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verb"].choices = [("", "全部动作"), *verb_choices()]
