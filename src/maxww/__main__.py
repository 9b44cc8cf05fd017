"""The `maxww` command: Django's management entry point with maxww's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. ``maxww demo load`` or ``maxww rules ww``.

    ``maxww rules`` is pure Python (no database, no personal data), so it runs
    without starting Django: a national batch does not pay for the app registry.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["rules"]:
        from maxww.rules.cli import main as rules_main

        raise SystemExit(rules_main(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maxww.conf.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["maxww", *args])


if __name__ == "__main__":
    main()
