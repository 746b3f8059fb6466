"""Flat register exports (`export register`, exchange.md §4): one header row, one record per row,
with the canonical headers and labels of the import kinds (exchange.md §3), so a file can be
edited and imported again.

As .xlsx: text always as text (no formula), dates as dates. As .csv: UTF-8 with BOM by default or
CP932 on request; text that a spreadsheet could take as a formula gets one leading apostrophe
(``csv_guard``), which the importer removes. A character CP932 cannot encode stops the export
with the row and column named, and no file is written.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from branchdesk.domain import enums as E
from branchdesk.domain.errors import InputRejected
from branchdesk.domain.kpi.catalogue import BY_ID
from branchdesk.exchange.quarterly.digest import number_text
from branchdesk.exchange.quarterly.layout import Column
from branchdesk.exchange.quarterly.model import Cell, MonthCell
from branchdesk.exchange.quarterly.sheets import (
    Formats,
    close_workbook,
    new_workbook,
    set_widths,
    write_header,
    write_rows,
)
from branchdesk.exchange.safe_write import atomic_output, csv_guard
from branchdesk.store.connection import Store

ENCODINGS = ("utf-8-sig", "cp932")
#: Characters Python's CP932 codec rejects although Shift_JIS has them under another code point
#: (〜 is 0x8160 everywhere): written as the code point CP932 uses for the same character.
CP932_EQUIVALENTS = str.maketrans({"\u301c": "\uff5e", "\u2212": "\uff0d", "\u2016": "\u2225",
                                   "\u00a2": "\uffe0", "\u00a3": "\uffe1", "\u00ac": "\uffe2",
                                   "\u2014": "\u2015"})
Convert = Callable[[Any], Cell]


@dataclass(frozen=True)
class RegisterExport:
    """One register: its columns (header, converter from the stored value) and its query."""

    name: str
    columns: tuple[tuple[str, Convert], ...]
    sql: str

    @property
    def headers(self) -> list[str]:
        """The header row."""
        return [h for h, _ in self.columns]


def _text(value: Any) -> Cell:
    return None if value is None else str(value)


def _plain(value: Any) -> Cell:
    return value if value is None or isinstance(value, int | float) else str(value)


def _day(value: Any) -> Cell:
    return None if not value else date.fromisoformat(str(value))


def _month(value: Any) -> Cell:
    return None if value is None else MonthCell.of(int(value))


def _coded(table: dict[str, tuple[str, str]]) -> Convert:
    return lambda value: None if value is None else E.label(table, str(value))


def _items(value: Any) -> Cell:
    """宣言項目: a stored JSON list joined with 、, or the text as given."""
    if value is None:
        return None
    try:
        items = json.loads(value)
    except (TypeError, ValueError):
        return str(value)
    return "、".join(str(i) for i in items) if isinstance(items, list) else str(value)


def _kpi_name(value: Any) -> Cell:
    kpi = BY_ID.get(str(value))
    return str(value) if kpi is None else kpi.name_ja


_EMPLOYERS_SQL = """
    WITH latest AS (
        SELECT h.employer_id, h.insured, h.dependents, r.as_of,
               ROW_NUMBER() OVER (PARTITION BY h.employer_id ORDER BY r.as_of DESC) AS n
        FROM employer_headcounts h JOIN employer_registers r ON r.id = h.register_id)
    SELECT e.symbol, e.name, e.name_kana, e.seiri_kigo, e.office_number, e.postal_code,
           e.address, e.municipality_code, e.industry, l.insured, l.dependents, e.applied_on,
           l.as_of, e.lost_on
    FROM employers e LEFT JOIN latest l ON l.employer_id = e.id AND l.n = 1
    ORDER BY e.symbol"""

REGISTERS: dict[str, RegisterExport] = {r.name: r for r in (
    RegisterExport("employers", (
        ("事業所記号", _text), ("事業所名称", _text), ("事業所名称カナ", _text),
        ("事業所整理記号", _text), ("事業所番号", _text), ("郵便番号", _text), ("所在地", _text),
        ("市区町村コード", _text), ("業態区分", _text), ("被保険者数", _plain),
        ("被扶養者数", _plain), ("適用年月日", _day), ("基準日", _day), ("喪失日", _day)),
        _EMPLOYERS_SQL),
    RegisterExport("declarations", (
        ("事業所記号", _text), ("宣言日", _day), ("宣言区分", _coded(E.DECLARATION_KIND)),
        ("状態", _coded(E.DECLARATION_STATUS)), ("取下げ日", _day), ("取下げ理由", _text),
        ("宣言項目", _items), ("カルテ提供日", _day), ("カルテ再提供日", _day),
        ("健康経営優良法人", _text), ("担当者", _text), ("備考", _text)),
        """SELECT e.symbol, d.declared_on, d.kind, d.status, d.withdrawn_on,
                  d.withdrawal_reason, d.items, d.karte_on, d.karte_again_on, d.certification,
                  d.contact_person, d.note
           FROM declarations d JOIN employers e ON e.id = d.employer_id
           ORDER BY e.symbol, d.declared_on"""),
    RegisterExport("committee", (
        ("事業所記号", _text), ("委員氏名", _text), ("委員氏名カナ", _text), ("部署・役職", _text),
        ("委嘱日", _day), ("解嘱日", _day), ("解嘱理由", _coded(E.TERMINATION_REASON)),
        ("電話番号", _text), ("メールアドレス", _text)),
        """SELECT e.symbol, m.name, m.name_kana, m.title, m.appointed_on, m.terminated_on,
                  m.termination_reason, m.phone, m.email
           FROM committee_members m JOIN employers e ON e.id = m.employer_id
           ORDER BY e.symbol, m.appointed_on, m.name_key"""),
    RegisterExport("generic", (
        ("診療年月", _month), ("集計単位", _coded(E.GENERIC_UNIT)), ("コード", _text),
        ("名称", _text), ("レセプト種別", _coded(E.CLAIM_TYPE)), ("後発医薬品数量", _plain),
        ("先発医薬品数量", _plain), ("後発医薬品金額", _plain), ("先発医薬品金額", _plain)),
        """SELECT month, unit, code, name, claim_type, generic_qty, brand_qty, generic_amount,
                  brand_amount FROM generic_stats ORDER BY month, unit, code, claim_type"""),
    RegisterExport("biosimilar", (
        ("診療年月", _month), ("成分名", _text), ("医療機関コード", _text),
        ("バイオシミラー数量", _plain), ("先行バイオ医薬品数量", _plain)),
        """SELECT month, ingredient, NULLIF(institution_code, ''), bs_qty, ref_qty
           FROM biosimilar_stats ORDER BY month, ingredient_key, institution_code"""),
    RegisterExport("referrals", (
        ("対象者番号", _text), ("事業所記号", _text), ("健診受診日", _day), ("年齢", _plain),
        ("性別", _coded(E.SEX)), ("収縮期血圧", _plain), ("拡張期血圧", _plain),
        ("空腹時血糖", _plain), ("HbA1c", _plain), ("LDLコレステロール", _plain), ("eGFR", _plain),
        ("尿蛋白", _coded(E.URINE_PROTEIN)), ("一次勧奨日", _day)),
        """SELECT c.person_key, e.symbol, c.checkup_on, c.age, c.sex, c.sbp, c.dbp, c.fpg,
                  c.hba1c, c.ldl, c.egfr, c.urine_protein, c.first_notice_on
           FROM referral_cases c LEFT JOIN employers e ON e.id = c.employer_id
           ORDER BY c.checkup_on, c.person_key"""),
    RegisterExport("visits", (
        ("対象者番号", _text), ("健診受診日", _day), ("初回受診日", _day),
        ("確認方法", _coded(E.VISIT_SOURCE))),
        """SELECT person_key, checkup_on, visit_on, visit_source FROM referral_cases
           WHERE visit_on IS NOT NULL ORDER BY checkup_on, person_key"""),
    RegisterExport("followups", (
        ("対象者番号", _text), ("健診受診日", _day), ("勧奨日", _day),
        ("方法", _coded(E.FOLLOWUP_METHOD)), ("結果", _coded(E.FOLLOWUP_RESULT)),
        ("担当者", _text)),
        """SELECT c.person_key, c.checkup_on, a.acted_on, a.method, a.result, a.staff
           FROM referral_actions a JOIN referral_cases c ON c.id = a.case_id
           ORDER BY c.checkup_on, c.person_key, a.acted_on, a.method"""),
    RegisterExport("kpi_sheet", (
        ("年度", _plain), ("指標", _kpi_name), ("目標", _text), ("実績", _text),
        ("前年度実績", _text)),
        """SELECT fy, kpi_id, target, value, previous FROM kpi_sheet_rows ORDER BY fy, id"""),
)}


def _kpi_values(raw: Sequence[Any], cells: list[Cell]) -> list[Cell]:
    """KPI values as people and the importer read them unambiguously: "95.8%" for % rows."""
    kpi = BY_ID.get(str(raw[1]))
    cells[2:] = [_kpi_value(kpi is not None and kpi.is_ratio, v) for v in raw[2:]]
    return cells


def _kpi_value(is_ratio: bool, value: float | None) -> Cell:
    if value is None:
        return None
    if not is_ratio:
        return value
    points = (Decimal(repr(float(value))) * 100).normalize()
    return f"{points:f}%"


ROW_HOOKS: dict[str, Callable[[Sequence[Any], list[Cell]], list[Cell]]] = {
    "kpi_sheet": _kpi_values}


def register_rows(store: Store, name: str) -> Iterator[list[Cell]]:
    """The register's records as typed cells, in key order."""
    register = _register(name)
    converters = [c for _, c in register.columns]
    hook = ROW_HOOKS.get(name)
    for raw in store.conn.execute(register.sql):
        cells = [convert(v) for convert, v in zip(converters, raw, strict=True)]
        yield cells if hook is None else hook(raw, cells)


def _register(name: str) -> RegisterExport:
    register = REGISTERS.get(name)
    if register is None:
        raise InputRejected("register_name_unknown", name=name, allowed=", ".join(REGISTERS))
    return register


def export_register(store: Store, name: str, path: Path, encoding: str | None = None) -> int:
    """Write register ``name`` to ``path`` (.xlsx or .csv by suffix); returns the record count.

    ``encoding`` (CSV only): "utf-8-sig" (default) or "cp932".
    """
    register = _register(name)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputRejected("register_export_suffix", path=str(path))
    if encoding is not None and suffix != ".csv":
        raise InputRejected("register_encoding_csv_only", path=str(path))
    rows = register_rows(store, name)
    with atomic_output(path) as temp:
        if suffix == ".csv":
            count = write_csv(register.headers, rows, temp, encoding or "utf-8-sig")
        else:
            count = write_xlsx(register, rows, temp, path)
    return count


def csv_text(value: Cell) -> str:
    """A cell as CSV text: dates ISO, months YYYY/MM, numbers plain, text guarded."""
    if value is None:
        return ""
    if isinstance(value, MonthCell):
        return f"{value.year:04d}/{value.month:02d}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return number_text(value)
    return csv_guard(value)


def write_csv(headers: Sequence[str], rows: Iterator[list[Cell]], path: Path,
              encoding: str) -> int:
    """Write a CSV file; CP932 output refuses a character it cannot encode (row, column)."""
    if encoding not in ENCODINGS:
        raise InputRejected("register_encoding_csv_only", path=str(path))
    cp932 = encoding == "cp932"
    count = 0
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(headers)
        for count, row in enumerate(rows, start=1):
            texts = [csv_text(v) for v in row]
            if cp932:
                texts = [t.translate(CP932_EQUIVALENTS) for t in texts]
                _check_cp932(texts, headers, count + 1)
            writer.writerow(texts)
    return count


def _check_cp932(texts: list[str], headers: Sequence[str], line: int) -> None:
    """Refuse the first cell of a row that CP932 cannot encode (``line``: its CSV row)."""
    try:
        "".join(texts).encode("cp932")
        return
    except UnicodeEncodeError:
        pass
    for header, text in zip(headers, texts, strict=True):
        try:
            text.encode("cp932")
        except UnicodeEncodeError as e:
            char = text[e.start]
            raise InputRejected("register_cp932_unencodable", row=line, column=header,
                                char=char, codepoint=f"U+{ord(char):04X}") from None


def write_xlsx(register: RegisterExport, rows: Iterator[list[Cell]], temp: Path,
               target: Path) -> int:
    """Write one sheet named after the register: header row, then the records."""
    book = new_workbook(temp)
    formats = Formats(book)
    sheet = book.add_worksheet(register.name)
    columns = [Column(h, "text") for h in register.headers]
    write_header(sheet, 0, register.headers, formats)
    count, block = 0, []
    for row in rows:
        block.append(row)
        if len(block) == 5000:
            if count == 0:
                set_widths(sheet, [register.headers], block)
            write_rows(sheet, count + 1, block, columns, formats)
            count, block = count + len(block), []
    if count == 0:
        set_widths(sheet, [register.headers], block)
    write_rows(sheet, count + 1, block, columns, formats)
    count += len(block)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, count, len(columns) - 1)
    close_workbook(book, target)
    return count
