"""The two demo sizes of domain.md §6: a small (鳥取-like) and a large (東京-like) branch."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """How big a demo branch is. Counts are exact unless the field says "about"."""

    name: str
    default_branch: str
    #: Rows of ``employers`` (every employer ever listed; about 92% are active at the end).
    employers: int
    #: About this many insured persons in the newest register.
    insured: int
    #: Declarations in force (status 宣言中) at the end of the data.
    declarations: int
    #: Committee members in office at the end of the data.
    committee_members: int
    #: Referral cases per fiscal year of checkup dates.
    referrals_per_fy: int
    #: About this many generic_stats rows per month (支部 + 市区町村 + 医療機関 + 薬局).
    generic_rows_per_month: int
    #: Institutions with per-institution biosimilar rows (latest fiscal year only).
    biosimilar_institutions: int
    #: Visits and calls per fiscal year (seminars come on top).
    contacts_per_fy: int
    seminars_per_fy: int
    #: Attendance per seminar: (fewest, most) employers.
    seminar_size: tuple[int, int]
    #: Multiplier of the entered website-visit counts of the KPI sheet.
    website_factor: int


SCALES: dict[str, Scale] = {
    "small": Scale("small", "31", employers=13_000, insured=150_000, declarations=1_000,
                   committee_members=4_000, referrals_per_fy=5_000, generic_rows_per_month=1_500,
                   biosimilar_institutions=300, contacts_per_fy=75, seminars_per_fy=4,
                   seminar_size=(8, 30), website_factor=1),
    "large": Scale("large", "13", employers=600_000, insured=3_400_000, declarations=15_000,
                   committee_members=60_000, referrals_per_fy=110_000,
                   generic_rows_per_month=30_000, biosimilar_institutions=2_000,
                   contacts_per_fy=750, seminars_per_fy=20, seminar_size=(30, 120),
                   website_factor=15),
}
