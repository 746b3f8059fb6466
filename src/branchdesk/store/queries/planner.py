"""The outreach planner (訪問計画): active employers without a committee member, ranked by insured
count, and what the committee coverage and the health-declaration count would become if a set
of them signed up (Qt-free).

Every figure follows the KPI engine's rules (domain.md §4, ``kpi_queries``): an employer is
active at D iff the latest full register dated on or before D lists it, with that register's
被保険者数; a member is in office at D iff 委嘱日 ≤ D < 解嘱日; a declaration counts iff it is
standardised and 宣言日 ≤ D < 取下げ日. A what-if adds to today's figures the chosen employers
that are active and not yet counted: exactly what ``committee_at`` / ``declarations_at`` return
once each of them has a member / a declaration (the tests hold the two equal).

Speed (600,000 employers): the figures at a day are read once as numpy arrays indexed by
employer id (the register's headcounts in one ``group_concat``, the members and declarations in
force, the 事業所記号 order) and kept per store version (``employer_sets.memo_of``); ranking,
filters and what-ifs are then array operations of a few milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from branchdesk.domain.calendar import fy_end, fy_of, fy_start
from branchdesk.domain.errors import ValueRejected
from branchdesk.domain.kpi.catalogue import default_target
from branchdesk.domain.kpi.status import exact, ratio
from branchdesk.store import kpi_queries as q
from branchdesk.store.connection import Store
from branchdesk.store.queries.employer_sets import (
    Ids,
    Mask,
    fetch_ids,
    mask_of,
    memo_of,
    snapshot,
)
from branchdesk.store.registers.common import chunks

Counts = npt.NDArray[np.int64]
#: Employers with a committee member in office at :d (``kpi_queries.committee_at``'s rule);
#: no DISTINCT (a sort of every member): the mask takes an employer with several once.
_MEMBER_IDS = ("SELECT employer_id AS id FROM committee_members WHERE appointed_on <= :d "
               "AND (terminated_on IS NULL OR terminated_on > :d)")
#: Employers with a standardised declaration in force at :d (``declarations_at``'s rule).
_DECLARED_IDS = ("SELECT employer_id AS id FROM declarations WHERE kind = 'standard' "
                 "AND declared_on <= :d AND (withdrawn_on IS NULL OR withdrawn_on > :d)")
_LOW_32 = 0xFFFFFFFF
#: The fields of a ``candidate_rows`` tuple, in order.
ROW_FIELDS = ("symbol", "name", "municipality_code", "industry", "insured", "declared")


@dataclass(frozen=True, eq=False)
class DayFigures:
    """The branch at one day as arrays indexed by employer id, and the KPI figures they give."""

    day: date
    register_id: int | None
    active: Mask  # listed by the register in force at ``day``
    insured: Counts  # that register's 被保険者数 (0 where not listed)
    member: Mask  # a committee member in office at ``day``
    declared: Mask  # a standardised declaration in force at ``day``
    symbol_rank: Counts  # each employer's position in 事業所記号 order

    @cached_property
    def total_insured(self) -> int:
        """Σ insured of the active employers (the coverage's denominator)."""
        return int(self.insured[self.active].sum())

    @cached_property
    def covered_insured(self) -> int:
        """Σ insured of the active employers with a member in office (the numerator)."""
        return int(self.insured[self.active & self.member].sum())

    @cached_property
    def employers_with_member(self) -> int:
        """Active employers with a member in office (``committee_employers``)."""
        return int((self.active & self.member).sum())

    @cached_property
    def declarations(self) -> int:
        """Active employers with a standardised declaration in force (``declarations``)."""
        return int((self.active & self.declared).sum())


def figures_at(store: Store, day: date) -> DayFigures:
    """The figures at ``day`` (kept until the store changes)."""
    return memo_of(store).get(store, ("planner", "figures", day),
                              lambda: _read_figures(store, day))


def _read_figures(store: Store, day: date) -> DayFigures:
    with snapshot(store):
        size = int(store.scalar("SELECT COALESCE(MAX(id), 0) FROM employers")) + 1
        register = q.register_at(store, day)
        active, insured = _headcounts(store, register, size)
        params = {"d": day.isoformat()}
        member = mask_of(fetch_ids(store.conn, _MEMBER_IDS, params), size)
        declared = mask_of(fetch_ids(store.conn, _DECLARED_IDS, params), size)
        rank = _symbol_rank(store, size)
    return DayFigures(day, register, active, insured, member, declared, rank)


def _headcounts(store: Store, register: int | None, size: int) -> tuple[Mask, Counts]:
    """(listed, 被保険者数) of ``register`` by employer id: one text of id·2³² + insured (one
    column costs ~80 ms at 515,000 rows where two cost ~120 ms)."""
    insured = np.zeros(size, dtype=np.int64)
    if register is None:
        return np.zeros(size, dtype=np.bool_), insured
    packed = fetch_ids(store.conn, "SELECT (employer_id << 32) | (insured & 4294967295) AS id "
                       "FROM employer_headcounts WHERE register_id = ?", (register,))
    ids = packed >> 32
    low = packed & _LOW_32
    insured[ids] = np.where(low > 0x7FFFFFFF, low - (1 << 32), low)  # signed 32 bits
    return mask_of(ids, size), insured


def _symbol_rank(store: Store, size: int) -> Counts:
    def compute() -> Counts:
        rank = np.zeros(size, dtype=np.int64)
        ordered = fetch_ids(store.conn, "SELECT id FROM employers ORDER BY symbol")
        rank[ordered] = np.arange(len(ordered), dtype=np.int64)
        return rank
    return memo_of(store).get(store, ("planner", "symbol_rank"), compute)


# --- ranking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One employer of the ranking (employer data only, never a member's)."""

    symbol: str
    name: str
    municipality_code: str | None
    industry: str | None
    insured: int
    declared: bool


@dataclass(frozen=True, eq=False)
class Ranking:
    """Candidates in rank order (insured descending, then 事業所記号) as employer ids; rows are
    read on demand (``rows``), since a large branch has hundreds of thousands."""

    figures: DayFigures
    ids: Ids

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def insured(self) -> Counts:
        """被保険者数 of each candidate, in rank order."""
        return self.figures.insured[self.ids]

    @property
    def declared(self) -> Mask:
        """Whether each candidate has a standardised declaration in force, in rank order."""
        return self.figures.declared[self.ids]

    def top(self, n: int) -> Ids:
        """The ids of the first ``n`` candidates."""
        return self.ids[:max(0, n)]

    def rows(self, store: Store, start: int = 0, stop: int | None = None) -> list[Candidate]:
        """The candidates from rank ``start`` (0-based) to ``stop`` (exclusive), in order."""
        wanted = [int(i) for i in self.ids[start:stop]]
        found = candidate_rows(store, self.figures.day, wanted)
        return [Candidate(*found[i]) for i in wanted if i in found]

    def top_n_for(self, target_share: Fraction | float) -> int | None:
        """How many candidates from the top must sign up for the coverage to reach
        ``target_share`` (0 when it already does; None when all of them are not enough)."""
        figures = self.figures
        share = exact(target_share) or Fraction(0)
        need = share * figures.total_insured - figures.covered_insured
        if need <= 0:
            return 0
        reached = np.cumsum(self.insured)
        index = int(np.searchsorted(reached, math.ceil(need), side="left"))
        return index + 1 if index < len(reached) else None


def candidates(store: Store, day: date, *, municipality: str | None = None,
               industry: str | None = None, min_insured: int | None = None,
               max_insured: int | None = None) -> Ranking:
    """Active employers at ``day`` without a committee member in office, ranked by insured
    count (descending, then 事業所記号), filtered by 市区町村コード, 業態 and an inclusive range
    of 被保険者数 (None: no filter)."""
    figures = figures_at(store, day)
    ranked = memo_of(store).get(store, ("planner", "ranked", day), lambda: _ranked(figures))
    masks = []
    if municipality is not None:
        masks.append(_column_mask(store, "municipality_code", municipality, len(figures.active)))
    if industry is not None:
        masks.append(_column_mask(store, "industry", industry, len(figures.active)))
    kept = np.ones(len(ranked), dtype=np.bool_)
    for mask in masks:
        kept &= mask[ranked]
    insured = figures.insured[ranked]
    if min_insured is not None:
        kept &= insured >= min_insured
    if max_insured is not None:
        kept &= insured <= max_insured
    return Ranking(figures, ranked[kept])


def _ranked(figures: DayFigures) -> Ids:
    return _in_rank_order(figures, np.flatnonzero(figures.active & ~figures.member))


def rank_order(figures: DayFigures, ids: Iterable[int] | Ids) -> Ids:
    """The candidates among ``ids`` (active, no member in office), each once, in rank order:
    insured descending, then 事業所記号."""
    chosen = _unique(ids)
    return _in_rank_order(figures, chosen[figures.active[chosen] & ~figures.member[chosen]])


def _in_rank_order(figures: DayFigures, ids: Ids) -> Ids:
    return ids[np.lexsort((figures.symbol_rank[ids], -figures.insured[ids]))]


def _column_mask(store: Store, column: str, value: str, size: int) -> Mask:
    """Employers whose ``column`` equals ``value`` (kept until the store changes)."""
    def compute() -> Mask:
        ids = fetch_ids(store.conn, f"SELECT id FROM employers WHERE {column} = ?", (value,))
        return mask_of(ids, size)
    return memo_of(store).get(store, ("planner", column, value, size), compute)


def candidate_rows(store: Store, day: date, wanted: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """The ``ROW_FIELDS`` of the employers ``wanted`` at ``day``, by id (insured from the
    register in force at ``day``; one query per block of at most 500 ids)."""
    register = q.register_at(store, day)
    found: dict[int, tuple[Any, ...]] = {}
    for batch in chunks(list(wanted)):
        marks = ", ".join("?" * len(batch))
        rows = store.conn.execute(
            "SELECT e.id, e.symbol, e.name, e.municipality_code, e.industry, "
            "COALESCE(h.insured, 0), EXISTS (SELECT 1 FROM declarations d "
            "WHERE d.employer_id = e.id AND d.kind = 'standard' AND d.declared_on <= ? "
            "AND (d.withdrawn_on IS NULL OR d.withdrawn_on > ?)) "
            "FROM employers e LEFT JOIN employer_headcounts h ON h.register_id = ? "
            f"AND h.employer_id = e.id WHERE e.id IN ({marks})",
            [day.isoformat(), day.isoformat(), register, *batch])
        found.update((int(r[0]), (*tuple(r)[1:6], bool(r[6]))) for r in rows)
    return found


def industries(store: Store) -> list[str]:
    """Every 業態 the employers have, sorted (kept until the store changes)."""
    return memo_of(store).get(store, ("planner", "industries"), lambda: [
        r[0] for r in store.conn.execute("SELECT DISTINCT industry FROM employers "
                                         "WHERE industry IS NOT NULL ORDER BY industry")])


def ids_of_symbols(store: Store, symbols: Iterable[str]) -> Ids:
    """The employer ids of ``symbols`` (each once, in the order given); an unknown 事業所記号 is
    rejected (``planner_symbol_unknown``)."""
    wanted = list(dict.fromkeys(symbols))
    found: dict[str, int] = {}
    for batch in chunks(wanted):
        marks = ", ".join("?" * len(batch))
        found.update((r[0], int(r[1])) for r in store.conn.execute(
            f"SELECT symbol, id FROM employers WHERE symbol IN ({marks})", batch))
    for symbol in wanted:
        if symbol not in found:
            raise ValueRejected("planner_symbol_unknown", value=symbol)
    return np.array([found[s] for s in wanted], dtype=np.int64)


# --- what-ifs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageWhatIf:
    """Committee coverage now and after the chosen employers get a member.

    ``chosen``: distinct employers given; ``added``: those active without a member (only they
    change the figures); ``target``: the KPI sheet's target of the FY of ``day``.
    """

    day: date
    chosen: int
    added: int
    covered_now: int
    covered_after: int
    total: int
    employers_now: int
    employers_after: int
    target: Fraction | None

    @property
    def now(self) -> Fraction | None:
        """The coverage now (None without an active employer)."""
        return ratio(self.covered_now, self.total)

    @property
    def after(self) -> Fraction | None:
        """The coverage after."""
        return ratio(self.covered_after, self.total)


@dataclass(frozen=True)
class DeclarationWhatIf:
    """Employers with a standardised declaration in force now and after the chosen ones
    declare; ``target``: the count the KPI sheet compares with (None: none known)."""

    day: date
    fy: int
    chosen: int
    added: int
    now: int
    after: int
    target: Fraction | None


def _unique(ids: Iterable[int] | Ids) -> Ids:
    """``ids`` as a sorted int64 array, each once (``np.unique`` of numpy 2.4 takes ~0.7 s for
    500,000 ids where a sort takes 50 ms)."""
    values = np.sort(np.asarray(ids if isinstance(ids, np.ndarray) else list(ids),
                                dtype=np.int64))
    if len(values) > 1:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values


def coverage_of(figures: DayFigures, ids: Iterable[int] | Ids,
                target: Fraction | None = None) -> CoverageWhatIf:
    """The coverage what-if of the employers ``ids`` on ``figures`` (no store access)."""
    chosen = _unique(ids)
    new = chosen[figures.active[chosen] & ~figures.member[chosen]]
    covered, employers = figures.covered_insured, figures.employers_with_member
    return CoverageWhatIf(figures.day, len(chosen), len(new), covered,
                          covered + int(figures.insured[new].sum()), figures.total_insured,
                          employers, employers + len(new), target)


def declarations_of(figures: DayFigures, fy: int, ids: Iterable[int] | Ids,
                    target: Fraction | None = None) -> DeclarationWhatIf:
    """The declaration what-if of the employers ``ids`` on ``figures`` (no store access)."""
    chosen = _unique(ids)
    new = chosen[figures.active[chosen] & ~figures.declared[chosen]]
    now = figures.declarations
    return DeclarationWhatIf(figures.day, fy, len(chosen), len(new), now, now + len(new), target)


def coverage_what_if(store: Store, day: date, symbols: Iterable[str]) -> CoverageWhatIf:
    """Committee coverage at ``day`` now and after each employer of ``symbols`` gets a member
    (numerator + the insured of those active without one; exact fractions)."""
    ids = ids_of_symbols(store, symbols)
    return coverage_of(figures_at(store, day), ids, coverage_target(store, fy_of(day)))


def declaration_what_if(store: Store, day: date, fy: int,
                        symbols: Iterable[str]) -> DeclarationWhatIf:
    """The declaration count at ``day`` now and after each employer of ``symbols`` declares,
    with FY ``fy``'s target; ``day`` must lie in the FY (``planner_day_outside_fy``)."""
    check_day(day, fy)
    ids = ids_of_symbols(store, symbols)
    return declarations_of(figures_at(store, day), fy, ids, declaration_target(store, fy))


def check_day(day: date, fy: int) -> None:
    """Reject a measurement day outside FY ``fy``."""
    if not fy_start(fy) <= day <= fy_end(fy):
        raise ValueRejected("planner_day_outside_fy", value=day.isoformat(), fy=fy)


def top_n_for(store: Store, day: date, target_share: Fraction | float,
              **filters: Any) -> int | None:
    """How many top candidates (``candidates``' filters) reach ``target_share`` coverage."""
    return candidates(store, day, **filters).top_n_for(target_share)


# --- targets (as ``kpi_sheet`` resolves them) ----------------------------------------------


def coverage_target(store: Store, fy: int) -> Fraction | None:
    """The coverage target of FY ``fy``: the entered one, else the default (50%)."""
    entered = q.entered_rows(store, fy).get("committee_coverage", {}).get("target")
    return exact(entered if entered is not None else default_target("committee_coverage", fy))


def declaration_target(store: Store, fy: int) -> Fraction | None:
    """The declaration count target of FY ``fy``: the entered target, else the entered
    前年度実績, else the count at 31 March of FY ``fy`` − 1 (None without a register then)."""
    entry = q.entered_rows(store, fy).get("declarations", {})
    for key in ("target", "previous"):
        if entry.get(key) is not None:
            return exact(entry[key])
    return exact(q.declarations_at(store, fy_end(fy - 1)))
