"""Messages of the report page and the settings page (報告, 設定)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
