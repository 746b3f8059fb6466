"""Register edit forms (dialogs) with inline validation messages."""
