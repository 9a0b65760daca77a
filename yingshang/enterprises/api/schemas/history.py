"""An enterprise's change history: its audit events."""

from datetime import datetime
from typing import Any

from ninja import Field, Schema


class AuditEventOut(Schema):
    id: int
    occurred_at: datetime = Field(description="时间")
    actor_label: str = Field(description="操作人")
    verb: str = Field(description="动作，如 enterprise.created、enterprise.updated")
    before: dict[str, Any] | None = Field(description="变更前的字段值")
    after: dict[str, Any] | None = Field(description="变更后的字段值")
    reason: str = Field(description="原因")
