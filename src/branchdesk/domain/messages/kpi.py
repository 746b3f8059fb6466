"""Messages: kpi."""

MESSAGES: dict[str, tuple[str, str]] = {
}
