"""Background work for voorlichting through Django's tasks interface.

``generate_letters`` lives in ``letters.py`` beside the letter runs it works
on (one import direction, no cycle); it is re-exported here, where the
project's tasks are looked for, and tasks queued under this path still run.
"""

from __future__ import annotations

from .letters import generate_letters

__all__ = ["generate_letters"]
