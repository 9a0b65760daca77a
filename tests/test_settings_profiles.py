"""The production profile passes Django's deployment checks and refuses to start without secrets."""

import os
import subprocess
import sys

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


def test_development_profile_flags_its_insecure_key(tmp_path):
    result = run_cli("check", "--deploy", "--fail-level", "WARNING", env={}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr
