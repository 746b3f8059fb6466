"""Places of the demo branch: its prefecture, municipalities (市区町村コード with check digit),
postal codes and 医療機関コード (Luhn check digit).

Branches 31 (鳥取) and 13 (東京) get their real municipalities; any other branch gets synthetic
municipality names with codes of the right shape (pp2xx cities, pp3xx towns and villages).
"""

from __future__ import annotations

from dataclasses import dataclass

from branchdesk.domain.identifiers import BRANCHES, luhn_check_digit, municipality_check_digit

#: First three digits of each prefecture's postal codes (start of its range, approximate).
_POSTAL_START = {
    "01": 40, "02": 30, "03": 20, "04": 980, "05": 10, "06": 990, "07": 960, "08": 300,
    "09": 320, "10": 370, "11": 330, "12": 260, "13": 100, "14": 210, "15": 940, "16": 930,
    "17": 920, "18": 910, "19": 400, "20": 380, "21": 500, "22": 410, "23": 440, "24": 510,
    "25": 520, "26": 600, "27": 530, "28": 650, "29": 630, "30": 640, "31": 680, "32": 690,
    "33": 700, "34": 720, "35": 740, "36": 770, "37": 760, "38": 790, "39": 780, "40": 800,
    "41": 840, "42": 850, "43": 860, "44": 870, "45": 880, "46": 890, "47": 900,
}
_POSTAL_SPAN = {"13": 100, "01": 60, "27": 60, "40": 40, "14": 40, "11": 30, "12": 30,
                "23": 50, "22": 30, "28": 30, "26": 30, "07": 20}

#: (5-digit code, name, weight ~ share of employers).
_TOTTORI = [
    ("31201", "鳥取市", 33), ("31202", "米子市", 27), ("31203", "倉吉市", 8),
    ("31204", "境港市", 6), ("31302", "岩美町", 2), ("31325", "若桜町", 1),
    ("31328", "智頭町", 1), ("31329", "八頭町", 3), ("31364", "三朝町", 1),
    ("31370", "湯梨浜町", 3), ("31371", "琴浦町", 3), ("31372", "北栄町", 3),
    ("31384", "日吉津村", 1), ("31386", "大山町", 3), ("31389", "南部町", 2),
    ("31390", "伯耆町", 2), ("31401", "日南町", 1), ("31402", "日野町", 1),
    ("31403", "江府町", 1),
]
_TOKYO_WARDS = [
    ("13101", "千代田区", 90), ("13102", "中央区", 85), ("13103", "港区", 110),
    ("13104", "新宿区", 70), ("13105", "文京区", 25), ("13106", "台東区", 35),
    ("13107", "墨田区", 25), ("13108", "江東区", 35), ("13109", "品川区", 40),
    ("13110", "目黒区", 20), ("13111", "大田区", 40), ("13112", "世田谷区", 40),
    ("13113", "渋谷区", 60), ("13114", "中野区", 15), ("13115", "杉並区", 20),
    ("13116", "豊島区", 30), ("13117", "北区", 15), ("13118", "荒川区", 12),
    ("13119", "板橋区", 22), ("13120", "練馬区", 22), ("13121", "足立区", 25),
    ("13122", "葛飾区", 17), ("13123", "江戸川区", 22),
]
_TOKYO_OTHERS = [
    ("13201", "八王子市", 20), ("13202", "立川市", 10), ("13203", "武蔵野市", 8),
    ("13204", "三鷹市", 6), ("13205", "青梅市", 4), ("13206", "府中市", 8),
    ("13207", "昭島市", 3), ("13208", "調布市", 6), ("13209", "町田市", 12),
    ("13210", "小金井市", 3), ("13211", "小平市", 4), ("13212", "日野市", 4),
    ("13213", "東村山市", 3), ("13214", "国分寺市", 3), ("13215", "国立市", 2),
    ("13218", "福生市", 2), ("13219", "狛江市", 2), ("13220", "東大和市", 2),
    ("13221", "清瀬市", 1), ("13222", "東久留米市", 2), ("13223", "武蔵村山市", 2),
    ("13224", "多摩市", 4), ("13225", "稲城市", 2), ("13227", "羽村市", 2),
    ("13228", "あきる野市", 2), ("13229", "西東京市", 4), ("13303", "瑞穂町", 1),
    ("13305", "日の出町", 1), ("13307", "檜原村", 1), ("13308", "奥多摩町", 1),
    ("13361", "大島町", 1), ("13362", "利島村", 1), ("13363", "新島村", 1),
    ("13364", "神津島村", 1), ("13381", "三宅村", 1), ("13382", "御蔵島村", 1),
    ("13401", "八丈町", 1), ("13402", "青ヶ島村", 1), ("13421", "小笠原村", 1),
]
_SYNTHETIC_STEMS = [
    "青葉", "緑川", "桜台", "朝日", "東山", "西原", "南浜", "北野", "中川", "港川", "若松",
    "高原", "大川", "小山", "松原", "白浜", "岩田", "本庄", "新田", "富岡", "平野", "宮原",
    "杉山", "梅野",
]

TOWNS = [
    "本町", "栄町", "東町", "西町", "南町", "北町", "中町", "新町", "旭町", "若葉町", "緑町",
    "幸町", "錦町", "末広町", "寿町", "大手町", "城北町", "駅前", "港町", "川端町", "昭和町",
    "元町", "日之出町", "春日町", "宮下", "松ヶ丘", "桜ヶ丘", "湊町",
]


@dataclass(frozen=True)
class Municipality:
    """One 市区町村 of the demo branch."""

    code: str  # 6 digits with check digit
    name: str
    weight: int
    postal3: str
    district: str  # the 2-digit 郡市区 part of 医療機関コード


def prefecture_name(branch: str) -> str:
    """The prefecture's full name (鳥取県, 東京都, 大阪府, 北海道)."""
    short = BRANCHES[branch]
    if branch == "01":
        return short
    return short + {"13": "都", "26": "府", "27": "府"}.get(branch, "県")


def branch_name(branch: str) -> str:
    """The branch's name as the KPI sheet writes it (鳥取支部)."""
    return f"{BRANCHES[branch]}支部"


def municipality_code(code5: str) -> str:
    """The 6-digit 市区町村コード of a 5-digit one."""
    return code5 + str(municipality_check_digit(code5))


def institution_code(pref: str, table: str, district: str, number: int) -> str:
    """A 10-digit 医療機関コード: pref + 点数表 + 郡市区 + number(4) + Luhn check digit."""
    body = f"{pref}{table}{district}{number:04d}"
    return body + str(luhn_check_digit(body))


def municipalities(branch: str) -> list[Municipality]:
    """The branch's municipalities with weights, postal prefixes and 郡市区 digits."""
    if branch == "31":
        rows = _TOTTORI
    elif branch == "13":
        rows = _TOKYO_WARDS + _TOKYO_OTHERS
    else:
        rows = _synthetic(branch)
    start = _POSTAL_START[branch]
    span = _POSTAL_SPAN.get(branch, 10)
    return [Municipality(municipality_code(code5), name, weight,
                         f"{start + i * span // len(rows):03d}", f"{i + 1:02d}")
            for i, (code5, name, weight) in enumerate(rows)]


def _synthetic(branch: str) -> list[tuple[str, str, int]]:
    """Made-up municipalities (names and codes are not real): 10 cities, 10 towns, 4 villages."""
    stems = _SYNTHETIC_STEMS
    rows = [(f"{branch}{201 + i:03d}", f"{stems[i]}市", 30 if i == 0 else 8) for i in range(10)]
    rows += [(f"{branch}{301 + 2 * i:03d}", f"{stems[10 + i]}町", 2) for i in range(10)]
    rows += [(f"{branch}{341 + 2 * i:03d}", f"{stems[20 + i]}村", 1) for i in range(4)]
    return rows
