"""The fields of every import kind (exchange.md §3): headers, synonyms, types, keys.

Each ``FieldSpec`` names the record key it fills (the keys of the store's record TypedDicts), its
canonical header and synonyms, its cell type (a parser of ``validate_cells``), and whether the
cell or only the column is required. Fields with ``record=False`` are read for a check only
(使用割合, 基準日, 方向, 目標種別) and never reach a record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TypedDict

from branchdesk.domain import enums
from branchdesk.domain.normalize import nfkc

CellType = Literal[
    "text", "symbol", "int", "number", "percent", "date", "month", "code", "municipality",
    "institution", "postal", "office_number", "person_key", "urine_protein", "items", "fy",
    "kpi", "kpi_value", "raw",
]


class KpiSheetRecord(TypedDict, total=False):
    """One entered row of the KPI sheet (table ``kpi_sheet_rows``); % values as fractions."""

    fy: int
    kpi_id: str
    target: float | None
    value: float | None
    previous: float | None


def code_key(text: str) -> str:
    """How a coded cell is compared with labels: NFKC, whitespace removed, case-folded."""
    return "".join(nfkc(text).split()).casefold()


def _codes(table: Mapping[str, tuple[str, str]], **synonyms: tuple[str, ...]) -> dict[str, str]:
    """Label → code: every code, Japanese and English label of ``table``, plus ``synonyms``."""
    codes: dict[str, str] = {}
    for code, labels in table.items():
        for text in (code, *labels):
            codes[code_key(text)] = code
    for code, words in synonyms.items():
        for word in words:
            codes[code_key(word)] = code
    return codes


@dataclass(frozen=True)
class FieldSpec:
    """One column of a kind: the record key it fills and how its cells are read."""

    name: str
    header: str
    synonyms: tuple[str, ...] = ()
    type: CellType = "text"
    required: bool = False  # every row needs a value (blank is an error)
    column: bool = False  # the column must be present (its cells may be blank)
    codes: Mapping[str, str] | None = None  # coded values: code_key(label) → code
    labels: tuple[str, ...] = ()  # the labels shown when a coded value is unknown
    default: str | None = None  # the code a blank cell of a present column means
    record: bool = True  # False: read for a check only, never written
    key_norm: bool = False  # compared in its normalize_key form within the key

    @property
    def needs_column(self) -> bool:
        """True when a sheet of this kind must have the column."""
        return self.required or self.column


@dataclass(frozen=True)
class KindSpec:
    """One import kind: its fields in template order, its key and what its rows refer to."""

    name: str
    title: str
    fields: tuple[FieldSpec, ...]
    key: tuple[str, ...]
    references: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def field(self, name: str) -> FieldSpec:
        """The field called ``name`` (KeyError when the kind has none)."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        """The field names, in template order."""
        return tuple(spec.name for spec in self.fields)


def _f(name: str, header: str, *synonyms: str, type: CellType = "text", required: bool = False,
       column: bool = False, record: bool = True, key_norm: bool = False) -> FieldSpec:
    return FieldSpec(name, header, synonyms, type, required, column, record=record,
                     key_norm=key_norm)


def _coded(name: str, header: str, *synonyms: str, table: Mapping[str, tuple[str, str]],
           extra: Mapping[str, tuple[str, ...]] | None = None, required: bool = False,
           default: str | None = None, record: bool = True) -> FieldSpec:
    return FieldSpec(name, header, synonyms, "code", required, codes=_codes(table, **extra or {}),
                     labels=tuple(ja for ja, _ in table.values()), default=default,
                     record=record)


SYMBOL = _f("symbol", "事業所記号", "記号", type="symbol", required=True)
PERSON = _f("person_key", "対象者番号", type="person_key", required=True)
CHECKUP = _f("checkup_on", "健診受診日", type="date", required=True)

EMPLOYERS = KindSpec("employers", "事業所台帳", (
    SYMBOL,
    _f("name", "事業所名称", "事業所名", "名称", required=True),
    _f("name_kana", "事業所名称カナ", "カナ名称", "事業所カナ", "事業所名カナ"),
    _f("seiri_kigo", "事業所整理記号", "整理記号"),
    _f("office_number", "事業所番号", type="office_number"),
    _f("postal_code", "郵便番号", "〒", type="postal"),
    _f("address", "所在地", "住所", "事業所所在地"),
    _f("municipality_code", "市区町村コード", "団体コード", type="municipality"),
    _f("industry", "業態区分", "業態", "業種"),
    _f("insured", "被保険者数", type="int", required=True),
    _f("dependents", "被扶養者数", type="int"),
    _f("applied_on", "適用年月日", "適用日", type="date"),
    _f("as_of", "基準日", type="date", record=False),
), key=("symbol",))

GENERIC = KindSpec("generic", "ジェネリック医薬品使用状況", (
    _f("month", "診療年月", type="month", required=True),
    _coded("unit", "集計単位", "区分", table=enums.GENERIC_UNIT, required=True,
           extra={"municipality": ("市町村", "市区町村別"), "institution": ("医療機関別",),
                  "pharmacy": ("保険薬局", "薬局別"), "branch": ("支部別",)}),
    _f("code", "コード", "市区町村コード", "医療機関コード", "医療機関等コード", "支部コード",
       type="raw"),
    _f("name", "名称", "市区町村名", "医療機関名", "薬局名", "支部名"),
    _coded("claim_type", "レセプト種別", "種別", table=enums.CLAIM_TYPE, default="total",
           extra={"total": ("合計", "総計")}),
    _f("generic_qty", "後発医薬品数量", "後発品数量", "ジェネリック数量", type="number",
       column=True),
    _f("brand_qty", "先発医薬品数量", "後発品のある先発品数量", "先発品数量", type="number",
       column=True),
    _f("generic_amount", "後発医薬品金額", type="number"),
    _f("brand_amount", "先発医薬品金額", type="number"),
    _f("share", "使用割合", "数量シェア", type="percent", record=False),
), key=("month", "unit", "code", "claim_type"))

BIOSIMILAR = KindSpec("biosimilar", "バイオシミラー使用状況", (
    _f("month", "診療年月", type="month", required=True),
    _f("ingredient", "成分名", "成分", required=True, key_norm=True),
    _f("institution_code", "医療機関コード", type="institution"),
    _f("bs_qty", "バイオシミラー数量", "BS数量", "バイオ後続品数量", type="number", column=True),
    _f("ref_qty", "先行バイオ医薬品数量", "先行品数量", type="number", column=True),
), key=("month", "ingredient", "institution_code"))

DECLARATIONS = KindSpec("declarations", "健康宣言事業所", (
    SYMBOL,
    _f("declared_on", "宣言日", type="date", required=True),
    _coded("kind", "宣言区分", table=enums.DECLARATION_KIND, required=True,
           extra={"standard": ("標準化", "標準型", "標準化された健康宣言"),
                  "conventional": ("従来型",)}),
    _coded("status", "状態", table=enums.DECLARATION_STATUS, default="active",
           extra={"withdrawn": ("取下", "取り下げ", "取下済"), "active": ("宣言", "有効")}),
    _f("withdrawn_on", "取下げ日", "取下日", "取り下げ日", type="date"),
    _f("withdrawal_reason", "取下げ理由", "取下理由", "取り下げ理由"),
    _f("items", "宣言項目", type="items"),
    _f("karte_on", "カルテ提供日", type="date"),
    _f("karte_again_on", "カルテ再提供日", type="date"),
    _f("certification", "健康経営優良法人"),
    _f("contact_person", "担当者"),
    _f("note", "備考"),
), key=("symbol", "declared_on"), references=(("employers", ("symbol",)),))

COMMITTEE = KindSpec("committee", "健康保険委員", (
    SYMBOL,
    _f("name", "委員氏名", "氏名", required=True, key_norm=True),
    _f("name_kana", "委員氏名カナ", "フリガナ"),
    _f("title", "部署・役職", "役職"),
    _f("appointed_on", "委嘱日", type="date", required=True),
    _f("terminated_on", "解嘱日", type="date"),
    _coded("termination_reason", "解嘱理由", table=enums.TERMINATION_REASON,
           extra={"own_request": ("本人申し出", "本人の申出"), "employer_lost": ("喪失",),
                  "transferred": ("転勤",)}),
    _f("phone", "電話番号"),
    _f("email", "メールアドレス"),
), key=("symbol", "name", "appointed_on"), references=(("employers", ("symbol",)),))

REFERRALS = KindSpec("referrals", "受診勧奨対象者", (
    PERSON,
    _f("symbol", "事業所記号", type="symbol"),
    CHECKUP,
    _f("age", "年齢", type="int"),
    _coded("sex", "性別", table=enums.SEX, extra={"M": ("1", "男性"), "F": ("2", "女性")}),
    _f("sbp", "収縮期血圧", type="number"),
    _f("dbp", "拡張期血圧", type="number"),
    _f("fpg", "空腹時血糖", type="number"),
    _f("hba1c", "HbA1c", type="number"),
    _f("ldl", "LDLコレステロール", type="number"),
    _f("egfr", "eGFR", type="number"),
    _f("urine_protein", "尿蛋白", type="urine_protein"),
    _f("first_notice_on", "一次勧奨日", type="date"),
), key=("person_key", "checkup_on"))

VISITS = KindSpec("visits", "受診確認", (
    PERSON,
    CHECKUP,
    _f("visit_on", "初回受診日", type="date", column=True),
    _coded("visit_source", "確認方法", table=enums.VISIT_SOURCE, default="claim",
           extra={"reply": ("回答",), "self": ("本人",)}),
), key=("person_key", "checkup_on"), references=(("referrals", ("person_key", "checkup_on")),))

FOLLOWUPS = KindSpec("followups", "二次勧奨の記録", (
    PERSON,
    CHECKUP,
    _f("acted_on", "勧奨日", type="date", required=True),
    _coded("method", "方法", table=enums.FOLLOWUP_METHOD, required=True,
           extra={"letter": ("郵送",)}),
    _coded("result", "結果", table=enums.FOLLOWUP_RESULT, extra={"visited": ("受診済み",)}),
    _f("staff", "担当者"),
), key=("person_key", "checkup_on", "acted_on", "method"),
    references=(("referrals", ("person_key", "checkup_on")),))

#: 方向 and 目標種別 of the KPI sheet: label → the catalogue's Direction / TargetKind.
DIRECTIONS = {"higher": ("高いほど良い", "higher"), "lower": ("低いほど良い", "lower")}
TARGET_KINDS = {"fixed": ("固定", "fixed"), "previous": ("対前年度", "previous")}

KPI_SHEET = KindSpec("kpi_sheet", "KPI実績", (
    _f("fy", "年度", type="fy", required=True),
    _f("kpi_id", "指標", "指標名", "指標ID", type="kpi", required=True),
    _f("target", "目標", type="kpi_value"),
    _f("value", "実績", type="kpi_value"),
    _f("previous", "前年度実績", type="kpi_value"),
    _coded("direction", "方向", table=DIRECTIONS, record=False,
           extra={"higher": ("高い方が良い",), "lower": ("低い方が良い",)}),
    _coded("target_kind", "目標種別", table=TARGET_KINDS, record=False,
           extra={"previous": ("対前年度以上", "前年度以上", "前年度")}),
), key=("fy", "kpi_id"))

#: Every kind of exchange.md §3 but ``quarterly`` (its own reader), in dependency order.
KINDS: dict[str, KindSpec] = {spec.name: spec for spec in (
    EMPLOYERS, DECLARATIONS, COMMITTEE, REFERRALS, VISITS, FOLLOWUPS, GENERIC, BIOSIMILAR,
    KPI_SHEET)}


def kind_spec(kind: str) -> KindSpec:
    """The spec of ``kind`` (KeyError for an unknown kind)."""
    return KINDS[kind]
