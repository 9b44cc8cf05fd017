"""Background work for voorlichting through Django's tasks interface."""

from __future__ import annotations

from django_tasks import task


@task()
def generate_letters(run_id: int) -> str:
    """Make the letters of one LetterRun; safe to run again (see ``letters.py``)."""
    from .letters import generate_letter_run

    return generate_letter_run(run_id=run_id)
