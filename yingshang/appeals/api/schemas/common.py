"""What the appeal schemas share: the code lists as literal types and their descriptions."""

from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from yingshang.core.appeals.kinds import CHANNEL_LABELS, Channel
from yingshang.core.appeals.ratings import LEVEL_LABELS, Level
from yingshang.core.appeals.workflow import ACTION_LABELS, STATE_LABELS, Action, State

StateValue = Literal[tuple(s.value for s in State)]
ChannelValue = Literal[tuple(c.value for c in Channel)]
LevelValue = Literal[tuple(level.value for level in Level)]


def _choices(pairs: Any) -> str:
    return "; ".join(f"{value} {label}" for value, label in pairs)


STATE_DESCRIPTION = "诉求状态: " + _choices((s.value, STATE_LABELS[s]) for s in State)
CHANNEL_DESCRIPTION = "来源渠道: " + _choices((c.value, CHANNEL_LABELS[c]) for c in Channel)
ACTION_DESCRIPTION = "操作: " + _choices((a.value, ACTION_LABELS[a]) for a in Action)
LEVEL_DESCRIPTION = "评价等级: " + _choices((v.value, LEVEL_LABELS[v]) for v in Level)
VERSION_DESCRIPTION = "读取时得到的诉求版本号；期间他人已修改则返回 409"


def person(user: Any) -> str:
    return str(user) if user is not None else "系统"


class NamedRef(Schema):
    id: int
    name: str = Field(description="名称")


class VersionIn(Schema):
    """A workflow action that needs nothing but the version read."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description=VERSION_DESCRIPTION)
