"""Identifiers and their check digits (domain.md §2)."""

from __future__ import annotations

from branchdesk.domain.errors import ValueRejected

#: JIS X 0401 prefecture codes: the branch (支部) names.
BRANCHES: dict[str, str] = {
    "01": "北海道", "02": "青森", "03": "岩手", "04": "宮城", "05": "秋田", "06": "山形",
    "07": "福島", "08": "茨城", "09": "栃木", "10": "群馬", "11": "埼玉", "12": "千葉",
    "13": "東京", "14": "神奈川", "15": "新潟", "16": "富山", "17": "石川", "18": "福井",
    "19": "山梨", "20": "長野", "21": "岐阜", "22": "静岡", "23": "愛知", "24": "三重",
    "25": "滋賀", "26": "京都", "27": "大阪", "28": "兵庫", "29": "奈良", "30": "和歌山",
    "31": "鳥取", "32": "島根", "33": "岡山", "34": "広島", "35": "山口", "36": "徳島",
    "37": "香川", "38": "愛媛", "39": "高知", "40": "福岡", "41": "佐賀", "42": "長崎",
    "43": "熊本", "44": "大分", "45": "宮崎", "46": "鹿児島", "47": "沖縄",
}


def validate_branch_code(value: str) -> str:
    """A 支部コード as two-digit text 01–47; a 1-digit code is padded ("1" → "01")."""
    text = str(value).strip()
    if text.isdigit() and len(text) == 1:
        text = "0" + text
    if text not in BRANCHES:
        raise ValueRejected("branch_code_invalid", value=str(value))
    return text
