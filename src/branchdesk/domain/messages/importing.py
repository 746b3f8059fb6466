"""Messages: the import as a whole (plans, summaries, history, templates)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
