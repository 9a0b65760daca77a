"""What the appeal page tests share: the URLs and sending an action form as the page does."""

from django.urls import reverse

from yingshang.appeals.models import Appeal

INDEX = reverse("appeals:appeal_index")
CREATE = reverse("appeals:appeal_create")


def detail_url(appeal) -> str:
    return reverse("appeals:appeal_detail", args=[appeal.pk])


def act_url(appeal) -> str:
    return reverse("appeals:appeal_act", args=[appeal.pk])


def post_action(client, appeal, action: str, version: int | None = None, **fields):
    """Send one action form as the page does: its code, the prefixed fields and the version."""
    if version is None:
        version = Appeal.objects.get(pk=appeal.pk).version
    data = {"action": action, f"{action}-version": version}
    data |= {f"{action}-{name}": value for name, value in fields.items()}
    return client.post(act_url(appeal), data)


def fresh(appeal) -> Appeal:
    return Appeal.objects.get(pk=appeal.pk)
