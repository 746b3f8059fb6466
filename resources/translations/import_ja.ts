<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="99" />
        <source>Import</source>
        <extracomment>Rows loaded around a problem that is not among the previewed rows.</extracomment>
        <translation>取込</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="115" />
        <source>Problems</source>
        <translation>エラー一覧</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="116" />
        <source>Summary</source>
        <translation>取込結果</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="125" />
        <source>&amp;Choose files…</source>
        <translation>ファイルを選択(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="126" />
        <source>Choose the files to import (Ctrl+O)</source>
        <translation>取り込むファイルを選びます（Ctrl+O）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="128" />
        <source>&amp;Drop from the list</source>
        <translation>一覧から外す(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="130" />
        <source>Or drop .xlsx, .xlsm or .csv files on this page.</source>
        <translation>または .xlsx・.xlsm・.csv ファイルをこの画面にドロップしてください。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="139" />
        <source>Files to import</source>
        <translation>取り込むファイル</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="154" />
        <source>Import the valid rows and &amp;skip the invalid ones</source>
        <translation>エラーのある行を除いて取り込む(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="155" />
        <source>C&amp;heck</source>
        <translation>検証(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="156" />
        <source>Validate every row without writing anything</source>
        <translation>書き込まずに全行を検証します</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="158" />
        <source>&amp;Import</source>
        <translation>取込(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="176" />
        <source>Choose the files to import</source>
        <translation>取り込むファイルを選択</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="177" />
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.csv)</source>
        <translation>Excel・CSVファイル (*.xlsx *.xlsm *.xls *.csv)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="221" />
        <source>cannot be read</source>
        <translation>読み込めません</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="223" />
        <source>reading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="225" />
        <source>kind unknown</source>
        <translation>種類不明</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_page.py" line="402" />
        <source>Mark employers lost?</source>
        <translation>事業所を喪失として記録しますか？</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="75" />
        <source>Detect automatically</source>
        <extracomment>The mapping value meaning "do not import this column" (``columns.IGNORE_VALUES``).</extracomment>
        <translation>自動判定</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="81" />
        <source>Kind of data</source>
        <translation>データの種類</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="82" />
        <source>Sheet to import</source>
        <translation>取り込むシート</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="83" />
        <source>Header row</source>
        <translation>見出し行</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="103" />
        <source>&amp;Kind:</source>
        <translation>種類(&amp;K):</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="105" />
        <source>Shee&amp;t:</source>
        <translation>シート(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="107" />
        <source>Header &amp;row:</source>
        <translation>見出し行(&amp;R):</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="117" />
        <source>First rows of the file</source>
        <translation>ファイルの先頭行</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="120" />
        <source>Column in the file</source>
        <translation>ファイルの列見出し</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="120" />
        <source>Imported as</source>
        <translation>取り込む項目</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="124" />
        <source>Column mapping</source>
        <translation>列の対応</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="126" />
        <source>&amp;Preview</source>
        <translation>プレビュー(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="127" />
        <source>Column &amp;mapping</source>
        <translation>列の対応(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="176" />
        <source>Every matching sheet</source>
        <translation>該当するすべてのシート</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="179" />
        <source>{name} (hidden)</source>
        <translation>{name}（非表示）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="216" />
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="261" />
        <source>Column {letters}</source>
        <translation>{letters}列</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="275" />
        <source>(not imported)</source>
        <translation>（取り込まない）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_preview.py" line="279" />
        <source>Field of this column</source>
        <translation>この列の取込項目</translation>
    </message>
</context>
<context>
    <name>ProblemsView</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="108" />
        <source>Problems found</source>
        <extracomment>The report's column that holds the reason (内容): it takes the spare width.</extracomment>
        <translation>見つかったエラー</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="112" />
        <source>Save the &amp;list of problems…</source>
        <translation>エラー一覧を保存(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="128" />
        <source>{errors} errors, {warnings} warnings</source>
        <translation>エラー {errors} 件、警告 {warnings} 件</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="143" />
        <source>Save the list of problems</source>
        <translation>エラー一覧を保存</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="144" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excelブック (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="159" />
        <source>Added</source>
        <extracomment>Columns of the summary: (English source, context SummaryView; the counts' keys added up).</extracomment>
        <translation>追加</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="160" />
        <source>Changed</source>
        <translation>変更</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="161" />
        <source>Unchanged</source>
        <translation>変更なし</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="162" />
        <source>Marked lost</source>
        <translation>喪失</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="163" />
        <source>Removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="164" />
        <source>Skipped</source>
        <translation>除外</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="180" />
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="180" />
        <source>Sheet</source>
        <translation>シート</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="180" />
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="180" />
        <source>Header row</source>
        <translation>見出し行</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/import_results.py" line="185" />
        <source>Summary per sheet</source>
        <translation>シートごとの取込結果</translation>
    </message>
</context>
</TS>