<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>PlannerColumns</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner_model.py" line="30" />
        <source>Declared</source>
        <extracomment>Translation context of the column headers and cell words. The ranking has one order (insured descending, then 事業所記号): no column sorts.</extracomment>
        <translation>宣言中</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner_model.py" line="36" />
        <source>Employer symbol</source>
        <translation>事業所記号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner_model.py" line="37" />
        <source>Name</source>
        <translation>事業所名称</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner_model.py" line="38" />
        <source>Municipality</source>
        <translation>市区町村</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner_model.py" line="40" />
        <source>Industry</source>
        <translation>業態</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner_model.py" line="41" />
        <source>Insured</source>
        <translation>被保険者数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner_model.py" line="43" />
        <source>Health declaration</source>
        <translation>健康宣言</translation>
    </message>
</context>
<context>
    <name>PlannerPage</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="90" />
        <source>Outreach plan</source>
        <extracomment>A typed size bound waits this long before the list is ranked again. The largest 被保険者数 bound the size boxes take. Emitted once a ranking (or the reason there is none) is shown. Emitted with the path once a visit plan was written.</extracomment>
        <translation>訪問計画</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="111" />
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="113" />
        <source>&amp;Fiscal year</source>
        <translation>年度(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="117" />
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="118" />
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="119" />
        <source>&amp;Municipality</source>
        <translation>市区町村(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="120" />
        <source>&amp;Industry</source>
        <translation>業態(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="124" />
        <source>Fewest insured</source>
        <translation>被保険者数の下限</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="125" />
        <source>Most insured</source>
        <translation>被保険者数の上限</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="126" />
        <source>In&amp;sured from</source>
        <translation>被保険者数(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="127" />
        <source>t&amp;o</source>
        <translation>〜(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="136" />
        <source>No limit</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="147" />
        <source>Hand-picked</source>
        <translation>手動選択</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="148" />
        <source>Check the top employers of the list</source>
        <translation>一覧の上位の事業所にチェックを付ける</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="150" />
        <source>Check the &amp;top</source>
        <translation>上位(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="151" />
        <source>employers</source>
        <translation>件にチェック</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="152" />
        <source>&amp;Uncheck all</source>
        <translation>チェックをすべて外す(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="159" />
        <source>&amp;Export to Excel…</source>
        <translation>Excel に出力(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="224" />
        <source>Measured at {day}</source>
        <translation>測定日 {day}</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="240" />
        <source>FY{fy}</source>
        <translation>{fy}年度</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="294" />
        <source>{listed} listed, {checked} checked</source>
        <translation>表示 {listed} 件、チェック {checked} 件</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="305" />
        <source>Visit plan {day}.xlsx</source>
        <translation>訪問計画_{day}.xlsx</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="306" />
        <source>Export the visit plan</source>
        <translation>訪問計画の出力</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/planner.py" line="307" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
</context>
</TS>