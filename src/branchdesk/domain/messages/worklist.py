"""Messages of the referral worklist and cohort table (受診勧奨)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
