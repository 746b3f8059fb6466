"""Typed errors. Each carries a message code and parameters; the catalogue renders them.

Exit codes follow cli.md: 2 input rejected, 3 store unusable, 4 consistency problems, 1 unexpected.
"""

from __future__ import annotations

from typing import Any


class BranchdeskError(Exception):
    """Base of every error branchdesk raises on purpose."""

    exit_code = 1

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def render(self, lang: str = "ja") -> str:
        """The message in ``lang`` ("ja" or "en")."""
        from branchdesk.domain.messages import message

        return message(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.render("en")


class InputRejected(BranchdeskError):
    """An argument or an input file was rejected; nothing was written."""

    exit_code = 2


class ValueRejected(InputRejected):
    """One value failed a rule (a date, an identifier, a number)."""


class StoreUnusable(BranchdeskError):
    """The store is missing, locked, damaged or newer than this program."""

    exit_code = 3


class ConsistencyProblems(BranchdeskError):
    """``check`` found consistency problems; the store itself is sound."""

    exit_code = 4


class Cancelled(BranchdeskError):
    """Long work was cancelled by the user; nothing was written."""

    exit_code = 2

    def __init__(self) -> None:
        super().__init__("cancelled")
