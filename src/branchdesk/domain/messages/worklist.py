"""Messages of the referral worklist and cohort table (受診勧奨)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "worklist_no_case": (
        "二次勧奨を記録する対象者を一覧から選んでください。",
        "Select the case the action is for in the list first."),
    "worklist_date_required": (
        "勧奨日を入力してください（例: 2025-04-01、R7.4.1）。",
        "Enter the action date (for example 2025-04-01 or R7.4.1)."),
    "worklist_date_invalid": (
        "勧奨日: {reason}",
        "Action date: {reason}"),
    "worklist_before_checkup": (
        "勧奨日 {acted_on} は健診受診日 {checkup_on} より前です。二次勧奨は健診受診日以後の日付で"
        "記録してください。",
        "The action date {acted_on} is before the checkup date {checkup_on}; an action is dated "
        "on or after the checkup."),
    "worklist_in_future": (
        "勧奨日 {acted_on} は今日（{today}）より後の日付です。実施した二次勧奨を実施日で記録して"
        "ください。",
        "The action date {acted_on} is after today ({today}); record an action on the day it "
        "was taken."),
    "worklist_staff_too_long": (
        "担当者名は{limit}文字以内で入力してください（{length}文字入力されています）。",
        "The staff name may have at most {limit} characters ({length} were entered)."),
    "worklist_recorded": (
        "二次勧奨を記録しました（{acted_on}・{method}）。",
        "Recorded the action ({acted_on}, {method})."),
    "worklist_updated": (
        "同じ日・同じ方法の二次勧奨がすでにあるため、結果と担当者を更新しました（{acted_on}・"
        "{method}）。",
        "An action of that day and method was already recorded: its result and staff were "
        "updated ({acted_on}, {method})."),
    "worklist_unchanged": (
        "同じ内容の二次勧奨がすでに記録されています（{acted_on}・{method}）。",
        "The same action is already recorded ({acted_on}, {method})."),
    "worklist_not_saved": (
        "二次勧奨を記録できませんでした。ストアは変更されていません。",
        "The action could not be recorded; the store is unchanged."),
}
