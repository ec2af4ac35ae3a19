#!/usr/bin/env python3
"""Fill msgstr in the Indonesian catalogue from Python dicts given as files (a maintenance aid).

Usage: python scripts/translate_fill.py FILE.py [FILE.py ...]; each file defines dicts whose
keys are msgids (or (singular, plural) tuples) and values the Indonesian text. Existing
translations are kept; fuzzy guesses are dropped.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import polib

PO = (
    Path(__file__).resolve().parent.parent
    / "tuntas"
    / "locale"
    / "id"
    / "LC_MESSAGES"
    / "django.po"
)


def main(paths: list[str]) -> None:
    table: dict[object, str] = {}
    for path in paths:
        for value in runpy.run_path(path).values():
            if isinstance(value, dict):
                table.update(value)
    po = polib.pofile(str(PO))
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Language"] = "id"
    filled = 0
    for entry in po:
        key: object = (entry.msgid, entry.msgid_plural) if entry.msgid_plural else entry.msgid
        if "fuzzy" in entry.flags:
            # A fuzzy entry holds a guess from a similar message: never keep it.
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = {0: ""} if entry.msgid_plural else {}
        if key not in table:
            continue
        if entry.msgid_plural:
            if not entry.msgstr_plural.get(0):
                entry.msgstr_plural = {0: table[key]}
                filled += 1
        elif not entry.msgstr:
            entry.msgstr = table[key]
            filled += 1
    po.save()
    missing = [e.msgid for e in po if not e.translated()]
    print(f"filled {filled}; untranslated left: {len(missing)}")
    for msgid in missing:
        print("  ", repr(msgid))


if __name__ == "__main__":
    main(sys.argv[1:])
