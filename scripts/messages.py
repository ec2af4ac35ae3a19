#!/usr/bin/env python3
"""Keep the Indonesian catalogue complete and compiled, without GNU gettext at run time.

  compile  write django.mo from django.po (pure Python, via polib)
  check    fail when a message is untranslated or fuzzy, or django.mo is out of date; where GNU
           gettext is installed (CI), first extract the strings again so that new text in the
           code that never reached the catalogue is caught too.

Message ids are English; Indonesian is the default language, so its catalogue must be complete.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "tuntas" / "locale"
LANGUAGES = ["id"]


def catalogues() -> list[Path]:
    return [LOCALE / lang / "LC_MESSAGES" / "django.po" for lang in LANGUAGES]


def compile_all() -> None:
    for po_path in catalogues():
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(ROOT)}")


def extract() -> None:
    """Re-extract into the catalogues; keep the file untouched when only the header changed."""
    before = {p: p.read_text(encoding="utf-8") for p in catalogues()}
    env = {**os.environ, "DEBUG": "1"}
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-obsolete",
            *[arg for lang in LANGUAGES for arg in ("--locale", lang)],
            "--ignore",
            ".venv/*",
            "--ignore",
            "static/*",
            "--ignore",
            "var/*",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    for path, text in before.items():
        old = {(e.msgctxt, e.msgid, e.msgid_plural) for e in polib.pofile(text)}
        new = {(e.msgctxt, e.msgid, e.msgid_plural) for e in polib.pofile(str(path))}
        if old == new:
            path.write_text(text, encoding="utf-8")


def check() -> int:
    if shutil.which("xgettext"):
        extract()
    problems: list[str] = []
    for po_path in catalogues():
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.obsolete:
                continue
            where = f"{po_path.relative_to(ROOT)}: {entry.msgid[:70]!r}"
            if "fuzzy" in entry.flags:
                problems.append(f"fuzzy: {where}")
            elif not entry.translated():
                problems.append(f"untranslated: {where}")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            problems.append(f"missing {mo_path.relative_to(ROOT)}: run `make messages`")
            continue
        compiled = {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in polib.mofile(str(mo_path))
            if e.msgid
        }
        wanted = {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in po.translated_entries()
            if e.msgid
        }
        if compiled != wanted:
            problems.append(f"{mo_path.relative_to(ROOT)} is out of date: run `make messages`")
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} translation problem(s).")
        return 1
    print("translations complete.")
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "compile":
        compile_all()
        sys.exit(0)
    sys.exit(check())
