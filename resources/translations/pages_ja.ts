<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>BiosimilarRateChart</name>
    <message>
        <location filename="../../src/branchdesk/ui/charts/biosimilar.py" line="30" />
        <location filename="../../src/branchdesk/ui/charts/biosimilar.py" line="40" />
        <source>Biosimilar replacement by ingredient</source>
        <translation>成分別バイオシミラー置換率</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/biosimilar.py" line="31" />
        <source>Replacement rate (%)</source>
        <translation>置換率（%）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/biosimilar.py" line="38" />
        <source>Biosimilar replacement by ingredient ({month})</source>
        <translation>成分別バイオシミラー置換率（{month}診療分）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/biosimilar.py" line="42" />
        <source>80% or more</source>
        <translation>80%以上</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/biosimilar.py" line="43" />
        <source>Below 80%</source>
        <translation>80%未満</translation>
    </message>
</context>
<context>
    <name>CommitteePage</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="53" />
        <source>Committee members</source>
        <translation>健康保険委員</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="58" />
        <source>Employer symbol</source>
        <translation>事業所記号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="58" />
        <source>Employer name</source>
        <translation>事業所名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="59" />
        <source>Employer</source>
        <translation>事業所</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="59" />
        <source>Name</source>
        <translation>委員氏名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="60" />
        <source>Name in kana</source>
        <translation>氏名カナ</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="60" />
        <source>Department and title</source>
        <translation>部署・役職</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="61" />
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="61" />
        <source>E-mail</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="62" />
        <source>Appointed on</source>
        <translation>委嘱日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="62" />
        <source>Terminated on</source>
        <translation>解嘱日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="63" />
        <source>Reason for termination</source>
        <translation>解嘱理由</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="83" />
        <source>Search by employer symbol, employer name, member name or kana (Ctrl+F)</source>
        <translation>事業所記号・事業所名・委員氏名・カナで検索（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="87" />
        <source>&amp;Terminate…</source>
        <translation>解嘱(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="94" />
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="94" />
        <source>In office</source>
        <translation>在任中</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="95" />
        <source>Terminated</source>
        <translation>解嘱済</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="96" />
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="111" />
        <source>All years</source>
        <translation>すべての年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="98" />
        <source>In office or terminated</source>
        <translation>在任・解嘱</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="98" />
        <source>&amp;Status</source>
        <translation>在任状況(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="99" />
        <source>Fiscal year of the appointment</source>
        <translation>委嘱日の年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="99" />
        <source>&amp;Year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="113" />
        <source>FY{fy}</source>
        <translation>{fy}年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="130" />
        <source>Select a member to see the details and history.</source>
        <translation>委員を選ぶと、詳細と変更履歴が表示されます。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="131" />
        <source>Committee member</source>
        <translation>健康保険委員</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="132" />
        <source>Trainings and commendations</source>
        <translation>研修受講・表彰</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="133" />
        <source>History of changes</source>
        <translation>変更履歴</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="148" />
        <source>Edited in the app</source>
        <translation>画面で変更済み</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="148" />
        <source>Yes (an import overwrites it)</source>
        <translation>はい（取込で上書きされます）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="149" />
        <source>Training</source>
        <translation>研修</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="149" />
        <source>Commendation</source>
        <translation>表彰</translation>
    </message>
</context>
<context>
    <name>CoverageChart</name>
    <message>
        <location filename="../../src/branchdesk/ui/charts/coverage.py" line="29" />
        <source>Committee coverage of the insured</source>
        <translation>健康保険委員委嘱事業所の被保険者カバー率</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/coverage.py" line="29" />
        <source>Coverage (%)</source>
        <translation>カバー率（%）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/coverage.py" line="30" />
        <source>Register date</source>
        <translation>事業所台帳の基準日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/coverage.py" line="39" />
        <source>Coverage</source>
        <translation>カバー率</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/coverage.py" line="48" />
        <source>Measurement date</source>
        <translation>測定日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/coverage.py" line="53" />
        <source>Target {value}</source>
        <translation>目標 {value}</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/dashboard.py" line="96" />
        <source>Dashboard</source>
        <extracomment>Cards per row of the grid. Typing a date waits this long before the sheet is recomputed. Every table a KPI figure or a chart reads. Emitted once the cards and charts of a FY / as-of are shown.</extracomment>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/dashboard.py" line="125" />
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/dashboard.py" line="132" />
        <source>As-of date</source>
        <translation>基準日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/dashboard.py" line="134" />
        <source>&amp;Fiscal year</source>
        <translation>年度(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/dashboard.py" line="136" />
        <source>&amp;As of</source>
        <translation>基準日(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/dashboard.py" line="198" />
        <source>FY{fy}</source>
        <translation>{fy}年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/dashboard.py" line="262" />
        <source>Measured at {day}</source>
        <translation>測定日 {day}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/dashboard.py" line="270" />
        <source>The figures could not be computed.</source>
        <translation>指標を計算できませんでした。</translation>
    </message>
</context>
<context>
    <name>DeclarationColumns</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="24" />
        <source>Employer symbol</source>
        <extracomment>Column headers (English source; Japanese from the .ts file, context DeclarationColumns).</extracomment>
        <translation>事業所記号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="25" />
        <source>Employer name</source>
        <translation>事業所名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="26" />
        <source>Declaration date</source>
        <translation>宣言日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="27" />
        <source>Kind</source>
        <translation>宣言区分</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="28" />
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="29" />
        <source>Withdrawal date</source>
        <translation>取下げ日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="30" />
        <source>Karte given on</source>
        <translation>カルテ提供日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="31" />
        <source>Certification</source>
        <translation>健康経営優良法人</translation>
    </message>
</context>
<context>
    <name>DeclarationForm</name>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="31" />
        <source>Add a health declaration</source>
        <translation>健康宣言の追加</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="32" />
        <source>Edit a health declaration</source>
        <translation>健康宣言の編集</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="39" />
        <source>&amp;Employer symbol</source>
        <extracomment>(事業所記号, 宣言日) of the declaration written, once ``build`` succeeded.</extracomment>
        <translation>事業所記号(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="39" />
        <source>Employer name</source>
        <translation>事業所名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="40" />
        <source>&amp;Declaration date</source>
        <translation>宣言日(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="48" />
        <source>&amp;Kind</source>
        <translation>宣言区分(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="51" />
        <source>One item and its target per line</source>
        <translation>1行に1項目（項目と目標値）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="53" />
        <source>Declared &amp;items</source>
        <translation>宣言項目(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="54" />
        <source>Karte &amp;given on</source>
        <translation>カルテ提供日(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="56" />
        <source>Karte given &amp;again on</source>
        <translation>カルテ再提供日(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="58" />
        <source>&amp;Certification</source>
        <translation>健康経営優良法人(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="60" />
        <source>Contact &amp;person</source>
        <translation>担当者(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="62" />
        <source>&amp;Note</source>
        <translation>備考(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="89" />
        <source>Employer {symbol} already has a declaration dated {day}; edit that one instead.</source>
        <translation>事業所 {symbol} には宣言日 {day} の健康宣言が既に登録されています（その宣言を編集してください）。</translation>
    </message>
</context>
<context>
    <name>DeclarationsPage</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="44" />
        <source>Health declarations</source>
        <translation>健康宣言</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="49" />
        <source>Employer symbol</source>
        <translation>事業所記号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="49" />
        <source>Employer name</source>
        <translation>事業所名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="50" />
        <source>Employer</source>
        <translation>事業所</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="50" />
        <source>Declaration date</source>
        <translation>宣言日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="51" />
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="97" />
        <source>Kind</source>
        <translation>宣言区分</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="51" />
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="96" />
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="52" />
        <source>Withdrawal date</source>
        <translation>取下げ日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="53" />
        <source>Withdrawal reason</source>
        <translation>取下げ理由</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="54" />
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="134" />
        <source>Declared items</source>
        <translation>宣言項目</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="54" />
        <source>Karte given on</source>
        <translation>カルテ提供日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="55" />
        <source>Karte given again on</source>
        <translation>カルテ再提供日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="56" />
        <source>Certification</source>
        <translation>健康経営優良法人</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="57" />
        <source>Contact person</source>
        <translation>担当者</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="57" />
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="78" />
        <source>Search by employer symbol, name or kana (Ctrl+F)</source>
        <translation>事業所記号・事業所名・カナで検索（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="82" />
        <source>&amp;Withdraw…</source>
        <translation>取下げ(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="89" />
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="94" />
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="114" />
        <source>All years</source>
        <translation>すべての年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="96" />
        <source>&amp;Status</source>
        <translation>状態(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="97" />
        <source>&amp;Kind</source>
        <translation>区分(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="98" />
        <source>Fiscal year of the declaration</source>
        <translation>宣言日の年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="98" />
        <source>&amp;Year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="116" />
        <source>FY{fy}</source>
        <translation>{fy}年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="133" />
        <source>Select a declaration to see its details and history.</source>
        <translation>健康宣言を選ぶと、詳細と変更履歴が表示されます。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="134" />
        <source>Declaration</source>
        <translation>健康宣言</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="135" />
        <source>History of changes</source>
        <translation>変更履歴</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="150" />
        <source>Edited in the app</source>
        <translation>画面で変更済み</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/declarations.py" line="150" />
        <source>Yes (an import overwrites it)</source>
        <translation>はい（取込で上書きされます）</translation>
    </message>
</context>
<context>
    <name>DrugsPage</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="91" />
        <source>&amp;Generic drugs</source>
        <extracomment>Rows measured when the columns are fitted to their contents. Emitted after a list was (re)loaded.</extracomment>
        <translation>ジェネリック医薬品(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="92" />
        <source>&amp;Biosimilars</source>
        <translation>バイオシミラー(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="99" />
        <source>Generics and biosimilars</source>
        <translation>ジェネリック・バイオシミラー</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="105" />
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="106" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="107" />
        <source>Generic share (quantity)</source>
        <translation>使用割合（数量）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="108" />
        <source>Generic quantity</source>
        <translation>後発医薬品数量</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="109" />
        <source>Brand quantity (with a generic)</source>
        <translation>後発品のある先発品数量</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="111" />
        <source>Generic share (amount)</source>
        <translation>使用割合（金額）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="112" />
        <source>Generic amount</source>
        <translation>後発医薬品金額</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="113" />
        <source>Brand amount (with a generic)</source>
        <translation>後発品のある先発品金額</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="119" />
        <source>Ingredient</source>
        <translation>成分</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="120" />
        <source>Replacement rate</source>
        <translation>置換率</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="121" />
        <source>80% or more</source>
        <translation>80%以上</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="122" />
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="122" />
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="123" />
        <source>Biosimilar quantity</source>
        <translation>バイオシミラー数量</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="124" />
        <source>Reference quantity</source>
        <translation>先行バイオ医薬品数量</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="125" />
        <source>Institutions reporting</source>
        <translation>数量のある医療機関数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="126" />
        <source>Institutions at 80% or more</source>
        <translation>うち80%以上の医療機関数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="147" />
        <source>&amp;Unit</source>
        <translation>単位(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="148" />
        <source>&amp;Month</source>
        <translation>診療年月(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="149" />
        <source>Minimum &amp;quantity</source>
        <translation>最小数量(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="172" />
        <source>M&amp;onth</source>
        <translation>診療年月(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="222" />
        <source>No generic figures have been imported.</source>
        <translation>ジェネリック医薬品の統計が取り込まれていません。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="245" />
        <source>{month}: branch generic share {share} (the KPI's figure). {count} rows, lowest share first.</source>
        <translation>{month}診療分: 支部の使用割合（数量）{share}（KPIの値）。{count}件を使用割合の低い順に表示しています。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="255" />
        <source>No biosimilar figures have been imported.</source>
        <translation>バイオシミラーの統計が取り込まれていません。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/drugs.py" line="269" />
        <source>{month}: {reached} of {count} ingredients at 80% or more</source>
        <translation>{month}診療分: 数量のある{count}成分のうち{reached}成分が80%以上</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../src/branchdesk/ui/forms/form.py" line="93" />
        <source>e.g. 2025-04-01 or R7.4.1</source>
        <extracomment>A Japanese-style mnemonic after a caption: "(&amp;D)". Emitted with the register API's ``Changes`` once the write committed.</extracomment>
        <translation>例: 2025-04-01、R7.4.1、令和7年4月1日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/form.py" line="114" />
        <source>{field} is required (it cannot be blank).</source>
        <translation>{field}は必須です（空欄にはできません）。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/form.py" line="175" />
        <source>The change could not be saved; nothing was written.</source>
        <translation>変更を保存できませんでした。何も書き込まれていません。</translation>
    </message>
</context>
<context>
    <name>GenericShareChart</name>
    <message>
        <location filename="../../src/branchdesk/ui/charts/generic.py" line="28" />
        <source>Generic share (quantity) by month</source>
        <translation>ジェネリック医薬品使用割合（数量）の月次推移</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/generic.py" line="28" />
        <source>Share (%)</source>
        <translation>使用割合（%）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/generic.py" line="29" />
        <source>Service month</source>
        <translation>診療月</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/generic.py" line="39" />
        <location filename="../../src/branchdesk/ui/charts/generic.py" line="41" />
        <source>FY{fy}</source>
        <translation>{fy}年度</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/history_view.py" line="25" />
        <source>Added</source>
        <translation>登録</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/history_view.py" line="26" />
        <source>Changed</source>
        <translation>変更</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/history_view.py" line="27" />
        <location filename="../../src/branchdesk/ui/widgets/history_view.py" line="68" />
        <source>Deleted</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/history_view.py" line="30" />
        <source>Added by an import</source>
        <translation>取込で登録</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/history_view.py" line="31" />
        <source>Added in the app</source>
        <translation>画面で登録</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/history_view.py" line="32" />
        <source>Added by the demo generator</source>
        <translation>デモデータとして登録</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/history_view.py" line="86" />
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/history_view.py" line="86" />
        <source>User</source>
        <translation>利用者</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/history_view.py" line="86" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/history_view.py" line="87" />
        <source>Details</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="31" />
        <source>The branch's {period} claims: generic amount ÷ (generic amount + amount of brand drugs with a generic)</source>
        <extracomment>How each computed KPI is computed, where the catalogue has no ``explain_&lt;id&gt;`` message yet.</extracomment>
        <translation>支部の{period}診療分: 後発医薬品金額 ÷（後発医薬品金額＋後発品のある先発品金額）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="34" />
        <source>Branch totals of {period}: ingredients whose biosimilar quantity ÷ (biosimilar + reference quantity) is 80% or more ÷ ingredients with any quantity</source>
        <translation>{period}診療分の支部計: バイオシミラー数量 ÷（バイオシミラー数量＋先行バイオ医薬品数量）が80%以上の成分数 ÷ 数量のある成分数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="37" />
        <source>Active employers with a standardised health declaration in force at {period}</source>
        <translation>{period}時点で標準化された健康宣言が有効な適用事業所の数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="40" />
        <source>Active employers with at least one committee member in office at {period}</source>
        <translation>{period}時点で健康保険委員が1人以上在任している適用事業所の数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="42" />
        <source>{period}: cases with a confirmed medical visit within the window after the checkup ÷ all referral cases of the cohort</source>
        <translation>{period}: 健診受診日から受診確認期間内に医療機関受診を確認できた人数 ÷ 受診勧奨対象者数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="56" />
        <source>Checkups of FY{fy}</source>
        <translation>{fy}年度健診分</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="59" />
        <source>FY{fy}</source>
        <translation>{fy}年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="66" />
        <source>Entered on the KPI sheet (typed in or imported)</source>
        <translation>KPIシートへの入力値（入力または取込）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="84" />
        <source>Numerator {numerator} ÷ denominator {denominator} = {value}</source>
        <translation>分子 {numerator} ÷ 分母 {denominator} = {value}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="87" />
        <source>Value: {value}</source>
        <translation>実績: {value}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="96" />
        <source>Target: {target}</source>
        <translation>目標: {target}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="97" />
        <source>Previous year: {previous}</source>
        <translation>前年度: {previous}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="98" />
        <source>Period: {period}</source>
        <translation>対象期間: {period}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="99" />
        <source>Measured at: {day}</source>
        <translation>測定日: {day}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="100" />
        <source>Status: {status}</source>
        <translation>達成状況: {status}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/widgets/kpi_card.py" line="103" />
        <source>Two conditions: 80% or more, and at least the same month of the previous year</source>
        <translation>2条件: 80%以上、かつ前年度同月の値以上</translation>
    </message>
</context>
<context>
    <name>MemberColumns</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="27" />
        <source>Employer symbol</source>
        <extracomment>Column headers (English source; Japanese from the .ts file, context MemberColumns).</extracomment>
        <translation>事業所記号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="28" />
        <source>Employer name</source>
        <translation>事業所名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="29" />
        <source>Name</source>
        <translation>委員氏名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="30" />
        <source>Name in kana</source>
        <translation>氏名カナ</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="31" />
        <source>Department and title</source>
        <translation>部署・役職</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="32" />
        <source>Appointed on</source>
        <translation>委嘱日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="33" />
        <source>Terminated on</source>
        <translation>解嘱日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/committee.py" line="34" />
        <source>Reason for termination</source>
        <translation>解嘱理由</translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="28" />
        <source>Add a committee member</source>
        <translation>健康保険委員の追加</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="29" />
        <source>Edit a committee member</source>
        <translation>健康保険委員の編集</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="36" />
        <source>&amp;Employer symbol</source>
        <extracomment>(事業所記号, 氏名, 委嘱日) of the member written, once ``build`` succeeded.</extracomment>
        <translation>事業所記号(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="36" />
        <source>Employer name</source>
        <translation>事業所名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="37" />
        <source>&amp;Name</source>
        <translation>委員氏名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="39" />
        <source>Name in &amp;kana</source>
        <translation>氏名カナ(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="41" />
        <source>&amp;Department and title</source>
        <translation>部署・役職(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="43" />
        <source>&amp;Phone</source>
        <translation>電話番号(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="44" />
        <source>E-&amp;mail</source>
        <translation>メールアドレス(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="45" />
        <source>&amp;Appointed on</source>
        <translation>委嘱日(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="68" />
        <source>This member is already stored with the appointment date {day}; edit that record instead.</source>
        <translation>この委員は委嘱日 {day} で既に登録されています（その記録を編集してください）。</translation>
    </message>
</context>
<context>
    <name>ReferralChart</name>
    <message>
        <location filename="../../src/branchdesk/ui/charts/referral.py" line="30" />
        <source>Medical visits within the window, by checkup month</source>
        <translation>健診受診月別の医療機関受診率</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/referral.py" line="31" />
        <source>Visit rate (%)</source>
        <translation>受診率（%）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/referral.py" line="31" />
        <source>Checkup month</source>
        <translation>健診受診月</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/referral.py" line="38" />
        <source>Medical visits within the window, cohort FY{fy}</source>
        <translation>健診受診月別の医療機関受診率（{fy}年度健診分）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/referral.py" line="41" />
        <source>Final</source>
        <translation>確定</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/referral.py" line="42" />
        <source>Provisional</source>
        <translation>集計中</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/charts/referral.py" line="51" />
        <source>Target {value}</source>
        <translation>目標 {value}</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/register_page.py" line="216" />
        <source>&amp;Add…</source>
        <extracomment>Rows measured when the columns are fitted to their contents. The search runs this long after the last keystroke. Emitted once a search, filter, sort or refresh is shown. The register's query module (ids, rows, detail and count of its records). Sort on a header click off the GUI thread (as a search), for registers whose first sort by a column takes longer than a click should wait.</extracomment>
        <translation>追加(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/register_page.py" line="218" />
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/register_page.py" line="279" />
        <source>{shown} of {total}</source>
        <translation>{total}件中 {shown}件</translation>
    </message>
</context>
<context>
    <name>TerminateForm</name>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="79" />
        <source>Terminate a committee member</source>
        <translation>健康保険委員の解嘱</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="82" />
        <source>Employer</source>
        <translation>事業所</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="83" />
        <source>Name</source>
        <translation>委員氏名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="84" />
        <source>Appointed on</source>
        <translation>委嘱日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="85" />
        <source>&amp;Terminated on</source>
        <translation>解嘱日(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/member_forms.py" line="94" />
        <source>&amp;Reason</source>
        <translation>理由(&amp;R)</translation>
    </message>
</context>
<context>
    <name>WithdrawForm</name>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="100" />
        <source>Withdraw a health declaration</source>
        <translation>健康宣言の取下げ</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="102" />
        <source>Employer</source>
        <translation>事業所</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="103" />
        <source>Declaration date</source>
        <translation>宣言日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="104" />
        <source>&amp;Withdrawal date</source>
        <translation>取下げ日(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/forms/declaration_forms.py" line="106" />
        <source>&amp;Reason</source>
        <translation>理由(&amp;R)</translation>
    </message>
</context>
</TS>