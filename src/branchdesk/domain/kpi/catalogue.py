"""The KPI sheet's catalogue (domain.md §5): every row, computed or entered, in sheet order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["%", "事業所", "円", "件"]
TargetKind = Literal["fixed", "previous", "two_conditions", "target_or_previous"]
Direction = Literal["higher", "lower"]


@dataclass(frozen=True)
class KpiDef:
    """One row of the KPI sheet."""

    id: str
    name_ja: str
    name_en: str
    unit: Unit
    computed: bool
    target_kind: TargetKind
    direction: Direction = "higher"

    @property
    def is_ratio(self) -> bool:
        """True for % rows (stored as fractions)."""
        return self.unit == "%"

    def name(self, lang: str = "ja") -> str:
        """The row's name in ``lang``."""
        return self.name_en if lang == "en" else self.name_ja


def _d(id: str, ja: str, en: str, unit: Unit, computed: bool, kind: TargetKind,
       direction: Direction = "higher") -> KpiDef:
    return KpiDef(id, ja, en, unit, computed, kind, direction)


CATALOGUE: tuple[KpiDef, ...] = (
    _d("service_standard", "サービススタンダード達成率", "Service standard achievement rate",
       "%", False, "fixed"),
    _d("mail_application_rate", "現金給付等の郵送化率",
       "Share of cash-benefit applications by mail", "%", False, "previous"),
    _d("receipt_audit_rate", "レセプト点検査定率", "Claim audit adjustment rate",
       "%", False, "previous"),
    _d("reexamination_amount", "再審査レセプト1件当たり査定額",
       "Adjustment per re-examined claim", "円", False, "previous"),
    _d("refund_collection_rate", "返納金債権回収率", "Refund claim collection rate",
       "%", False, "previous"),
    _d("card_return_rate", "資格喪失後1か月以内の保険証回収率",
       "Insurance cards returned within a month of loss of eligibility", "%", False, "previous"),
    _d("myna_card_rate", "マイナ保険証利用率", "My Number health card usage rate",
       "%", False, "fixed"),
    _d("lifestyle_checkup_rate", "生活習慣病予防健診実施率", "Lifestyle-disease checkup rate",
       "%", False, "fixed"),
    _d("employer_checkup_data_rate", "事業者健診データ取得率",
       "Employer checkup data acquisition rate", "%", False, "fixed"),
    _d("dependent_checkup_rate", "被扶養者の特定健診実施率",
       "Specific checkup rate of dependents", "%", False, "fixed"),
    _d("insured_guidance_rate", "被保険者の特定保健指導実施率",
       "Specific health guidance rate of the insured", "%", False, "fixed"),
    _d("dependent_guidance_rate", "被扶養者の特定保健指導実施率",
       "Specific health guidance rate of dependents", "%", False, "fixed"),
    _d("referral_visit_rate", "健診受診月から10か月以内の医療機関受診率",
       "Medical visits within 10 months of the checkup month", "%", True, "previous"),
    _d("declarations", "健康宣言事業所数", "Employers with a health declaration",
       "事業所", True, "target_or_previous"),
    _d("generic_share", "ジェネリック医薬品使用割合（数量）", "Generic drug share (quantity)",
       "%", True, "two_conditions"),
    _d("generic_amount_share", "ジェネリック医薬品使用割合（金額）", "Generic drug share (amount)",
       "%", True, "fixed"),
    _d("biosimilar_ingredients", "バイオシミラー80%以上置換成分の割合",
       "Share of ingredients with ≥ 80% biosimilar replacement", "%", True, "fixed"),
    _d("website_visits", "ホームページアクセス数", "Website visits", "件", False, "fixed"),
    _d("committee_coverage", "健康保険委員委嘱事業所の被保険者カバー率",
       "Insured covered by employers with a committee member", "%", True, "fixed"),
    _d("committee_employers", "健康保険委員委嘱事業所数", "Employers with a committee member",
       "事業所", True, "previous"),
    _d("single_bid_rate", "一般競争入札に占める一者応札案件の割合",
       "Share of single-bid tenders in open tenders", "%", False, "fixed", "lower"),
)

BY_ID: dict[str, KpiDef] = {d.id: d for d in CATALOGUE}
COMPUTED_IDS = frozenset(d.id for d in CATALOGUE if d.computed)

#: The generic-share threshold of both conditions (domain.md §4).
GENERIC_THRESHOLD = 0.80
#: A biosimilar ingredient counts when its replacement rate reaches this.
BIOSIMILAR_THRESHOLD = 0.80


def default_target(kpi_id: str, fy: int) -> float | None:
    """The spec's default target of a computed KPI for FY ``fy`` (None: compare with previous)."""
    if kpi_id == "generic_share":
        return GENERIC_THRESHOLD
    if kpi_id == "generic_amount_share":
        return 0.65
    if kpi_id == "biosimilar_ingredients":
        return 0.18 if fy <= 2024 else 0.21
    if kpi_id == "committee_coverage":
        return 0.50
    return None


def find(id_or_name: str) -> KpiDef | None:
    """The row named by id or by its Japanese or English name."""
    text = id_or_name.strip()
    if text in BY_ID:
        return BY_ID[text]
    for d in CATALOGUE:
        if text in (d.name_ja, d.name_en):
            return d
    return None
