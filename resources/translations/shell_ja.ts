<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>JobRunner</name>
    <message>
        <location filename="../../src/branchdesk/ui/jobs.py" line="268" />
        <source>Cancel</source>
        <extracomment>A job shows its progress dialog only after running this long (Anki's progress.py). SQLite virtual-machine steps between two looks at a read job's cancel flag.</extracomment>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/jobs.py" line="270" />
        <source>Working</source>
        <translation>処理中</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/jobs.py" line="291" />
        <location filename="../../src/branchdesk/ui/jobs.py" line="300" />
        <source>Stopping…</source>
        <translation>中止しています…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="153" />
        <location filename="../../src/branchdesk/ui/main_window.py" line="337" />
        <source>Branch desk</source>
        <extracomment>Preference keys in ``settings.ini`` (written by the settings page): the UI language, used when ``--lang`` is not given, and the store opened when neither ``--db`` nor ``--demo`` is. Files a drop on the window hands to the import page, and that page's id. Tables whose changes alter the status bar's counts.</extracomment>
        <translation>支部業務デスク</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="175" />
        <source>Read-only: another user is writing to the store. You can look things up; saving works once they are done.</source>
        <translation>読み取り専用: 他の利用者がストアに書き込み中です。閲覧はできます。保存はその処理が終わってから行ってください。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="186" />
        <source>Store: {path}</source>
        <translation>ストア: {path}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="327" />
        <source>Branch {code} {name}</source>
        <translation>{name}支部（{code}）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="330" />
        <source>Employers {employers:,} · declarations in force {declarations:,} · committee members in office {members:,}</source>
        <translation>事業所 {employers:,}件 ・ 宣言中の健康宣言 {declarations:,}件 ・ 委嘱中の健康保険委員 {members:,}人</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="339" />
        <source>{name} branch</source>
        <translation>{name}支部</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="352" />
        <source>Writing a backup…</source>
        <translation>バックアップを作成しています…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="354" />
        <source>Backup</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="354" />
        <source>The backup was written to:
{path}</source>
        <translation>バックアップを作成しました:
{path}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="358" />
        <source>About branchdesk</source>
        <translation>バージョン情報</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="359" />
        <source>branchdesk {version}
Store: {store}
Settings: {settings}
Logs: {logs}</source>
        <translation>支部業務デスク（branchdesk）{version}
ストア: {store}
設定: {settings}
ログ: {logs}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="403" />
        <source>Work in progress</source>
        <translation>処理中の作業があります</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/main_window.py" line="404" />
        <source>A change is still being saved. Stop it (nothing is changed) and quit?</source>
        <translation>変更を保存している途中です。中止して（データは変更されません）終了しますか？</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/placeholder.py" line="20" />
        <source>This page is not available yet.</source>
        <translation>このページは準備中です。</translation>
    </message>
</context>
<context>
    <name>StartupDialog</name>
    <message>
        <location filename="../../src/branchdesk/ui/startup.py" line="186" />
        <source>The store cannot be opened</source>
        <translation>ストアを開けません</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/startup.py" line="198" />
        <source>Backups (newest first):</source>
        <translation>バックアップ（新しい順）:</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/startup.py" line="199" />
        <source>There are no backups of this store.</source>
        <translation>このストアのバックアップはありません。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/startup.py" line="219" />
        <source>Or make a new store for the branch:</source>
        <translation>または、次の支部のストアを新規作成:</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/startup.py" line="227" />
        <source>&amp;Restore</source>
        <translation>復元(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/startup.py" line="231" />
        <source>&amp;New store</source>
        <translation>新規作成(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/startup.py" line="235" />
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../src/branchdesk/ui/errors.py" line="37" />
        <source>Cancelled</source>
        <extracomment>Error type → (dialog icon, English source of the box's title).</extracomment>
        <translation>中止しました</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/errors.py" line="38" />
        <source>Input rejected</source>
        <translation>入力エラー</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/errors.py" line="39" />
        <source>The store cannot be used</source>
        <translation>ストアを使用できません</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/errors.py" line="40" />
        <source>Consistency problems</source>
        <translation>データの不整合</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/errors.py" line="41" />
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/errors.py" line="56" />
        <source>Unexpected error</source>
        <translation>予期しないエラー</translation>
    </message>
</context>
<context>
    <name>menus</name>
    <message>
        <location filename="../../src/branchdesk/ui/menus.py" line="46" />
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/menus.py" line="47" />
        <source>&amp;Import files…</source>
        <translation>取込(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/menus.py" line="50" />
        <source>&amp;Quarterly report…</source>
        <translation>四半期報告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/menus.py" line="55" />
        <source>&amp;Backup…</source>
        <translation>バックアップ(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/menus.py" line="57" />
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/menus.py" line="74" />
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/menus.py" line="86" />
        <source>&amp;Next page</source>
        <translation>次のページ(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/menus.py" line="89" />
        <source>&amp;Previous page</source>
        <translation>前のページ(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/menus.py" line="92" />
        <source>Switch between &amp;sidebar and page</source>
        <translation>サイドバーとページの切り替え(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/menus.py" line="99" />
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/menus.py" line="100" />
        <source>&amp;About branchdesk</source>
        <translation>バージョン情報(&amp;A)</translation>
    </message>
</context>
<context>
    <name>registry</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/registry.py" line="37" />
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/registry.py" line="39" />
        <source>Employers</source>
        <translation>事業所</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/registry.py" line="41" />
        <source>Health declarations</source>
        <translation>健康宣言</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/registry.py" line="43" />
        <source>Committee members</source>
        <translation>健康保険委員</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/registry.py" line="45" />
        <source>Generics and biosimilars</source>
        <translation>ジェネリック・バイオシミラー</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/registry.py" line="47" />
        <source>Checkup referrals</source>
        <translation>受診勧奨</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/registry.py" line="49" />
        <source>Outreach plan</source>
        <translation>訪問計画</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/registry.py" line="51" />
        <source>Import</source>
        <translation>取込</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/registry.py" line="53" />
        <source>Quarterly report</source>
        <translation>四半期報告</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/registry.py" line="55" />
        <source>Settings</source>
        <translation>設定</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <location filename="../../src/branchdesk/ui/startup.py" line="48" />
        <source>before an import</source>
        <translation>インポート前</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/startup.py" line="49" />
        <source>before a restore</source>
        <translation>復元前</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/startup.py" line="50" />
        <source>before a format update</source>
        <translation>形式更新前</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/startup.py" line="51" />
        <source>manual</source>
        <translation>手動</translation>
    </message>
</context>
</TS>