"""Employers (事業所), their quarterly full registers and headcount history.

Every employer appears in one register (新規適用; most in the first) and is lost (喪失) at the
first register that no longer lists it, or never. Insured counts follow a heavy-tailed
distribution (most employers under 10 insured, a long tail of large ones) and drift a little
from register to register. The numpy arrays of ``Employers`` are the single source of the
figures; the headcount rows are copied from them with one ``INSERT … SELECT`` per register.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np

from branchdesk.demo.base import NO_DAY, Timeline, Writer, day, iso, rng_for
from branchdesk.demo.names import Companies
from branchdesk.demo.places import TOWNS, Municipality, prefecture_name
from branchdesk.domain.normalize import search_key
from branchdesk.store.connection import Store

#: New employers per quarter, as a share of the employers present at the start.
NEW_PER_QUARTER = 0.01
#: Quarterly chance of being lost, by size: < 5 insured, < 50, the rest.
LOSS_HAZARD = (0.012, 0.007, 0.003)
_OLDEST_APPLIED = day(date(1947, 4, 1))
_HEADCOUNT_INDEX = "headcounts_employer"
_CHUNK = 50_000
_COLUMNS = ("symbol", "name", "name_kana", "seiri_kigo", "office_number", "postal_code",
            "address", "municipality_code", "industry", "applied_on", "lost_on", "search_key")


@dataclass
class Employers:
    """The generated employers; index i is the employer with id i + 1."""

    appear: np.ndarray  # index of the first register listing it
    lost: np.ndarray  # index of the first register not listing it (n_registers = never)
    applied: np.ndarray  # 適用年月日 as day numbers
    insured: np.ndarray  # (n, n_registers) insured per register (valid where listed)
    size: np.ndarray  # the underlying size (float), for weighting choices
    municipality: np.ndarray  # index into the branch's municipalities

    @property
    def n(self) -> int:
        """How many employers there are."""
        return len(self.appear)

    def active(self, register: int) -> np.ndarray:
        """Mask of the employers the register of index ``register`` lists."""
        return (self.appear <= register) & (self.lost > register)

    def active_on(self, index: np.ndarray, register: np.ndarray) -> np.ndarray:
        """Whether employer ``index[k]`` is listed by register ``register[k]`` (−1: before the
        first register, where employers present from the start and applied earlier count)."""
        listed = (self.appear[index] <= register) & (self.lost[index] > register)
        early = (register < 0) & (self.appear[index] == 0)
        return np.where(register < 0, early, listed)

    def lost_day(self, timeline: Timeline) -> np.ndarray:
        """喪失日 as day numbers (NO_DAY when never lost)."""
        days = np.append(timeline.register_days, NO_DAY)
        return days[self.lost]


def generate_employers(store: Store, writer: Writer, timeline: Timeline, places: list[Municipality],
                       branch: str, n: int, insured_total: int, seed: int) -> Employers:
    """Generate and write employers, registers and headcounts; the arrays for later parts."""
    rng = rng_for(seed, "employers")
    emp = _simulate(rng, timeline, places, n, insured_total)
    writer.insert("employers", _COLUMNS, _rows(rng, emp, timeline, places, branch))
    _write_registers(store, writer, timeline, emp, rng)
    return emp


def _simulate(rng: np.random.Generator, timeline: Timeline, places: list[Municipality],
              n: int, insured_total: int) -> Employers:
    R = timeline.n_registers
    n0 = round(n / (1 + NEW_PER_QUARTER * (R - 1)))
    appear = np.sort(np.concatenate([np.zeros(n0, dtype=np.int64),
                                     rng.integers(1, R, size=n - n0)]))
    weights = np.array([m.weight for m in places], dtype=float)
    municipality = rng.choice(len(places), size=n, p=weights / weights.sum())
    size = _sizes(rng, n, insured_total / (0.92 * n))
    hazard = np.select([size < 5, size < 50], LOSS_HAZARD[:2], LOSS_HAZARD[2])
    lost = np.minimum(appear + rng.geometric(hazard), R)
    emp = Employers(appear, lost, _applied(rng, timeline, appear), np.empty(0), size,
                    municipality)
    walk = int(rng.integers(2**62))
    end = _headcounts(size, walk, R, only_last=True)[:, 0]
    emp.size = size * insured_total / max(int(end[emp.active(R - 1)].sum()), 1)
    emp.insured = _headcounts(emp.size, walk, R)
    return emp


def _sizes(rng: np.random.Generator, n: int, mean: float) -> np.ndarray:
    """Employer sizes: a lognormal body (median ~ a third of the mean) and a Pareto tail."""
    body = rng.lognormal(np.log(mean * 0.32), 1.0, n)
    cap = 480.0 * mean
    tail = mean * 2.5 / rng.random(n) ** (1 / 1.25)
    tail = np.where(tail > cap, rng.uniform(cap / 3, cap, n), tail)
    size = np.where(rng.random(n) < 0.06, tail, body)
    return size * mean / size.mean()


def _headcounts(size: np.ndarray, walk: int, R: int, only_last: bool = False) -> np.ndarray:
    """Insured per register: a multiplicative random walk with a trend per employer, plus
    ±1 steps; one register at a time (the walk is replayed from its seed, so the calibration
    pass and the final one agree)."""
    rng = np.random.default_rng(walk)
    n = len(size)
    trend = rng.normal(0.002, 0.01, n).astype(np.float32)
    factor = np.ones(n, dtype=np.float32)
    steps = np.zeros(n, dtype=np.int32)
    result = np.empty((n, 1 if only_last else R), dtype=np.int32)
    for r in range(R):
        factor *= np.exp(trend + rng.standard_normal(n, dtype=np.float32) * np.float32(0.02))
        u = rng.random(n, dtype=np.float32)
        steps += (u > 0.95).astype(np.int32) - (u < 0.05).astype(np.int32)
        if not only_last or r == R - 1:
            result[:, 0 if only_last else r] = np.maximum(1, np.rint(size * factor) + steps)
    return result


def _applied(rng: np.random.Generator, timeline: Timeline, appear: np.ndarray) -> np.ndarray:
    """適用年月日: long ago for the employers of the first register, else in the quarter
    before the register that first lists them."""
    n = len(appear)
    old = timeline.start - 1 - np.rint(rng.exponential(12 * 365.25, n)).astype(np.int64)
    old = np.maximum(old, _OLDEST_APPLIED)
    starts = np.concatenate([[timeline.start - 1], timeline.register_days[:-1]])
    span = timeline.register_days - starts
    recent = starts[appear] + 1 + (rng.random(n) * span[appear]).astype(np.int64)
    in_first = (appear == 0) & (rng.random(n) < 0.03)
    return np.where((appear > 0) | in_first, recent, old)


def _symbols(rng: np.random.Generator, appear: np.ndarray) -> np.ndarray:
    """Unique 8-digit 事業所記号 (some with leading zeros), ascending within each register's
    newcomers (sorted keys also keep the unique index cheap to build)."""
    symbols = rng.choice(10**8, size=len(appear), replace=False)
    return symbols[np.lexsort((symbols, appear))]  # ``appear`` is ascending


def _rows(rng: np.random.Generator, emp: Employers, timeline: Timeline,
          places: list[Municipality], branch: str) -> Iterator[tuple[object, ...]]:
    """The employer rows, built a chunk at a time from arrays drawn once."""
    details = _Details(rng, emp, timeline, places, branch)
    for lo in range(0, emp.n, _CHUNK):
        yield from details.rows(lo, min(emp.n, lo + _CHUNK))


class _Details:
    """What is drawn once for the employer rows: names, symbols, addresses, dates."""

    def __init__(self, rng: np.random.Generator, emp: Employers, timeline: Timeline,
                 places: list[Municipality], branch: str) -> None:
        n = emp.n
        self.companies = Companies(rng, n)
        self.symbols = _symbols(rng, emp.appear)
        self.town = rng.integers(len(TOWNS), size=n)
        self.numbers = rng.integers(1, [6, 30, 25], size=(n, 3))
        self.postal = rng.integers(0, 10_000, size=n)
        self.kigo = rng.integers(10, 100, size=n)
        self.office = rng.integers(0, 100_000, size=n)
        self.applied, self.lost = iso(emp.applied), iso(emp.lost_day(timeline))
        self.municipality = emp.municipality
        self.places = places
        self.prefix = [f"{prefecture_name(branch)}{m.name}" for m in places]
        self.key = _KeyCache()

    def rows(self, lo: int, hi: int) -> Iterator[tuple[object, ...]]:
        """Rows of employers ``lo`` to ``hi`` − 1, in ``_COLUMNS`` order."""
        names, kanas, industries = self.companies.render(lo, hi)
        place = self.municipality[lo:hi].tolist()
        symbol = [f"{x:08d}" for x in self.symbols[lo:hi].tolist()]
        kigo = [f"{k}{kana[:3]}" for k, kana in zip(self.kigo[lo:hi].tolist(), kanas,
                                                    strict=True)]
        postal = [f"{self.places[p].postal3}{x:04d}"
                  for p, x in zip(place, self.postal[lo:hi].tolist(), strict=True)]
        address = [f"{self.prefix[p]}{TOWNS[t]}{c}-{b}-{g}" for p, t, (c, b, g) in zip(
            place, self.town[lo:hi].tolist(), self.numbers[lo:hi].tolist(), strict=True)]
        keys = [f"{self.key(a)}\t{self.key(k)}\t{s}"
                for a, k, s in zip(names, kanas, symbol, strict=True)]
        return zip(symbol, names, kanas, kigo, [f"{x:05d}" for x in self.office[lo:hi].tolist()],
                   postal, address, [self.places[p].code for p in place], industries,
                   self.applied[lo:hi], self.lost[lo:hi], keys, strict=True)


class _KeyCache(dict[str, str]):
    """``search_key`` of one text, remembered: names repeat, and the column is
    ``search_key(name, kana, symbol)`` = the parts' keys joined by tabs (a string of ASCII
    digits is its own key)."""

    def __call__(self, text: str) -> str:
        key = self.get(text)
        if key is None:
            key = self[text] = search_key(text)
        return key


def _write_registers(store: Store, writer: Writer, timeline: Timeline, emp: Employers,
                     rng: np.random.Generator) -> None:
    """One register per quarter end, its headcounts copied from a TEMP table of the arrays.

    The (employer, register) index is dropped while the rows go in register by register and
    built again at the end with its own stored statement: inserting into it at 600,000 places
    per register costs more than one sort.
    """
    R = timeline.n_registers
    masks = [emp.active(r) for r in range(R)]
    first = writer.insert("employer_registers", ("as_of", "listed", "insured_total"),
                          [(timeline.registers[r].isoformat(), int(masks[r].sum()),
                            int(emp.insured[masks[r], r].sum())) for r in range(R)])
    _stage_insured(store, emp, rng.integers(20, 101, size=emp.n))
    index_sql = store.scalar("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                             (_HEADCOUNT_INDEX,))
    if index_sql:
        store.conn.execute(f"DROP INDEX {_HEADCOUNT_INDEX}")
    for r in range(R):
        store.conn.execute(
            "INSERT INTO employer_headcounts (register_id, employer_id, insured, dependents) "
            f"SELECT ?, id, i{r}, i{r} * dep / 100 FROM temp.demo_insured "
            "WHERE appear <= ? AND lost > ? ORDER BY id", (first + r, r, r))
        writer.count("employer_headcounts", int(masks[r].sum()))
    if index_sql:
        store.conn.execute(index_sql)
    store.conn.execute("DROP TABLE temp.demo_insured")


def _stage_insured(store: Store, emp: Employers, dependents: np.ndarray) -> None:
    """TEMP table demo_insured: id, appear, lost, dependents per 100 insured, i0 … i{R-1}."""
    R = emp.insured.shape[1]
    cols = ", ".join(f"i{r} INTEGER" for r in range(R))
    store.conn.execute("DROP TABLE IF EXISTS temp.demo_insured")
    store.conn.execute(f"CREATE TABLE temp.demo_insured (id INTEGER PRIMARY KEY, "
                       f"appear INTEGER, lost INTEGER, dep INTEGER, {cols})")
    marks = ", ".join("?" for _ in range(R + 4))
    for lo in range(0, emp.n, _CHUNK):
        hi = min(emp.n, lo + _CHUNK)
        table = np.column_stack([np.arange(lo + 1, hi + 1), emp.appear[lo:hi], emp.lost[lo:hi],
                                 dependents[lo:hi], emp.insured[lo:hi]])
        store.conn.executemany(f"INSERT INTO temp.demo_insured VALUES ({marks})",
                               table.tolist())
