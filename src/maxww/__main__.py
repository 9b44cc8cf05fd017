"""The `maxww` command: Django's management entry point with maxww's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. ``maxww demo load`` or ``maxww rules ww``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maxww.conf.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["maxww", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
