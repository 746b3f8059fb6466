"""Settings that change a figure, declared once (key, type, default, titles). They live in the
store so that every PC and every report agrees (cli.md); the values here are the spec's defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from branchdesk.domain.errors import ValueRejected


@dataclass(frozen=True)
class SettingDef:
    """One setting: its key, Python type, default and titles for the settings screen."""

    key: str
    type: type
    default: Any
    title_ja: str
    title_en: str
    minimum: float | None = None
    maximum: float | None = None
    assumed: bool = False  # (assumed) in domain.md: named in the UI's help text


SETTINGS: tuple[SettingDef, ...] = (
    SettingDef("nearly_ratio", float, 0.95, "概ね達成とする目標比",
               "Ratio of the target counted as nearly achieved", 0.5, 1.0),
    SettingDef("referral_window_months", int, 10, "受診確認の期間（健診受診月から・か月）",
               "Visit window (months from the checkup month)", 1, 24),
    SettingDef("claims_lag_months", int, 2, "レセプト反映の遅れ（か月）", "Claims lag (months)",
               0, 12, assumed=True),
    SettingDef("referral_visit_sources", list, ["claim", "reply", "self"],
               "受診として数える確認方法", "Visit sources that count"),
    SettingDef("secondary_sbp", float, 180.0, "二次勧奨: 収縮期血圧 以上", "Secondary: systolic ≥",
               0, 300),
    SettingDef("secondary_dbp", float, 110.0, "二次勧奨: 拡張期血圧 以上", "Secondary: diastolic ≥",
               0, 200),
    SettingDef("secondary_fpg", float, 160.0, "二次勧奨: 空腹時血糖 以上",
               "Secondary: fasting glucose ≥", 0, 1000),
    SettingDef("secondary_hba1c", float, 8.4, "二次勧奨: HbA1c 以上", "Secondary: HbA1c ≥", 0, 20),
    SettingDef("referral_retention_fy", int, 5, "受診勧奨データの保存年度数",
               "Fiscal years referral cases are kept", 1, 20),
)

BY_KEY: dict[str, SettingDef] = {s.key: s for s in SETTINGS}


def defaults() -> dict[str, Any]:
    """Every setting at its default."""
    return {s.key: s.default for s in SETTINGS}


def validate_setting(key: str, value: Any) -> Any:
    """``value`` coerced to the setting's type and checked against its range."""
    definition = BY_KEY.get(key)
    if definition is None:
        raise ValueRejected("setting_unknown", key=key)
    if definition.type is list:
        if not isinstance(value, list):
            raise ValueRejected("setting_invalid", key=key, value=str(value))
        return value
    try:
        coerced = definition.type(value)
    except (TypeError, ValueError) as e:
        raise ValueRejected("setting_invalid", key=key, value=str(value)) from e
    low, high = definition.minimum, definition.maximum
    if (low is not None and coerced < low) or (high is not None and coerced > high):
        raise ValueRejected("setting_out_of_range", key=key, value=str(value),
                            minimum=low, maximum=high)
    return coerced
