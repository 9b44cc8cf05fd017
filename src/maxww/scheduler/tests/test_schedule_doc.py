"""docs/deploy.md lists the schedule exactly as the code runs it."""

from __future__ import annotations

import re
from pathlib import Path

from maxww.scheduler.jobs import SCHEDULE

DOC = Path(__file__).resolve().parents[4] / "docs" / "deploy.md"
ROW = re.compile(r"^\| `([a-z-]+)` \| `([^`]+)` \| `maxww ([^`]+)`", re.MULTILINE)


def test_every_scheduled_job_is_documented_with_its_time_and_command():
    documented = {
        name: (cron, command) for name, cron, command in ROW.findall(DOC.read_text())
    }
    in_code = {job.name: (job.cron, " ".join(job.command)) for job in SCHEDULE}
    assert documented == in_code
