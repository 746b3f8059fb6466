"""Messages of the import wizard (取込)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
