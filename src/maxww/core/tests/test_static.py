"""Production static files: collectstatic with the hashed manifest storage works."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]


def test_collectstatic_builds_the_production_manifest(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "maxww.conf.production",
        "SECRET_KEY": "x" * 50,
        "FIELD_ENCRYPTION_KEY": "k",
        "STATIC_ROOT": str(tmp_path),
        "DEBUG": "false",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "maxww", "collectstatic", "--no-input", "-v", "0"],
        cwd=REPO / "src",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()
