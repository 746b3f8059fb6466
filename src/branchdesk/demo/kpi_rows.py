"""The entered rows of the KPI sheet (domain.md §5) for every FY, and the branch's targets for the
computed 健康宣言事業所数.

Values follow the FY2024 business report's national pattern, scaled to a branch, and are chosen
so that each year's sheet mixes 達成, 概ね達成 and 未達成. They are listed for four years, oldest
first, and lined up with the last four FYs of the range (older FYs repeat the oldest). Rows whose
target is the previous year's value carry an entered 前年度実績 in the first FY only.
"""

from __future__ import annotations

import math

from branchdesk.demo.base import Timeline, Writer

#: kpi id → (targets or None, values), four FYs oldest first.
FIXED: dict[str, tuple[tuple[float | None, ...], tuple[float, ...]]] = {
    "service_standard": ((1.0, 1.0, 1.0, 1.0), (0.993, 1.0, 0.998, 1.0)),
    "myna_card_rate": ((None, 0.10, 0.50, 0.50), (0.052, 0.063, 0.191, 0.362)),
    "lifestyle_checkup_rate": ((0.600, 0.610, 0.617, 0.625), (0.575, 0.612, 0.584, 0.601)),
    "employer_checkup_data_rate": ((0.070, 0.080, 0.088, 0.090), (0.061, 0.078, 0.072, 0.093)),
    "dependent_checkup_rate": ((0.280, 0.290, 0.303, 0.310), (0.271, 0.292, 0.294, 0.301)),
    "insured_guidance_rate": ((0.190, 0.200, 0.215, 0.220), (0.186, 0.193, 0.203, 0.224)),
    "dependent_guidance_rate": ((0.150, 0.165, 0.181, 0.190), (0.139, 0.166, 0.171, 0.182)),
    "website_visits": ((800_000, 850_000, 900_000, 900_000),
                       (812_345, 836_120, 801_562, 874_210)),
    "single_bid_rate": ((0.15, 0.15, 0.15, 0.15), (0.142, 0.163, 0.107, 0.118)),
}
#: kpi id → (前年度実績 of the first FY, values of four FYs oldest first); target = previous.
PREVIOUS: dict[str, tuple[float, tuple[float, ...]]] = {
    "mail_application_rate": (0.936, (0.941, 0.948, 0.946, 0.958)),
    "receipt_audit_rate": (0.00151, (0.00149, 0.00158, 0.00156, 0.00131)),
    "reexamination_amount": (7650, (7980, 8472, 8210, 9908)),
    "refund_collection_rate": (0.6210, (0.6102, 0.6288, 0.6335, 0.6620)),
    "card_return_rate": (0.8050, (0.8105, 0.8210, 0.8136, 0.7985)),
}
#: Target of 健康宣言事業所数 as a multiple of the year's value, by years before the last FY
#: (older years have no target and compare with the year before).
DECLARATION_TARGETS = {0: 1.03, 1: 0.97, 2: 1.10}
_COLUMNS = ("fy", "kpi_id", "target", "value", "previous")


def _slot(timeline: Timeline, fy: int) -> int:
    """Which of the four listed years FY ``fy`` takes (3 = the last FY of the range)."""
    return max(0, 3 - (timeline.fy_to - fy))


def generate_kpi_rows(writer: Writer, timeline: Timeline, website_factor: int,
                      declarations: list[int]) -> None:
    """Write the entered KPI rows of every FY and the declaration targets."""
    rows: list[tuple[object, ...]] = []
    for k, fy in enumerate(timeline.fys):
        slot = _slot(timeline, fy)
        for kpi, (targets, values) in FIXED.items():
            scale = website_factor if kpi == "website_visits" else 1
            target = targets[slot]
            rows.append((fy, kpi, None if target is None else target * scale,
                         values[slot] * scale, None))
        for kpi, (first_previous, values) in PREVIOUS.items():
            rows.append((fy, kpi, None, values[slot], first_previous if k == 0 else None))
        factor = DECLARATION_TARGETS.get(timeline.fy_to - fy)
        if factor is not None:
            rows.append((fy, "declarations", declaration_target(declarations[k], factor),
                         None, None))
    writer.insert("kpi_sheet_rows", _COLUMNS, rows)


def declaration_target(value: int, factor: float) -> int:
    """A round target near ``value × factor``: up to tens above the value, down below it."""
    raw = value * factor
    if value < 200:
        return math.ceil(raw) if factor > 1 else math.floor(raw)
    return math.ceil(raw / 10) * 10 if factor > 1 else math.floor(raw / 10) * 10
