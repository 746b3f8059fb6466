"""Rules with no I/O: calendar, identifiers, parsing, KPI definitions, errors, messages."""
