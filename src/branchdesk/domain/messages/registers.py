"""Messages: register writes and their history rules."""

MESSAGES: dict[str, tuple[str, str]] = {
}
