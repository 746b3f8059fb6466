"""Coded values of the registers: stored as English codes, shown in Japanese (or English).

Each table maps code → (japanese, english). Importers accept the Japanese labels and their
synonyms; the store and the code use the codes.
"""

from __future__ import annotations

DECLARATION_KIND = {"standard": ("標準", "standard"), "conventional": ("従来", "conventional")}
DECLARATION_STATUS = {"active": ("宣言中", "in force"), "withdrawn": ("取下げ", "withdrawn")}
TERMINATION_REASON = {
    "retired": ("退職", "retired"),
    "transferred": ("異動", "transferred"),
    "employer_lost": ("事業所喪失", "employer lost"),
    "own_request": ("本人申出", "own request"),
}
GENERIC_UNIT = {
    "branch": ("支部", "branch"),
    "municipality": ("市区町村", "municipality"),
    "institution": ("医療機関", "institution"),
    "pharmacy": ("薬局", "pharmacy"),
}
CLAIM_TYPE = {
    "medical": ("医科", "medical"),
    "dpc": ("DPC", "DPC"),
    "dental": ("歯科", "dental"),
    "dispensing": ("調剤", "dispensing"),
    "total": ("計", "total"),
}
#: The claim types summed when a month has no 計 row (domain.md §4).
CLAIM_PARTS = ("medical", "dpc", "dental", "dispensing")
SEX = {"M": ("男", "male"), "F": ("女", "female")}
URINE_PROTEIN = {"-": ("−", "−"), "±": ("±", "±"), "+": ("+", "+"), "2+": ("2+", "2+"),
                 "3+": ("3+", "3+")}
VISIT_SOURCE = {"claim": ("レセプト", "claim"), "reply": ("回答書", "reply form"),
                "self": ("本人申告", "self-reported")}
FOLLOWUP_METHOD = {"letter": ("文書", "letter"), "phone": ("電話", "phone"),
                   "visit": ("訪問", "visit"), "via_employer": ("事業所経由", "via employer")}
FOLLOWUP_RESULT = {"visited": ("受診済", "visited"), "planned": ("受診予定", "visit planned"),
                   "absent": ("不在", "not reached"), "refused": ("拒否", "refused"),
                   "other": ("その他", "other")}
CONTACT_KIND = {"visit": ("訪問", "visit"), "call": ("電話", "call"),
                "seminar": ("セミナー", "seminar")}


def label(table: dict[str, tuple[str, str]], code: str | None, lang: str = "ja") -> str:
    """The display label of ``code`` in ``table`` (empty for None)."""
    if code is None:
        return ""
    texts = table.get(code)
    if texts is None:
        return code
    return texts[1] if lang == "en" else texts[0]


def code_for(table: dict[str, tuple[str, str]], text: str) -> str | None:
    """The code whose Japanese or English label (or the code itself) equals ``text``."""
    for code, (ja, en) in table.items():
        if text in (code, ja, en):
            return code
    return None
