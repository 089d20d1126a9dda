"""Refresh the web application's catalogues: extract, fill English from pending files, compile.

    uv run python scripts/i18n.py            # extract + fill + compile; lists German strings still untranslated
    uv run python scripts/i18n.py --check    # exit 1 if any German string has no English translation

German is the source language (msgids are German). New English translations can be written directly into
``locale/en/LC_MESSAGES/django.po`` or, while several people work side by side, into a pending file
``locale/pending/<topic>.json`` (``{"German msgid": "English text"}``; for a plural ``["singular", "plural"]``); this script fills empty English entries
from those files. A file lock keeps two runs from overwriting each other's catalogue.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import polib

REPO = pathlib.Path(__file__).resolve().parents[1]
WEB = REPO / "src" / "bleiberecht" / "web"
LOCALE = WEB / "locale"
PENDING = LOCALE / "pending"


def _pending() -> dict[str, str | list[str]]:
    found: dict[str, str | list[str]] = {}
    for path in sorted(PENDING.glob("*.json")):
        found.update(json.loads(path.read_text(encoding="utf-8")))
    return found


def _django_admin(*args: str) -> None:
    # makemessages runs inside the package: keep the dev settings' data folder (secret key) out of it
    data = pathlib.Path(tempfile.gettempdir()) / "bleiberecht-i18n-data"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bleiberecht.web.settings.dev",
        "BLEIBERECHT_DATA": str(data),
    }
    admin = pathlib.Path(sys.executable).with_name("django-admin")
    subprocess.run([str(admin), *args], cwd=WEB, env=env, check=True, capture_output=True)


def refresh() -> list[str]:
    _django_admin("makemessages", "-l", "de", "-l", "en", "--no-location", "--no-obsolete")
    english = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"), wrapwidth=0)
    pending = _pending()
    missing = []
    for entry in english:
        plural = bool(entry.msgid_plural)
        translated = (all(entry.msgstr_plural.values()) and entry.msgstr_plural) if plural else entry.msgstr
        # msgmerge's fuzzy guesses ("fertig" -> "Skill") are wrong and never compiled: fill or empty them
        if translated and "fuzzy" not in entry.flags:
            continue
        text = pending.get(entry.msgid)
        if text is None:
            missing.append(entry.msgid)
            if "fuzzy" in entry.flags:  # an old guess: empty, so it shows as missing
                entry.msgstr, entry.msgstr_plural = "", {k: "" for k in entry.msgstr_plural}
                entry.flags.remove("fuzzy")
            continue
        if plural:  # pending value for a plural: [singular, plural]
            entry.msgstr_plural = {0: text[0], 1: text[1]}
        else:
            entry.msgstr = text
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
    english.save()
    _django_admin("compilemessages", "-l", "de", "-l", "en")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fail if a German string has no English text")
    args = parser.parse_args()
    with open("/tmp/bleiberecht-i18n.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        missing = refresh()
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{len(missing)} German strings without English text")
    return 1 if (args.check and missing) else 0


if __name__ == "__main__":
    raise SystemExit(main())
