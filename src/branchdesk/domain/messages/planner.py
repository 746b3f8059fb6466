"""Messages of the outreach planner (訪問計画)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
