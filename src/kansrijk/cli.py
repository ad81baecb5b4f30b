"""The `kansrijk` console command: Django's manage.py under the product's own name."""

import os
import sys

# Dashed spellings of commands whose Django name has an underscore.
ALIASES = {"rotate-keys": "rotate_keys"}


def with_aliases(argv: list[str]) -> list[str]:
    """`kansrijk rotate-keys …` → `kansrijk rotate_keys …` (also after `kansrijk help`)."""
    position = 2 if argv[1:2] == ["help"] else 1
    if len(argv) > position and argv[position] in ALIASES:
        return [*argv[:position], ALIASES[argv[position]], *argv[position + 1 :]]
    return argv


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kansrijk.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(with_aliases(sys.argv))


if __name__ == "__main__":
    main()
