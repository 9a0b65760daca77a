"""The production profile passes Django's deployment checks and refuses to start without secrets."""

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "YINGSHANG_PROFILE": "production",
    "YINGSHANG_SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-0123456789",
    "YINGSHANG_ALLOWED_HOSTS": "yingshang.example.gov.cn",
}


def run_cli(*args: str, env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "YINGSHANG_DATA_DIR": str(tmp_path), **env}
    full_env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "yingshang", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_profile_passes_check_deploy(tmp_path):
    result = run_cli(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_profile_refuses_missing_secret(tmp_path):
    env = {**PRODUCTION_ENV, "YINGSHANG_SECRET_KEY": ""}
    result = run_cli("check", env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "YINGSHANG_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("secret", [None, "short-secret"])
@pytest.mark.parametrize("command", [("check",), ("demo",), ("serve", "--help")])
def test_production_profile_without_secret_says_one_line(tmp_path, secret, command):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "YINGSHANG_SECRET_KEY"}
    if secret is not None:
        env["YINGSHANG_SECRET_KEY"] = secret
    full_env = {**os.environ, "YINGSHANG_DATA_DIR": str(tmp_path), **env}
    full_env.pop("DJANGO_SETTINGS_MODULE", None)
    if secret is None:
        full_env.pop("YINGSHANG_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "yingshang", *command],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "生产环境必须设置 YINGSHANG_SECRET_KEY (至少 50 个字符)"
    ]


def test_development_profile_flags_its_insecure_key(tmp_path):
    result = run_cli("check", "--deploy", "--fail-level", "WARNING", env={}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr
