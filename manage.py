#!/usr/bin/env python3
"""Django's command-line utility for Tuntas."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuntas.settings")
    if not (os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE")):
        # An unconfigured checkout is a developer's: commands run in development mode there.
        # A server sets SECRET_KEY, so DEBUG stays off unless it is asked for explicitly.
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
