"""yingshang create-token USERNAME [--name N] [--days D]: issue an API token, print it once."""

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from yingshang.api.services import issue_token


class Command(BaseCommand):
    help = "为用户签发接口令牌 (Bearer); 令牌明文只显示这一次"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="用户登录名")
        parser.add_argument("--name", default="命令行签发", help="令牌用途说明")
        parser.add_argument("--days", type=int, default=None, help="有效天数；不填则长期有效")

    def handle(
        self, *args: Any, username: str, name: str, days: int | None, **options: Any
    ) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在")
        if days is not None and days < 1:
            raise CommandError("--days 必须是正整数")
        expires_at = timezone.now() + timedelta(days=days) if days else None
        try:
            token, plaintext = issue_token(user=user, name=name, expires_at=expires_at)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(plaintext)
        until = timezone.localtime(expires_at).strftime("%Y-%m-%d %H:%M") if expires_at else "长期"
        self.stderr.write(
            f"已为 {user} 签发令牌“{token.name}” (前缀 {token.prefix}，有效期至 {until})。"
            "令牌明文只显示这一次，请妥善保存；使用方式: Authorization: Bearer <令牌>"
        )
