"""Schemas of the user's own notifications."""

from datetime import datetime

from ninja import Field, Schema


class NotificationOut(Schema):
    id: int
    verb: str = Field(description="类型")
    text: str = Field(description="内容")
    link: str = Field(description="链接")
    created_at: datetime = Field(description="时间")
    read_at: datetime | None = Field(description="已读时间；未读为 null")


class NotificationQuery(Schema):
    unread: bool = Field(False, description="只看未读")
