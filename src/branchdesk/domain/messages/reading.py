"""Messages: reading files (formats, encodings, hostile files)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
