<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>ReferralActionPanel</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_panel.py" line="66" />
        <location filename="../../src/branchdesk/ui/pages/referrals_panel.py" line="167" />
        <source>Record a secondary referral action</source>
        <extracomment>Where the last staff name is kept in settings.ini. The longest staff name accepted. The tables an action write touches. Emitted with (case id, ``Changes``) once an action was committed.</extracomment>
        <translation>二次勧奨の記録</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_panel.py" line="83" />
        <source>e.g. 2025-04-01 or R7.4.1</source>
        <translation>例: 2025-04-01、R7.4.1</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_panel.py" line="86" />
        <source>Not entered</source>
        <translation>（未入力）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_panel.py" line="90" />
        <source>&amp;Record</source>
        <translation>記録(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_panel.py" line="92" />
        <source>Enter in any field records the action</source>
        <translation>どの欄でも Enter キーで記録します</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_panel.py" line="102" />
        <source>Action &amp;date</source>
        <translation>勧奨日(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_panel.py" line="103" />
        <source>&amp;Method</source>
        <translation>方法(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_panel.py" line="104" />
        <source>Res&amp;ult</source>
        <translation>結果(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_panel.py" line="105" />
        <source>Sta&amp;ff</source>
        <translation>担当者(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_panel.py" line="130" />
        <source>Select a case in the list.</source>
        <translation>一覧から対象者を選んでください。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_panel.py" line="134" />
        <source>Person key {person} · checkup {day} · {employer}</source>
        <translation>対象者番号 {person}・健診受診日 {day}・{employer}</translation>
    </message>
</context>
<context>
    <name>ReferralCohorts</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="81" />
        <source>Co&amp;hort</source>
        <extracomment>Text colour of the months (and totals) not final yet. Emitted once the cohorts were (re)read and shown.</extracomment>
        <translation>健診年度(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="96" />
        <source>Final</source>
        <translation>確定</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="96" />
        <source>Provisional</source>
        <translation>集計中</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="98" />
        <source>Checkup month</source>
        <translation>健診受診月</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="99" />
        <source>Cases</source>
        <translation>対象者数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="100" />
        <source>Visited within the window</source>
        <translation>期間内受診者数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="102" />
        <source>Visit rate</source>
        <translation>受診率</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="103" />
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="137" />
        <source>Checkups of FY{fy}</source>
        <translation>{fy}年度健診分</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="153" />
        <source>No referral cases have been imported.</source>
        <translation>受診勧奨対象者が取り込まれていません。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="157" />
        <source>Cohort total</source>
        <translation>年度計</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="164" />
        <source>Checkups of FY{cohort} (the visit-rate KPI of FY{fy}): {rate}, {visited} of {cases} cases visited a doctor within {window} months of the checkup month.</source>
        <translation>{cohort}年度健診分（{fy}年度の受診率指標）: 受診率 {rate}（対象者 {cases}人のうち、健診受診月から{window}か月以内に医療機関を受診 {visited}人）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_cohort.py" line="170" />
        <source>Provisional: some checkup months are not final yet.</source>
        <translation>集計中: まだ確定していない健診受診月があります。</translation>
    </message>
</context>
<context>
    <name>ReferralColumns</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="44" />
        <source>Systolic</source>
        <extracomment>Translation context of the column headers and value names. Short names of the 二次 values (the "Meets" column).</extracomment>
        <translation>収縮期</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="45" />
        <source>Diastolic</source>
        <translation>拡張期</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="46" />
        <source>Glucose</source>
        <translation>空腹時血糖</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="47" />
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="71" />
        <source>HbA1c</source>
        <translation>HbA1c</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="65" />
        <source>Person key</source>
        <extracomment>Rows measured when the columns are fitted to their contents (once, on the first load: measuring 100 rows of 15 columns costs ~60 ms of the 300 ms the page may take to open). Column headers by ``WorklistRow`` field (English source; context ReferralColumns).</extracomment>
        <translation>対象者番号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="66" />
        <source>Severity</source>
        <translation>重症度（値÷基準値）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="67" />
        <source>Meets</source>
        <translation>該当項目</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="68" />
        <source>Systolic BP</source>
        <translation>収縮期血圧</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="69" />
        <source>Diastolic BP</source>
        <translation>拡張期血圧</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="70" />
        <source>Fasting glucose</source>
        <translation>空腹時血糖</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="72" />
        <source>Checkup date</source>
        <translation>健診受診日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="73" />
        <source>Days since checkup</source>
        <translation>経過日数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="74" />
        <source>Age</source>
        <translation>年齢</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="75" />
        <source>Employer symbol</source>
        <translation>事業所記号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="76" />
        <source>Employer name</source>
        <translation>事業所名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="77" />
        <source>Last action</source>
        <translation>最終勧奨日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="78" />
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="79" />
        <source>Result</source>
        <translation>結果</translation>
    </message>
</context>
<context>
    <name>ReferralWorklist</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="137" />
        <source> days or more</source>
        <extracomment>Fields sorted in SQL when their header is clicked (``queries.ORDERS`` keys). Emitted once a (re)read list is shown. (case id, id of the case after it, its row) of the action just recorded.</extracomment>
        <translation> 日以上</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="139" />
        <source>Cases with a secondary referral action within this many days are left off the list</source>
        <translation>この日数以内に二次勧奨を行った対象者は一覧に表示しません</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="144" />
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="220" />
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="148" />
        <source>&amp;No action for</source>
        <translation>対応なし(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="149" />
        <source>C&amp;heckups of</source>
        <translation>健診年度(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="210" />
        <source>{count} open cases</source>
        <translation>{count}件</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals_worklist.py" line="222" />
        <source>FY{fy}</source>
        <translation>{fy}年度</translation>
    </message>
</context>
<context>
    <name>ReferralsPage</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals.py" line="46" />
        <source>Secondary referral &amp;worklist</source>
        <extracomment>Writes to these tables change the cohort figures (actions do not). Emitted once the worklist was (re)read and shown. Emitted once the cohort table was (re)read and shown.</extracomment>
        <translation>二次勧奨(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals.py" line="47" />
        <source>&amp;Visit rate by cohort</source>
        <translation>受診率（コホート）(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/referrals.py" line="54" />
        <source>Checkup referrals</source>
        <translation>受診勧奨</translation>
    </message>
</context>
</TS>