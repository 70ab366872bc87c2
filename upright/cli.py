"""`upright GROUP VERB ...` runs the management command `GROUP_VERB` (for example
`upright workdays add` runs `workdays_add`; a hyphen in VERB is an underscore, so
`upright people import-transfer` runs `people_import_transfer`); anything else goes to
manage.py unchanged."""

import os
import sys


def translate(argv: list[str], known: set[str]) -> list[str]:
    if len(argv) >= 2 and f"{argv[0]}_{argv[1].replace('-', '_')}" in known:
        return [f"{argv[0]}_{argv[1].replace('-', '_')}", *argv[2:]]
    return argv


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    sys.path.insert(0, os.getcwd())
    import django
    from django.core.management import execute_from_command_line, get_commands

    django.setup()
    argv = translate(sys.argv[1:], set(get_commands()))
    execute_from_command_line(["upright", *argv])


if __name__ == "__main__":
    main()
