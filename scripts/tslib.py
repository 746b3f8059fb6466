"""Shared steps of the ``translations_*_ja.py`` scripts: lupdate over some modules into one .ts,
fill the Japanese from a dictionary, lrelease to the .qm the app loads.

Each area of the UI has its own script and .ts file (``resources/translations/<area>_ja.ts``) so
that areas are translated independently; ``i18n.translation_files`` loads every ``*_ja.qm``.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def fill(path: Path, ja: dict[str, str],
         ja_by_context: dict[tuple[str, str], str] | None = None) -> list[str]:
    """Fill every message of the .ts ``path``; return the sources that have no Japanese."""
    by_context = ja_by_context or {}
    tree = ET.parse(path)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            source = msg.findtext("source") or ""
            text = by_context.get((name, source), ja.get(source))
            node = msg.find("translation")
            assert node is not None
            if text is None:
                missing.append(f"{name}: {source}")
                continue
            node.text = text
            node.attrib.pop("type", None)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing


def build(area: str, sources: list[str], ja: dict[str, str],
          ja_by_context: dict[tuple[str, str], str] | None = None) -> int:
    """lupdate ``sources`` into ``resources/translations/<area>_ja.ts``, fill it, lrelease it;
    returns 1 (after listing them) when a source text has no Japanese, else 0."""
    ts = ROOT / "resources" / "translations" / f"{area}_ja.ts"
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True)
    missing = fill(ts, ja, ja_by_context)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                   cwd=ROOT, check=True, capture_output=True)
    for text in missing:
        print("no Japanese for", text, file=sys.stderr)
    return 1 if missing else 0
