"""A tiny branch for the referral worklist and cohort tests, built through the register API
(``apply_register``, ``upsert_cases``, ``set_visits``, ``add_actions``); synthetic data only.

Each case gets a fresh synthetic 対象者番号 (``T000001`` …); values not given are left missing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from branchdesk.store.connection import create_store
from branchdesk.store.registers import add_actions, apply_register, set_visits, upsert_cases
from branchdesk.store.settings import set_setting

#: (事業所記号, name) of the synthetic employers.
EMPLOYERS = [("20000001", "株式会社テスト物産"), ("20000002", "サンプル運輸有限会社")]


def day(text: str) -> date:
    """An ISO date."""
    return date.fromisoformat(text)


class ReferralBranch:
    """A store with two employers; cases, visits, actions and settings added one by one."""

    def __init__(self, path: Path) -> None:
        self.store = create_store(path, "31")
        self._next = 1
        rows: list[Any] = [{"symbol": s, "name": n, "insured": 10} for s, n in EMPLOYERS]
        self._write(apply_register, day("2024-03-31"), rows, confirm_lost=True)

    def _write(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        with self.store.transaction():
            return fn(self.store, *args, **kwargs)

    def case(self, checkup_on: str, *, symbol: str | None = "20000001", age: int | None = 55,
             **values: Any) -> tuple[str, date]:
        """Add a case (values: sbp, dbp, fpg, hba1c, ldl …); returns its key."""
        person = f"T{self._next:06d}"
        self._next += 1
        record: dict[str, Any] = {"person_key": person, "checkup_on": day(checkup_on),
                                  "symbol": symbol, "age": age, **values}
        self._write(upsert_cases, [record], source="import")
        return person, day(checkup_on)

    def visit(self, key: tuple[str, date], visit_on: str, source: str = "claim") -> None:
        """Record the case's first confirmed visit."""
        self._write(set_visits, [{"person_key": key[0], "checkup_on": key[1],
                                  "visit_on": day(visit_on), "visit_source": source}])

    def action(self, key: tuple[str, date], acted_on: str, method: str = "phone",
               result: str | None = None, staff: str | None = None) -> None:
        """Record a 二次勧奨 action on the case."""
        self._write(add_actions, [{"person_key": key[0], "checkup_on": key[1],
                                   "acted_on": day(acted_on), "method": method,
                                   "result": result, "staff": staff}])

    def setting(self, key: str, value: Any) -> None:
        """Change one setting of the store."""
        self._write(set_setting, key, value)

    def case_id(self, key: tuple[str, date]) -> int:
        """The stored id of a case."""
        return int(self.store.scalar(
            "SELECT id FROM referral_cases WHERE person_key = ? AND checkup_on = ?",
            (key[0], key[1].isoformat())))
