<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>BackupsSection</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="72" />
        <source>Backups</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="74" />
        <source>Taken before every import, restore and schema migration, and whenever you back up; kept in the backups folder beside the store. A restore keeps the current store as a backup first.</source>
        <translation>取込・復元・ストアの更新（移行）の前と、手動でバックアップしたときに作成し、ストアと同じ場所の backups フォルダに保存します。復元の前には現在のストアをバックアップとして残します。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="85" />
        <source>Taken at</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="85" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="86" />
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="86" />
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="101" />
        <source>&amp;Back up now</source>
        <translation>今すぐバックアップ(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="104" />
        <source>&amp;Restore…</source>
        <translation>復元(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="108" />
        <source>Open backups f&amp;older</source>
        <translation>バックアップのフォルダを開く(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="143" />
        <source>Before an import</source>
        <translation>取込前</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="143" />
        <source>Before a restore</source>
        <translation>復元前</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="144" />
        <source>Before a schema migration</source>
        <translation>ストア移行前</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="145" />
        <source>Backed up by hand</source>
        <translation>手動</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="173" />
        <source>Writing a backup…</source>
        <translation>バックアップを作成しています…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="194" />
        <source>Restore a backup</source>
        <translation>バックアップの復元</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="197" />
        <source>&amp;Restore</source>
        <translation>復元する(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_backups.py" line="217" />
        <source>Restoring the backup…</source>
        <translation>バックアップを復元しています…</translation>
    </message>
</context>
<context>
    <name>BranchSection</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="56" />
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="58" />
        <source>A store belongs to one branch for good. For another branch, make a new store (branchdesk init --branch CODE --db PATH) and open the app on it.</source>
        <translation>ストアの支部は変更できません。別の支部のデータは新しいストアを作成し（branchdesk init --branch 支部コード --db 保存先）、そのストアでアプリを開いてください。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="61" />
        <source>Branch code</source>
        <translation>支部コード</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="62" />
        <source>Branch name</source>
        <translation>支部名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="63" />
        <source>Insurer number</source>
        <translation>保険者番号</translation>
    </message>
</context>
<context>
    <name>FiguresSection</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="107" />
        <source>Settings that change the figures</source>
        <extracomment>Settings shown in percent (0.95 → 95%).</extracomment>
        <translation>指標の計算に関わる設定</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="112" />
        <source>Kept in the store: every PC and every report uses the same values. Ranges are shown in each field's tooltip.</source>
        <translation>ストアに保存され、どのパソコン・どの報告でも同じ値を使います。設定できる範囲は各欄のツールチップに表示します。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="129" />
        <source> (assumed)</source>
        <translation>（仮定値）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="135" />
        <source>From {low} to {high}; default {default}</source>
        <translation>{low}〜{high}（既定値 {default}）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="138" />
        <source>The spec assumes this value; change it to the branch's actual delay.</source>
        <translation>仕様上の仮定値です。支部の実際の反映遅れに合わせて変更してください。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="146" />
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="147" />
        <source> months</source>
        <translation> か月</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="149" />
        <source> fiscal years</source>
        <translation> 年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="163" />
        <source>A first visit confirmed by these counts as a visit.</source>
        <translation>これらの方法で確認した初回受診を受診として数えます。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="169" />
        <source>Save se&amp;ttings</source>
        <translation>設定を保存(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="172" />
        <source>&amp;Defaults</source>
        <translation>既定値に戻す(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="173" />
        <source>Show the spec's defaults (saved with Save).</source>
        <translation>仕様の既定値を表示します（保存するには「設定を保存」を押します）。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="240" />
        <source>Saving the settings…</source>
        <translation>設定を保存しています…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_figures.py" line="262" />
        <source>The settings could not be read or saved.</source>
        <translation>設定を読み込めないか、保存できませんでした。</translation>
    </message>
</context>
<context>
    <name>LanguageSection</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="151" />
        <source>Display language</source>
        <translation>表示言語</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="155" />
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="156" />
        <source>English</source>
        <translation>英語（English）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="157" />
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="159" />
        <source>Applies from the next start.</source>
        <translation>次回の起動から切り替わります。</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="158" />
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="358" />
        <source>Quarterly report</source>
        <extracomment>settings.ini key of the folder the last report was written to. Emitted once the selectors are filled. Emitted with the path of the workbook written. Emitted when an export ends without a file (cancelled, refused, or failed).</extracomment>
        <translation>四半期報告</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="174" />
        <source>Writes the quarterly report to head office (form BD-QR v1) from the store, measured at the quarter's last day. It holds no member names and no person keys.</source>
        <translation>本部への四半期報告（様式 BD-QR v1）をストアから作成します。数値は四半期末日時点で集計します。健康保険委員の氏名や対象者番号は含みません。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="200" />
        <source>Fiscal &amp;year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="201" />
        <source>&amp;Quarter</source>
        <translation>四半期(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="202" />
        <source>Output fol&amp;der</source>
        <translation>出力先フォルダ(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="203" />
        <source>File &amp;name</source>
        <translation>ファイル名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="207" />
        <source>Q1 (April–June)</source>
        <translation>第1四半期（4〜6月）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="207" />
        <source>Q2 (July–September)</source>
        <translation>第2四半期（7〜9月）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="208" />
        <source>Q3 (October–December)</source>
        <translation>第3四半期（10〜12月）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="208" />
        <source>Q4 (January–March)</source>
        <translation>第4四半期（1〜3月）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="217" />
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="226" />
        <source>&amp;Write report</source>
        <translation>報告を作成(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="230" />
        <source>&amp;Open folder</source>
        <translation>フォルダを開く(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="274" />
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="283" />
        <source>FY{fy}</source>
        <translation>{fy}年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="296" />
        <source>Output folder</source>
        <translation>出力先フォルダ</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="324" />
        <source>&amp;Replace</source>
        <translation>上書きする(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="338" />
        <source>&amp;Write anyway</source>
        <translation>このまま作成(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/report_page.py" line="387" />
        <source>Writing the quarterly report…</source>
        <translation>四半期報告を作成しています…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_page.py" line="66" />
        <source>Settings</source>
        <extracomment>Tables whose changes alter what the page shows: the settings, the KPI sheet's rows and figures (the targets table shows values and statuses), and the store's branch. Section attribute → the tables it shows (None: not from the store, always reloaded). Emitted once every section has loaded after a refresh.</extracomment>
        <translation>設定</translation>
    </message>
</context>
<context>
    <name>StoreSection</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="92" />
        <source>Store location</source>
        <translation>ストアの保存場所</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="105" />
        <source>Open another store at the next &amp;start…</source>
        <translation>次回起動時に開くストアを選択(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="107" />
        <source>Use the &amp;default store</source>
        <translation>既定のストアに戻す(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="131" />
        <source>Store to open at the next start</source>
        <translation>次回起動時に開くストア</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="132" />
        <source>branchdesk store (*.db)</source>
        <translation>branchdesk ストア (*.db)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="138" />
        <source>At the next start: {path}</source>
        <translation>次回起動時: {path}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="139" />
        <source>At the next start: the default store</source>
        <translation>次回起動時: 既定のストア</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="140" />
        <source>--db PATH on the command line wins.</source>
        <translation>コマンドラインの --db PATH が優先されます。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_app.py" line="102" />
        <source>Open the store's fold&amp;er</source>
        <translation>ストアのフォルダを開く(&amp;E)</translation>
    </message>
</context>
<context>
    <name>TargetsSection</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="183" />
        <source>KPI targets</source>
        <extracomment>The rows of the table: the computed KPIs, in sheet order. Targets a branch sets: the 健康宣言 count (else ≥ previous) and the biosimilar share, "configurable per FY" (domain.md §4). The others are fixed or the previous year's value. Decimals of a percent typed in (63.35%).</extracomment>
        <translation>KPIの目標</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="193" />
        <source>Fiscal &amp;year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="207" />
        <source>KPI</source>
        <translation>指標</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="207" />
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="207" />
        <source>How the target is set</source>
        <translation>目標の決め方</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="208" />
        <source>Previous year (entered)</source>
        <translation>前年度実績（入力値）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="208" />
        <source>Previous year (used)</source>
        <translation>前年度実績（使用値）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="209" />
        <source>Value</source>
        <translation>実績</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="209" />
        <source>Status</source>
        <translation>達成状況</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="222" />
        <source>&amp;Save targets</source>
        <translation>目標を保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="258" />
        <source>FY{fy}</source>
        <translation>{fy}年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="261" />
        <source>Figures as of {day}</source>
        <translation>{day}時点の実績</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="276" />
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="282" />
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="284" />
        <source>Entered previous-year figure; it replaces the one recomputed from the registers. — : nothing entered.</source>
        <translation>入力した前年度実績です。台帳から再計算した値の代わりに使います。— は未入力です。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="312" />
        <source>At least the previous cohort's value</source>
        <translation>前年度（前年度健診分）の値以上</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="313" />
        <source>The branch's target; without one, at least the previous year's count</source>
        <translation>支部の目標値。未設定なら前年度の値以上</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="315" />
        <source>80% or more, and at least the same month of the previous year where that was 80% or more (fixed)</source>
        <translation>80%以上、かつ前年度同月が80%以上ならその値以上（固定）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="317" />
        <source>65% or more (fixed, national FY2029 goal)</source>
        <translation>65%以上（固定、2029年度の全国目標）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="318" />
        <source>Set per fiscal year (18% until FY2024, 21% from FY2025 unless changed)</source>
        <translation>年度ごとに設定（未設定なら2024年度まで18%、2025年度から21%）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="320" />
        <source>50% or more (fixed)</source>
        <translation>50%以上（固定）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="321" />
        <source>At least the previous year's count</source>
        <translation>前年度の値以上</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="327" />
        <source>Target in percent (21 = 21%)</source>
        <translation>目標をパーセントで入力します（21 = 21%）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="328" />
        <source>Target count; — : compare with the previous year's count</source>
        <translation>目標の事業所数。— は未設定（前年度の値と比較）です</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="336" />
        <source>The targets could not be read.</source>
        <translation>目標を読み込めませんでした。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/settings_targets.py" line="362" />
        <source>Saving the targets…</source>
        <translation>目標を保存しています…</translation>
    </message>
</context>
</TS>