"""Flat register exports: canonical headers, CSV encodings, formula safety, CP932 refusals."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from report_builders import Builder, fill_branch

from branchdesk.domain.errors import InputRejected
from branchdesk.domain.normalize import strip_csv_formula_guard
from branchdesk.exchange.registers_export import export_register

NAMES = ["=1+2", "+81", "-5", "@SUM(A1)", "\tタブ", "\r改行", "'引用", "ｶﾌﾞｼｷｶﾞｲｼｬ", "普通の会社"]

HEADERS = {
    "employers": ["事業所記号", "事業所名称", "事業所名称カナ", "事業所整理記号", "事業所番号",
                  "郵便番号", "所在地", "市区町村コード", "業態区分", "被保険者数", "被扶養者数",
                  "適用年月日", "基準日", "喪失日"],
    "declarations": ["事業所記号", "宣言日", "宣言区分", "状態", "取下げ日", "取下げ理由",
                     "宣言項目", "カルテ提供日", "カルテ再提供日", "健康経営優良法人", "担当者",
                     "備考"],
    "committee": ["事業所記号", "委員氏名", "委員氏名カナ", "部署・役職", "委嘱日", "解嘱日",
                  "解嘱理由", "電話番号", "メールアドレス"],
    "generic": ["診療年月", "集計単位", "コード", "名称", "レセプト種別", "後発医薬品数量",
                "先発医薬品数量", "後発医薬品金額", "先発医薬品金額"],
    "biosimilar": ["診療年月", "成分名", "医療機関コード", "バイオシミラー数量",
                   "先行バイオ医薬品数量"],
    "referrals": ["対象者番号", "事業所記号", "健診受診日", "年齢", "性別", "収縮期血圧",
                  "拡張期血圧", "空腹時血糖", "HbA1c", "LDLコレステロール", "eGFR", "尿蛋白",
                  "一次勧奨日"],
    "visits": ["対象者番号", "健診受診日", "初回受診日", "確認方法"],
    "followups": ["対象者番号", "健診受診日", "勧奨日", "方法", "結果", "担当者"],
    "kpi_sheet": ["年度", "指標", "目標", "実績", "前年度実績"],
}


@pytest.fixture
def named(build: Builder) -> Builder:
    ids = [build.employer(name, symbol=f"{n:07d}") for n, name in enumerate(NAMES, start=1)]
    build.register("2025-03-31", dict.fromkeys(ids, 3))
    return build


def _read_csv(path: Path, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


@pytest.mark.parametrize(("encoding", "codec"), [(None, "utf-8-sig"), ("utf-8-sig", "utf-8-sig"),
                                                 ("cp932", "cp932")])
def test_csv_round_trips_names_after_the_importer_removes_the_guard(named, tmp_path, encoding,
                                                                   codec):
    path = tmp_path / "employers.csv"
    assert export_register(named.store, "employers", path, encoding) == len(NAMES)
    rows = _read_csv(path, codec)
    assert rows[0] == HEADERS["employers"]
    assert [strip_csv_formula_guard(r[1]) for r in rows[1:]] == NAMES
    assert [r[0] for r in rows[1:3]] == ["0000001", "0000002"]  # leading zeros kept


def test_utf8_csv_starts_with_a_bom_and_guards_formula_text_with_one_apostrophe(named, tmp_path):
    path = tmp_path / "employers.csv"
    export_register(named.store, "employers", path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    names = [r[1] for r in _read_csv(path, "utf-8-sig")[1:]]
    assert names[:6] == ["'=1+2", "'+81", "'-5", "'@SUM(A1)", "'\tタブ", "'\r改行"]
    assert names[6:] == ["''引用", "ｶﾌﾞｼｷｶﾞｲｼｬ", "普通の会社"]


def test_cp932_writes_shift_jis_equivalents_of_wave_dash_and_minus(build, tmp_path):
    build.employer("〜テスト−社")
    path = tmp_path / "e.csv"
    export_register(build.store, "employers", path, "cp932")
    assert _read_csv(path, "cp932")[1][1] == "～テスト－社"


def test_a_character_cp932_cannot_encode_names_row_and_column_and_writes_nothing(build,
                                                                                  tmp_path):
    build.employer("普通の会社")
    build.employer("𠮷野家")
    path = tmp_path / "e.csv"
    with pytest.raises(InputRejected) as refused:
        export_register(build.store, "employers", path, "cp932")
    error = refused.value
    assert error.code == "register_cp932_unencodable" and error.exit_code == 2
    assert (error.params["row"], error.params["column"], error.params["char"]) == (
        3, "事業所名称", "𠮷")
    assert "3 行目" in error.render("ja") and "事業所名称" in error.render("ja")
    assert not path.exists() and not list(tmp_path.glob(".~*"))


def test_xlsx_holds_text_as_text_and_dates_as_dates(named, tmp_path):
    path = tmp_path / "employers.xlsx"
    export_register(named.store, "employers", path)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert not re.search(r"<f[ >]", sheet)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("employers").to_python()
    assert [r[1] for r in rows[1:]] == NAMES
    assert rows[1][12] == date(2025, 3, 31) and rows[1][9] == 3


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_every_register_exports_with_the_import_kinds_canonical_headers(build, tmp_path, name):
    fill_branch(build)
    build.entered(2024, "mail_application_rate", target=0.956, value=0.958)
    path = tmp_path / f"{name}.csv"
    count = export_register(build.store, name, path)
    rows = _read_csv(path, "utf-8-sig")
    assert rows[0] == HEADERS[name] and len(rows) == count + 1 and count > 0


def test_labels_months_and_percentages_read_as_the_importer_expects(build, tmp_path):
    fill_branch(build)
    build.entered(2024, "mail_application_rate", target=0.956, value=0.958)
    build.entered(2024, "reexamination_amount", value=9908)
    kpis = _read_csv(_exported(build, "kpi_sheet", tmp_path), "utf-8-sig")[1:]
    assert kpis == [["2024", "現金給付等の郵送化率", "95.6%", "95.8%", ""],
                    ["2024", "再審査レセプト1件当たり査定額", "", "9908", ""]]
    generic = _read_csv(_exported(build, "generic", tmp_path), "utf-8-sig")[1]
    assert generic[:5] == ["2023/04", "支部", "", "", "計"]
    declarations = _read_csv(_exported(build, "declarations", tmp_path), "utf-8-sig")[1:]
    assert {(r[2], r[3]) for r in declarations} >= {("標準", "宣言中"), ("標準", "取下げ"),
                                                    ("従来", "宣言中")}


def _exported(build: Builder, name: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{name}.csv"
    export_register(build.store, name, path)
    return path


@pytest.mark.parametrize(("name", "file", "encoding", "code"), [
    ("staff", "x.csv", None, "register_name_unknown"),
    ("employers", "x.txt", None, "register_export_suffix"),
    ("employers", "x.xlsx", "cp932", "register_encoding_csv_only"),
])
def test_bad_requests_are_refused_before_anything_is_written(build, tmp_path, name, file,
                                                             encoding, code):
    with pytest.raises(InputRejected) as refused:
        export_register(build.store, name, tmp_path / file, encoding)
    assert refused.value.code == code and not (tmp_path / file).exists()
