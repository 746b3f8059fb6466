"""Messages: the store (opening, locking, backup, restore, check)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "store_missing": (
        "ストアがありません: {path}"
        "（branchdesk init --branch CODE で作成するか、--db で指定してください）",
        "No store at {path} (create one with `branchdesk init --branch CODE`, or pass --db)"),
    "store_is_directory": ("ストアのパスがフォルダです: {path}",
                           "The store path is a directory: {path}"),
    "store_not_database": ("SQLiteデータベースではありません: {path}",
                           "Not an SQLite database: {path}"),
    "store_not_branchdesk": ("branchdeskのストアではありません: {path}",
                             "Not a branchdesk store: {path}"),
    "store_newer": (
        "このストアは新しいbranchdeskで作成されています（形式 {version}、対応 {supported} まで）。"
        "branchdeskを更新してください: {path}",
        "This store was made by a newer branchdesk (schema {version}, this one supports up to "
        "{supported}); update branchdesk: {path}"),
    "store_damaged": ("ストアが破損しています: {path}（{detail}）。"
                      "バックアップから復元してください",
                      "The store is damaged: {path} ({detail}); restore it from a backup"),
    "store_locked": (
        "ストアは他の利用者が書き込み中です: {user}@{host}（プロセス {pid}、{since} から）。"
        "終了を待ってから再度実行してください",
        "The store is being written by {user}@{host} (process {pid}, since {since}); "
        "try again when it is done"),
    "store_busy": ("ストアが他の処理で使用中のため書き込めません: {path}",
                   "The store is busy with another process and cannot be written: {path}"),
    "store_exists": ("空でないストアが既にあります: {path}",
                     "A non-empty store already exists: {path}"),
    # backup and restore
    "backup_dest_exists": ("バックアップ先のファイルが既にあります: {path}（上書きしません）",
                           "The backup destination already exists: {path} "
                           "(it is never overwritten)"),
    "backup_dest_no_folder": ("バックアップ先のフォルダがありません: {path}",
                              "The backup destination folder does not exist: {path}"),
    "backup_dest_unwritable": ("バックアップ先のフォルダに書き込めません: {path}",
                               "The backup destination folder is not writable: {path}"),
    "backup_failed": ("バックアップを作成できませんでした: {path}（{detail}）。"
                      "データは変更されていません",
                      "The backup could not be written: {path} ({detail}); nothing was changed"),
    "restore_source_missing": ("復元するファイルがありません: {path}",
                               "The file to restore does not exist: {path}"),
    "restore_not_store": ("branchdeskのストアではないため復元できません: {path}",
                          "Not a branchdesk store, so it cannot be restored: {path}"),
    "restore_source_newer": (
        "新しいbranchdeskで作成されたストアのため復元できません"
        "（形式 {version}、対応 {supported} まで）: {path}",
        "This store was made by a newer branchdesk (schema {version}, this one supports up to "
        "{supported}), so it cannot be restored: {path}"),
    "restore_source_damaged": ("破損しているため復元できません: {path}（{detail}）",
                               "The file is damaged and cannot be restored: {path} ({detail})"),
    "restore_same_file": ("復元元が現在のストアそのものです: {path}",
                          "The file to restore is the current store itself: {path}"),
    "restore_other_branch": (
        "支部 {source_branch} のストアは、支部 {store_branch} のストアに復元できません"
        "（数値が別の支部のものに変わるため）: {path}",
        "A store of branch {source_branch} cannot be restored over the store of branch "
        "{store_branch} (every figure would silently change branch): {path}"),
    "restore_referrals_portable": (
        "ポータブルモードのストアには、受診勧奨データ（要配慮個人情報）を含むストアを"
        "復元できません: {path}",
        "A store holding referral cases (sensitive personal data) cannot be restored in "
        "portable mode: {path}"),
    "restore_failed": ("復元できませんでした: {path}（{detail}）。"
                       "復元前のストアのバックアップ: {backup}",
                       "The restore failed: {path} ({detail}); the store before it was kept at "
                       "{backup}"),
    # check: integrity
    "check_integrity": ("整合性検査の異常: {detail}", "Integrity check failed: {detail}"),
    "check_clean": ("問題は見つかりませんでした", "No problems found"),
    "check_summary": ("整合性の異常 {integrity} 件、データの不整合 {errors} 件、警告 {warnings} 件",
                      "{integrity} integrity failures, {errors} consistency problems, "
                      "{warnings} warnings"),
    # check: consistency findings ({key} is a 事業所記号 or a uid, never a name or a referral value)
    "check_member_unknown_employer": (
        "健康保険委員 {key}: 事業所ID {employer_id} が事業所台帳にありません",
        "Committee member {key}: employer id {employer_id} is not in the employer register"),
    "check_declaration_after_lost": (
        "健康宣言 {key}（宣言日 {declared_on}）: 事業所の喪失日 {lost_on} 以降の宣言です",
        "Declaration {key} (declared {declared_on}): dated on or after the employer was lost "
        "({lost_on})"),
    "check_withdrawn_without_date": (
        "健康宣言 {key}（宣言日 {declared_on}）: 取下げですが取下げ日がありません",
        "Declaration {key} (declared {declared_on}): withdrawn, but without a withdrawal date"),
    "check_withdrawn_before_declared": (
        "健康宣言 {key}（宣言日 {declared_on}）: 取下げ日 {withdrawn_on} が宣言日より前です",
        "Declaration {key} (declared {declared_on}): withdrawn on {withdrawn_on}, before it was "
        "declared"),
    "check_member_terminated_before_appointed": (
        "健康保険委員 {key}（事業所 {symbol}）: "
        "解嘱日 {terminated_on} が委嘱日 {appointed_on} より前です",
        "Committee member {key} (employer {symbol}): terminated on {terminated_on}, before the "
        "appointment on {appointed_on}"),
    "check_standard_content": (
        "健康宣言 {key}（宣言日 {declared_on}）: "
        "標準の宣言ですが要件を満たしていません（不足: {missing}）",
        "Declaration {key} (declared {declared_on}): marked standard, but does not meet the "
        "standard's requirements (missing: {missing})"),
    "check_part_checkup": ("健診受診率の目標", "a checkup uptake target"),
    "check_part_guidance": ("保健指導実施率の目標", "a health guidance target"),
    "check_part_field": ("運動・食生活・こころ・休養・たばこ・アルコールのいずれかの項目",
                         "an item on exercise, diet, mental health/rest, tobacco or alcohol"),
    "check_part_karte": ("宣言日より前の事業所カルテ提供日",
                         "a 事業所カルテ given before the declaration"),
    "check_visit_before_checkup": (
        "受診勧奨 {key}: 初回受診日が健診受診日より前です",
        "Referral case {key}: the first visit is dated before the checkup"),
    "check_action_before_checkup": (
        "二次勧奨 {key}（対象 {case_uid}）: 勧奨日が健診受診日より前です",
        "Follow-up {key} (case {case_uid}): dated before the checkup"),
    "check_generic_negative": (
        "ジェネリック統計 {key}: {field} が負の値です（{value}）",
        "Generic statistics {key}: {field} is negative ({value})"),
    "check_field_generic_qty": ("後発医薬品数量", "generic quantity"),
    "check_field_brand_qty": ("先発医薬品数量", "brand quantity"),
    "check_field_generic_amount": ("後発医薬品金額", "generic amount"),
    "check_field_brand_amount": ("先発医薬品金額", "brand amount"),
    "check_field_bs_qty": ("バイオシミラー数量", "biosimilar quantity"),
    "check_field_ref_qty": ("先行バイオ医薬品数量", "reference biologic quantity"),
    "check_biosimilar_negative": (
        "バイオシミラー統計 {key}: {field} が負の値です（{value}）",
        "Biosimilar statistics {key}: {field} is negative ({value})"),
    "check_lost_but_listed": (
        "事業所 {key}: 喪失日 {lost_on} ですが、最新の事業所台帳（基準日 {as_of}）に載っています",
        "Employer {key}: lost on {lost_on}, but listed in the newest register (as of {as_of})"),
    "check_active_not_listed": (
        "事業所 {key}: 喪失になっていませんが、最新の事業所台帳（基準日 {as_of}）に載っていません",
        "Employer {key}: not marked lost, but missing from the newest register (as of {as_of})"),
    "check_declarations_overlap": (
        "事業所 {key}: 宣言日 {first_on} と {second_on} の健康宣言が同時に宣言中です",
        "Employer {key}: the declarations of {first_on} and {second_on} are in force at the "
        "same time"),
}
