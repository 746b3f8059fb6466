"""KPI definitions (domain.md §4–5) and the rules that turn values into statuses."""
