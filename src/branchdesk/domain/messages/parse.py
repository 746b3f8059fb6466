"""Messages: parse."""

MESSAGES: dict[str, tuple[str, str]] = {
    "branch_code_invalid": ("支部コードが不正です（01〜47の2桁）: {value}",
                            "Invalid branch code (two digits 01-47): {value}"),
}
