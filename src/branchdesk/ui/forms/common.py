"""What the 健康宣言 and 健康保険委員 edit forms share: the 事業所記号 field with the employer's
name shown next to it (looked up when the field is left).

Captions are passed in already translated, so that each form's ``tr`` context keeps them.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QLabel, QLineEdit

from branchdesk.ui.forms.form import FieldProblem, FormDialog


class EmployerOwned(Protocol):
    """A record of one employer as its detail gives it (a declaration, a member)."""

    @property
    def symbol(self) -> str:
        """The employer's 事業所記号."""

    @property
    def employer_name(self) -> str:
        """The employer's name."""


def employer_fields(form: FormDialog, captions: tuple[str, str],
                    detail: EmployerOwned | None) -> tuple[QLineEdit, QLabel]:
    """Add the 事業所記号 field (read-only when editing ``detail``) and the employer's name
    below it to ``form``; ``captions``: (symbol field, name row). The name follows the symbol
    typed once the field is left (or the reason it names no employer)."""
    edit = form.line(captions[0], "symbol", "" if detail is None else detail.symbol,
                     read_only=detail is not None)
    name = QLabel("" if detail is None else detail.employer_name)
    name.setObjectName("employer_name")
    form.row(captions[1], name)
    edit.editingFinished.connect(lambda: show_employer(form, edit, name))
    return edit, name


def show_employer(form: FormDialog, edit: QLineEdit, name: QLabel) -> None:
    """Show in ``name`` the employer of the 事業所記号 in ``edit``, or why there is none."""
    try:
        name.setText(form.employer_of(edit).name)
    except FieldProblem as problem:
        name.setText(problem.text)
