"""`yingshang serve`: the site with waitress, the pure-Python WSGI server (no build tools needed).

Static files come from WhiteNoise in the middleware: in development it finds them in the apps,
in production it serves what `yingshang collectstatic` gathered.
"""

from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_THREADS = 8
ANY_ADDRESS = ("0.0.0.0", "::")


def add_server_arguments(parser: CommandParser) -> None:
    parser.add_argument("--host", default=DEFAULT_HOST, help="监听地址 (默认 127.0.0.1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="端口 (默认 8000)")
    parser.add_argument(
        "--threads", type=int, default=DEFAULT_THREADS, help="处理请求的线程数 (默认 8)"
    )


def site_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ANY_ADDRESS else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def serving_warnings(host: str) -> list[str]:
    """What would make the site unreachable or unstyled when served on `host`."""
    warnings = []
    if host in ANY_ADDRESS:
        warnings.append(
            "正在监听所有网络地址: 请用 YINGSHANG_ALLOWED_HOSTS 列出访问本站所用的域名或 IP"
        )
    elif host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        warnings.append(f"{host} 不在 YINGSHANG_ALLOWED_HOSTS 中，请求将被拒绝 (HTTP 400)")
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if settings.PRODUCTION and not manifest.exists():
        warnings.append("生产环境需要先运行 `yingshang collectstatic --noinput` 收集静态文件")
    return warnings


def serve_site(*, host: str, port: int, threads: int, stdout: TextIO) -> None:
    """Serve until interrupted."""
    from waitress import serve

    # WhiteNoise also looks in STATIC_ROOT, and warns when it is missing.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    from yingshang.config.wsgi import application

    for warning in serving_warnings(host):
        stdout.write(f"注意: {warning}\n")
    stdout.write(f"网站地址: {site_url(host, port)}  (按 Ctrl+C 停止)\n")
    stdout.flush()
    serve(application, host=host, port=port, threads=threads, ident="yingshang")


class Command(BaseCommand):
    help = "用 waitress 提供网站服务 (生产环境用法: yingshang serve --host 0.0.0.0 --port 8000)"

    def add_arguments(self, parser: CommandParser) -> None:
        add_server_arguments(parser)

    def handle(self, *args: Any, host: str, port: int, threads: int, **options: Any) -> None:
        serve_site(host=host, port=port, threads=threads, stdout=self.stdout)
