"""Messages: header detection, column mapping and row validation of imports."""

MESSAGES: dict[str, tuple[str, str]] = {
}
