"""The Chinese names of audit verbs, registered by the app that records them.

Each module lists its verbs (`<noun>.<past participle>`) with their labels in its `events.py`
and registers them when the app loads (`AppConfig.ready`), so the audit trail names every event
without knowing the modules. A verb that was renamed keeps its old spelling in events already
stored (the trail is append-only): `legacy` maps old spellings to the current verb, so old
events keep their label and a filter by the current verb finds them too.
"""

from collections.abc import Mapping

_LABELS: dict[str, str] = {
    "user.created": "新增用户",
    "user.updated": "修改用户",
    "user.deleted": "删除用户",
    "user.password_changed": "修改本人密码",
    "user.password_reset": "重置用户密码",
    "user.logged_in": "登录",
    "user.login_failed": "登录失败",
    "user.logged_out": "退出登录",
    "user.locked_out": "账号锁定",
    "zone.created": "新增功能区",
    "zone.updated": "修改功能区",
    "department.created": "新增部门",
    "department.updated": "修改部门",
    "department.deleted": "删除部门",
    "qualification.created": "新增企业资质",
    "qualification.updated": "修改企业资质",
    "qualification.deleted": "删除企业资质",
    # The calendar's and the demo's, which have no events module to register them.
    "calendaryear.seeded": "导入放假安排",
    "calendaryear.published": "发布放假安排",
    "calendaryear.unpublished": "撤回放假安排",
    "calendarday.created": "新增节假日与调休",
    "calendarday.updated": "修改节假日与调休",
    "calendarday.deleted": "删除节假日与调休",
    "demo.built": "生成演示数据",
}
_LEGACY: dict[str, str] = {}

# Signing in and out: kept in the trail and on the audit page, left out of the home pages'
# "recent changes" (a user's own login would always head the list).
SESSION_VERBS = frozenset(
    {"user.logged_in", "user.login_failed", "user.logged_out", "user.locked_out"}
)


class VerbError(ValueError):
    """A verb registered twice with different labels, or a legacy name for an unknown verb."""


def register(labels: Mapping[str, str], *, legacy: Mapping[str, str] | None = None) -> None:
    for verb, label in labels.items():
        if _LABELS.get(verb, label) != label:
            raise VerbError(f"audit verb {verb!r} registered with two labels")
        _LABELS[verb] = label
    for old, new in (legacy or {}).items():
        if new not in _LABELS:
            raise VerbError(f"legacy verb {old!r} names an unknown verb {new!r}")
        _LEGACY[old] = new


def current(verb: str) -> str:
    """The verb as it is spelled now."""
    return _LEGACY.get(verb, verb)


def label(verb: str) -> str | None:
    return _LABELS.get(current(verb))


def spellings(verb: str) -> list[str]:
    """Every spelling stored events may carry for this verb: itself and its old names."""
    return [verb, *sorted(old for old, new in _LEGACY.items() if new == verb)]


def labels() -> dict[str, str]:
    return dict(_LABELS)
