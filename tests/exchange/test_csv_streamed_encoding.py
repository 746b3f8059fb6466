"""A CP932 CSV is decoded once, checked as its rows are read: the same encoding, rows, error code
and line as when the whole file was decoded up front (kept below as the reference)."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from branchdesk.cli import main
from branchdesk.domain.errors import InputRejected
from branchdesk.exchange import csv_read
from branchdesk.exchange.importer import ImportOptions, run_import
from branchdesk.exchange.readers import csv_encoding, open_sheets
from branchdesk.store.connection import create_store, open_store

# --- the reference: how the encoding was decided before, decoding the whole file up front ------

_REF_FORBIDDEN = {"utf-8": re.compile("[\x00\x80-\x9f]"),
                  "cp932": re.compile("[\x00\x80-\x9f\ue000-\uf8ff]")}


def _ref_failure_line(path: Path, encoding: str, chunk_size: int) -> int | None:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    line = 1
    with path.open("rb") as f:
        while True:
            chunk = f.read(chunk_size)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as e:
                return line + chunk.count(b"\n", 0, max(e.start, 0))
            bad = _REF_FORBIDDEN[encoding].search(text)
            if bad:
                return line + text.count("\n", 0, bad.start())
            if not chunk:
                return None
            line += text.count("\n")


def _reference(path: Path, chunk_size: int) -> tuple[str, object]:
    """(encoding, rows) of a file read before, or ("csv_encoding_unknown", line)."""
    failures = []
    for encoding in ("utf-8", "cp932"):
        line = _ref_failure_line(path, encoding, chunk_size)
        if line is None:
            if encoding == "utf-8" and path.read_bytes().startswith(codecs.BOM_UTF8):
                encoding = "utf-8-sig"
            with path.open(encoding=encoding, newline="") as f:
                rows = [[c[1:] if c.startswith("'") else c for c in cells]
                        for cells in csv.reader(f)]
            return encoding, list(enumerate(rows, start=1))
        failures.append(line)
    return "csv_encoding_unknown", max(failures)


def _read(path: Path) -> tuple[str, object]:
    """What ``open_sheets`` and a full reading of its rows give, in the reference's shape."""
    try:
        [sheet] = open_sheets(path)
        return str(sheet.encoding), list(sheet.rows())
    except InputRejected as e:
        return e.code, e.params["line"]


def _cp932_lines(count: int, start: int = 1) -> str:
    return "".join(f"{3100_0000 + i},株式会社ﾃｽﾄ・髙橋商店{i},ﾃｽﾄ,{i % 90}\r\n"
                   for i in range(start, start + count))


HEADER = "事業所記号,事業所名称,事業所名称カナ,被保険者数\r\n"
ASCII_2MB = "".join(f"{3100_0000 + i},Sample Trading {i},SAMPLE,{i % 90}\r\n"
                    for i in range(1, 45_000)).encode()

VALID = {
    "cp932 register": (HEADER + _cp932_lines(40)).encode("cp932"),
    "utf-8 register": (HEADER + _cp932_lines(40)).encode("utf-8"),
    "utf-8 with BOM": (HEADER + _cp932_lines(40)).encode("utf-8-sig"),
    "quoted cells with newlines": ('記号,名称,備考\r\n10000001,"株式会社\r\nあおば",'
                                   '"一\n二\r三"\r\n\r\n10000002,"ひかり\r\n\r\n",\r\n'
                                   ).encode("cp932"),
    "lone carriage returns": "記号,名称\r1,あおば\r\r2,ひかり\r".encode("cp932"),
    "no line end at the end": "記号,名称\n1,あおば".encode("cp932"),
    "controls splitlines splits at": "記号,名称\r\n1,あ\x0cお\x1cば\x1d\x1e\x0b\r\n2,ひ\r\n"
                                     .encode("cp932"),
    "utf-8 line separators": "記号,名称\n1,あ\u2028お\u2029ば\x0c\n".encode(),
    "utf-8 with a degree sign (0xC2 0xB0)": "温度,°C\n1,２°\n".encode(),
    "apostrophe guard": "名称,式\r\n'=SUM(A1),'-3\r\n''quoted,ｶﾅ\r\n".encode("cp932"),
    "2 MB of ASCII, then CP932": ASCII_2MB + _cp932_lines(30).encode("cp932"),
}



def _with_chunks(sizes: Mapping[str, int], chunks: list[int]) -> list[tuple[str, int]]:
    """(name, read size) pairs; a large file is read in small reads only from 64 bytes on."""
    return [(name, chunk) for name, size in sizes.items() for chunk in chunks
            if chunk >= 64 or size <= 10_000]


@pytest.mark.parametrize(("name", "chunk"), _with_chunks(
    {n: len(d) for n, d in VALID.items()}, [1, 2, 3, 7, 64, 1 << 20]))
def test_a_valid_csv_reads_with_the_same_encoding_and_rows_as_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, chunk: int) -> None:
    monkeypatch.setattr(csv_read, "_DECODE_CHUNK", chunk)
    path = tmp_path / "台帳.csv"
    path.write_bytes(VALID[name])
    expected = _reference(path, chunk)
    assert expected[0] != "csv_encoding_unknown"
    assert _read(path) == expected
    assert csv_encoding(path) == expected[0]


def test_the_ascii_then_cp932_file_reads_as_cp932_to_its_last_row(tmp_path: Path) -> None:
    path = tmp_path / "台帳.csv"
    path.write_bytes(VALID["2 MB of ASCII, then CP932"])
    encoding, rows = _read(path)
    assert encoding == "cp932" and isinstance(rows, list)
    assert rows[-1] == (45_029, ["31000030", "株式会社ﾃｽﾄ・髙橋商店30", "ﾃｽﾄ", "30"])


def _forbidden_at(line: int, bad: bytes, count: int = 400) -> bytes:
    """A CP932 register of ``count`` lines whose line ``line`` holds ``bad`` in a name."""
    lines = (HEADER + _cp932_lines(count - 1)).encode("cp932").split(b"\r\n")
    lines[line - 1] = lines[line - 1].replace(b",", b"," + bad, 1)
    return b"\r\n".join(lines)


REFUSED = {
    "0xA0 on line 1": (_forbidden_at(1, b"\xa0"), 1),
    "user-defined 0xF040 in the middle": (_forbidden_at(200, b"\xf0\x40"), 200),
    "0xFD on the last line": (_forbidden_at(400, b"\xfd"), 400),
    "NUL on the last line, past the sniffed head": (_forbidden_at(2000, b"\x00", 2000), 2000),
    "an undecodable pair in the middle": (_forbidden_at(250, b"\x82\x20"), 250),
    "a lead byte before a line end": (_forbidden_at(300, b"\x82\r\n"), 300),
    "a lead byte after the last line end": (_forbidden_at(400, b"") + b"\x82", 401),
    "UTF-8 that goes further than CP932": (
        ASCII_2MB + "一,二\n".encode() + "三行目,株式会社\n".encode("cp932"), 45_001),
    "UTF-8 lines, then CP932": (
        "一行目\n二行目\n".encode() + "三行目,株式会社\n".encode("cp932"), 3),
    "UTF-8 with a C1 control": ("abc\n1,\u00b0\n2,x\u009f\n".encode(), 3),
    "Latin-1": ("Müller,café\nZürich,Genève\n".encode("latin-1"), 1),
}


@pytest.mark.parametrize(("name", "chunk"), _with_chunks(
    {n: len(d) for n, (d, _) in REFUSED.items()}, [1, 5, 13, 64, 4096, 1 << 20]))
def test_a_csv_in_no_accepted_encoding_is_refused_at_the_same_line_as_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, chunk: int) -> None:
    data, line = REFUSED[name]
    monkeypatch.setattr(csv_read, "_DECODE_CHUNK", chunk)
    path = tmp_path / "文字化け.csv"
    path.write_bytes(data)
    assert _reference(path, chunk) == ("csv_encoding_unknown", line)
    assert _read(path) == ("csv_encoding_unknown", line)
    with pytest.raises(InputRejected) as caught:
        csv_encoding(path)
    assert (caught.value.code, caught.value.params["line"]) == ("csv_encoding_unknown", line)


def test_a_failure_past_the_first_read_comes_from_the_rows_after_the_rows_before_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_read, "_DECODE_CHUNK", 4096)
    path = tmp_path / "外字.csv"
    path.write_bytes(_forbidden_at(400, b"\xf0\x40"))
    [sheet] = open_sheets(path)  # nothing refused yet: the first 4096 bytes are fine
    assert sheet.encoding == "cp932"
    rows = sheet.rows()
    assert next(rows) == (1, HEADER.strip().split(","))
    read: list[tuple[int, list[str]]] = []
    with pytest.raises(InputRejected) as caught:
        read.extend(rows)
    assert (caught.value.code, caught.value.params["line"]) == ("csv_encoding_unknown", 400)
    assert 1 < len(read) + 1 < 400 and read[-1][0] == len(read) + 1  # rows came before it


# --- splitting at read boundaries ---------------------------------------------------------------


def _boundary_cases() -> dict[str, tuple[bytes, int, list[list[str]]]]:
    """(file, read size, rows) with a line end or a character cut by the end of the first read."""
    return {
        "\\r | \\n": (b"abcdefghijklmno\r\nxyz\r\n", 16, [["abcdefghijklmno"], ["xyz"]]),
        "\\r\\n | next line": (b"abcdefghijklmn\r\nxyz\r\n", 16, [["abcdefghijklmn"], ["xyz"]]),
        "\\r | \\r\\n": (b"abcdefghijklmno\r\r\nxyz", 16, [["abcdefghijklmno"], [], ["xyz"]]),
        "quoted \\r | \\n": (b'1,"abcdefghijk\r\nlmn"\r\n2,x\r\n', 16,
                             [["1", "abcdefghijk\r\nlmn"], ["2", "x"]]),
        "quoted cell over three reads": (b'1,"' + b"a\r\n" * 12 + b'"\r\n2,b\r\n', 8,
                                         [["1", "a\r\n" * 12], ["2", "b"]]),
        "a character cut in two": ("abcdefghijklmnoあ,い\r\n".encode("cp932"), 16,
                                   [["abcdefghijklmnoあ", "い"]]),
        "a line longer than a read": (("か" * 40 + "\r\n1\r\n").encode("cp932"), 16,
                                      [["か" * 40], ["1"]]),
    }


@pytest.mark.parametrize("name", list(_boundary_cases()))
def test_lines_and_characters_cut_by_a_read_boundary_read_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    data, chunk, expected = _boundary_cases()[name]
    monkeypatch.setattr(csv_read, "_DECODE_CHUNK", chunk)
    path = tmp_path / "境界.csv"
    path.write_bytes("記号\r\n".encode("cp932") + data)  # a Japanese first line: CP932
    encoding, rows = _read(path)
    assert encoding == "cp932"
    assert rows == list(enumerate([["記号"], *expected], start=1))
    assert (encoding, rows) == _reference(path, chunk)


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 8, 13, 4096])
def test_every_read_size_gives_the_rows_of_one_whole_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    text = ('記号,名称\r\n1,"あお\r\nば"\r\r\n2,ひかり\n3,"\r"\r4,"ｶﾅ\n\n"\r\n\r\n5,\x0cみなと\r'
            '6,"引用""符"\r\n')
    monkeypatch.setattr(csv_read, "_DECODE_CHUNK", chunk)
    path = tmp_path / "全長.csv"
    path.write_bytes(text.encode("cp932"))
    with io.StringIO(text, newline="") as f:
        whole = list(enumerate(csv.reader(f), start=1))
    assert _read(path) == ("cp932", whole)


# --- an import refused when the last line fails ---------------------------------------------------

EMPLOYER_HEADER = "事業所記号,事業所名称,事業所名称カナ,市区町村コード,被保険者数,基準日\r\n"


def _employer_csv(count: int, bad_last: bool) -> bytes:
    lines = [f"3100{i:04d},株式会社テスト{i},テスト{i},312011,12,2025/3/31\r\n"
             for i in range(1, count + 1)]
    data = (EMPLOYER_HEADER + "".join(lines)).encode("cp932")
    return data.replace(f"株式会社テスト{count}".encode("cp932"),
                        "株式会社テスト".encode("cp932") + b"\xf0\x40") if bad_last else data


def _digest(path: Path) -> list[object]:
    with open_store(path) as store:
        return [[tuple(r) for r in store.query(f"SELECT * FROM {table} ORDER BY 1")]
                for table in ("employers", "employer_registers", "employer_headcounts",
                              "imports")]


@pytest.mark.parametrize("earlier_register", [False, True])
def test_an_import_of_a_cp932_register_whose_last_line_fails_is_refused_and_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        earlier_register: bool) -> None:
    monkeypatch.setattr(csv_read, "_DECODE_CHUNK", 4096)  # the header is read, the end is not
    store = tmp_path / "branch.db"
    create_store(store, "31").close()
    if earlier_register:
        good = tmp_path / "前回.csv"
        good.write_bytes(_employer_csv(150, bad_last=False))
        assert run_import(store, [good], ImportOptions()).outcome == "imported"
    before = _digest(store)
    bad = tmp_path / "台帳.csv"
    bad.write_bytes(_employer_csv(300, bad_last=True))
    assert len(bad.read_bytes()) > 4 * 4096
    with pytest.raises(InputRejected) as caught:
        run_import(store, [bad], ImportOptions())
    assert (caught.value.code, caught.value.params["line"]) == ("csv_encoding_unknown", 301)
    assert _digest(store) == before
    capsys.readouterr()
    assert main(["import", str(bad), "--db", str(store)]) == 2
    assert "301" in capsys.readouterr().err
    assert _digest(store) == before
