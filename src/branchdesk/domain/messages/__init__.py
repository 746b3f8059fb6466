"""The one message catalogue (ja/en), shared by the command line, the app and error reports.

Each submodule holds ``MESSAGES = {code: (japanese, english)}`` for one area, with
``str.format`` placeholders. Codes are unique across submodules.
"""

from __future__ import annotations

from typing import Any

from branchdesk.domain.messages import (
    admin,
    cli,
    columns,
    common,
    importing,
    kpi,
    parse,
    planner,
    reading,
    registers,
    report,
    store,
    templates,
    wizard,
    worklist,
)

LANGS = ("ja", "en")


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in (common, parse, store, registers, kpi, cli, reading, columns, importing,
                   report, templates, wizard, worklist, planner, admin):
        for code, texts in module.MESSAGES.items():
            if code in merged:
                raise RuntimeError(f"duplicate message code {code}")
            merged[code] = texts
    return merged


CATALOGUE: dict[str, tuple[str, str]] = _merge()


def message(code: str, lang: str = "ja", **params: Any) -> str:
    """Render message ``code`` in ``lang``; unknown codes fall back to the code itself."""
    texts = CATALOGUE.get(code)
    if texts is None:
        return code + (f" {params}" if params else "")
    template = texts[1] if lang == "en" else texts[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
