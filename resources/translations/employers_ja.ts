<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>EmployerColumns</name>
    <message>
        <location filename="../../src/branchdesk/ui/models/employers.py" line="32" />
        <source>Employer symbol</source>
        <extracomment>Translation context of the column headers. Position of each field in a ``rows_by_ids`` tuple.</extracomment>
        <translation>事業所記号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/models/employers.py" line="34" />
        <source>Name</source>
        <translation>事業所名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/models/employers.py" line="35" />
        <source>Kana</source>
        <translation>カナ</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/models/employers.py" line="37" />
        <source>Municipality</source>
        <translation>市区町村</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/models/employers.py" line="39" />
        <source>Insured</source>
        <translation>被保険者数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/models/employers.py" line="41" />
        <source>Lost on</source>
        <translation>喪失日</translation>
    </message>
</context>
<context>
    <name>EmployerDetail</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="35" />
        <source>Employer symbol</source>
        <extracomment>The fields of the 基本情報 tab, and the names the audit history uses for them.</extracomment>
        <translation>事業所記号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="36" />
        <source>Name</source>
        <translation>事業所名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="37" />
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="60" />
        <source>Kana</source>
        <translation>カナ</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="38" />
        <source>Reference symbol</source>
        <translation>事業所整理記号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="39" />
        <source>Office number</source>
        <translation>事業所番号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="40" />
        <source>Postal code</source>
        <translation>郵便番号</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="41" />
        <source>Address</source>
        <translation>所在地</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="42" />
        <source>Municipality</source>
        <translation>市区町村</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="43" />
        <source>Industry</source>
        <translation>業態</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="44" />
        <source>Applied on</source>
        <translation>適用年月日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="45" />
        <source>Lost on</source>
        <translation>喪失日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="46" />
        <source>Edited in the app</source>
        <translation>アプリで編集</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="49" />
        <source>Register date</source>
        <translation>基準日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="50" />
        <source>Insured</source>
        <translation>被保険者数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="51" />
        <source>Dependents</source>
        <translation>被扶養者数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="52" />
        <source>Declared on</source>
        <translation>宣言日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="53" />
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="68" />
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="54" />
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="55" />
        <source>Withdrawn on</source>
        <translation>取下げ日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="56" />
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="66" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="57" />
        <source>Certification</source>
        <translation>健康経営優良法人認定</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="58" />
        <source>Contact person</source>
        <translation>担当者</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="59" />
        <source>Member name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="61" />
        <source>Department / title</source>
        <translation>所属・役職</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="62" />
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="63" />
        <source>E-mail</source>
        <translation>メール</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="64" />
        <source>Appointed on</source>
        <translation>委嘱日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="65" />
        <source>Terminated on</source>
        <translation>解嘱日</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="67" />
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="69" />
        <source>Staff</source>
        <translation>担当</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="70" />
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="71" />
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="72" />
        <source>Next action</source>
        <translation>次の対応</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="73" />
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="74" />
        <source>User</source>
        <translation>利用者</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="75" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="76" />
        <source>Changes</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="78" />
        <source>Details</source>
        <translation>基本情報</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="79" />
        <source>Insured by register</source>
        <translation>被保険者数の推移</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="80" />
        <source>Health declarations</source>
        <translation>健康宣言</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="81" />
        <source>Committee members</source>
        <translation>健康保険委員</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="82" />
        <source>Contacts</source>
        <translation>連絡記録</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="83" />
        <source>Change history</source>
        <translation>変更履歴</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="84" />
        <source>Added</source>
        <translation>登録</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="85" />
        <source>Changed</source>
        <translation>変更</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="86" />
        <source>Deleted</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="161" />
        <source>Select an employer to see its details.</source>
        <translation>事業所を選ぶと詳細を表示します。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="183" />
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="185" />
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="187" />
        <source>Active</source>
        <translation>適用中</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employer_detail.py" line="236" />
        <source>{0} record(s) added in one operation</source>
        <translation>一括登録（{0} 件）</translation>
    </message>
</context>
<context>
    <name>EmployersPage</name>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="83" />
        <source>Employers</source>
        <extracomment>Wait this long after the last keystroke before searching. Moving through rows shows the detail once the current row rests this long. Initial column widths: the text each column should show whole. Emitted once the ids of a refresh, search, filter or sort are shown.</extracomment>
        <translation>事業所</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="91" />
        <source>Search by employer symbol, name or kana</source>
        <translation>事業所記号・事業所名・カナで検索</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="92" />
        <source>Ctrl+F: search. Width, kana and case do not matter.</source>
        <translation>Ctrl+F で検索。全角・半角、ひらがな・カタカナ、大文字・小文字は区別しません。</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="93" />
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="95" />
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="98" />
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="101" />
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="102" />
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="93" />
        <source>Active</source>
        <translation>適用中</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="94" />
        <source>Lost</source>
        <translation>喪失</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="96" />
        <source>Declared</source>
        <translation>宣言中（標準）</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="97" />
        <source>Not declared</source>
        <translation>宣言なし</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="99" />
        <source>With a member</source>
        <translation>委員あり</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="100" />
        <source>Without a member</source>
        <translation>委員なし</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="102" />
        <source>1 to 9</source>
        <translation>1〜9人</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="103" />
        <source>10 to 49</source>
        <translation>10〜49人</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="104" />
        <source>50 to 299</source>
        <translation>50〜299人</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="105" />
        <source>300 or more</source>
        <translation>300人以上</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="143" />
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="144" />
        <source>Health declaration</source>
        <translation>健康宣言</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="145" />
        <source>Committee member</source>
        <translation>健康保険委員</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="146" />
        <source>Municipality</source>
        <translation>市区町村</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="147" />
        <source>Insured</source>
        <translation>被保険者数</translation>
    </message>
    <message>
        <location filename="../../src/branchdesk/ui/pages/employers.py" line="251" />
        <source>Matching {0} / total {1}</source>
        <translation>該当 {0} 件 / 全 {1} 件</translation>
    </message>
</context>
</TS>