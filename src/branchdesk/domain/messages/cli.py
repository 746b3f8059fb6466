"""Messages: cli."""

MESSAGES: dict[str, tuple[str, str]] = {
}
