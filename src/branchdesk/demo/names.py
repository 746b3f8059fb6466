"""Synthetic names: companies (kanji + katakana), people (kanji + kana + e-mail), institutions.

Every name is composed from common words; any likeness to a real company or person is chance.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np

#: Company name stems (kanji or katakana, reading in katakana).
STEMS = [
    ("山田", "ヤマダ"), ("中央", "チュウオウ"), ("大和", "ヤマト"), ("東洋", "トウヨウ"),
    ("第一", "ダイイチ"), ("共栄", "キョウエイ"), ("三光", "サンコウ"), ("丸山", "マルヤマ"),
    ("松本", "マツモト"), ("田中", "タナカ"), ("高橋", "タカハシ"), ("青葉", "アオバ"),
    ("若葉", "ワカバ"), ("朝日", "アサヒ"), ("富士", "フジ"), ("北斗", "ホクト"),
    ("大成", "タイセイ"), ("昭和", "ショウワ"), ("平和", "ヘイワ"), ("光陽", "コウヨウ"),
    ("新星", "シンセイ"), ("協和", "キョウワ"), ("太陽", "タイヨウ"), ("白鳥", "シラトリ"),
    ("緑川", "ミドリカワ"), ("石井", "イシイ"), ("岡田", "オカダ"), ("森本", "モリモト"),
    ("西村", "ニシムラ"), ("北村", "キタムラ"), ("東和", "トウワ"), ("丸正", "マルショウ"),
    ("誠和", "セイワ"), ("明和", "メイワ"), ("旭", "アサヒ"), ("桜", "サクラ"),
    ("大栄", "ダイエイ"), ("日進", "ニッシン"), ("共立", "キョウリツ"), ("三和", "サンワ"),
    ("山陽", "サンヨウ"), ("千代", "チヨ"), ("はなみずき", "ハナミズキ"), ("エース", "エース"),
    ("ライフ", "ライフ"), ("アクア", "アクア"), ("ミライ", "ミライ"),
    ("サンライズ", "サンライズ"), ("グリーン", "グリーン"), ("ネクスト", "ネクスト"),
    ("ユニオン", "ユニオン"), ("オリオン", "オリオン"),
]

#: (suffix, reading, 業態, legal-form group, weight).
SUFFIXES = [
    ("商事", "ショウジ", "卸売業・小売業", "corp", 8),
    ("商店", "ショウテン", "卸売業・小売業", "shop", 6),
    ("物産", "ブッサン", "卸売業・小売業", "corp", 3), ("建設", "ケンセツ", "建設業", "corp", 9),
    ("工務店", "コウムテン", "建設業", "corp", 4), ("設備", "セツビ", "建設業", "corp", 3),
    ("電気工事", "デンキコウジ", "建設業", "corp", 2),
    ("工業", "コウギョウ", "製造業", "corp", 5), ("製作所", "セイサクショ", "製造業", "corp", 3),
    ("食品", "ショクヒン", "製造業", "corp", 3), ("精機", "セイキ", "製造業", "corp", 2),
    ("印刷", "インサツ", "製造業", "corp", 1), ("運輸", "ウンユ", "運輸業・郵便業", "corp", 3),
    ("運送", "ウンソウ", "運輸業・郵便業", "corp", 2),
    ("物流", "ブツリュウ", "運輸業・郵便業", "corp", 1),
    ("システム", "システム", "情報通信業", "corp", 2),
    ("情報サービス", "ジョウホウサービス", "情報通信業", "corp", 1),
    ("不動産", "フドウサン", "不動産業・物品賃貸業", "corp", 3),
    ("リース", "リース", "不動産業・物品賃貸業", "corp", 1),
    ("設計", "セッケイ", "学術研究・専門・技術サービス業", "corp", 2),
    ("税理士事務所", "ゼイリシジムショ", "学術研究・専門・技術サービス業", "none", 2),
    ("フーズ", "フーズ", "宿泊業・飲食サービス業", "corp", 3),
    ("旅館", "リョカン", "宿泊業・飲食サービス業", "shop", 1),
    ("会", "カイ", "医療・福祉", "medical", 4),
    ("福祉会", "フクシカイ", "医療・福祉", "welfare", 3),
    ("介護サービス", "カイゴサービス", "医療・福祉", "corp", 3),
    ("サービス", "サービス", "サービス業（他に分類されないもの）", "corp", 4),
    ("警備保障", "ケイビホショウ", "サービス業（他に分類されないもの）", "corp", 1),
    ("自動車整備", "ジドウシャセイビ", "サービス業（他に分類されないもの）", "corp", 2),
    ("農園", "ノウエン", "農業・林業", "corp", 1), ("水産", "スイサン", "漁業", "corp", 1),
    ("保険事務所", "ホケンジムショ", "金融業・保険業", "corp", 1),
]

#: Legal forms per group: (form, position "front"/"back"/"" (none), weight).
_FORMS = {
    "corp": [("株式会社", "front", 40), ("株式会社", "back", 30), ("有限会社", "front", 15),
             ("合同会社", "back", 5), ("", "", 10)],
    "shop": [("株式会社", "back", 30), ("有限会社", "front", 30), ("", "", 40)],
    "none": [("", "", 1)],
    "medical": [("医療法人社団", "front", 3), ("医療法人", "front", 1)],
    "welfare": [("社会福祉法人", "front", 1)],
}

SURNAMES = [
    ("佐藤", "サトウ", "sato"), ("鈴木", "スズキ", "suzuki"), ("高橋", "タカハシ", "takahashi"),
    ("田中", "タナカ", "tanaka"), ("伊藤", "イトウ", "ito"), ("渡辺", "ワタナベ", "watanabe"),
    ("山本", "ヤマモト", "yamamoto"), ("中村", "ナカムラ", "nakamura"),
    ("小林", "コバヤシ", "kobayashi"), ("加藤", "カトウ", "kato"), ("吉田", "ヨシダ", "yoshida"),
    ("山田", "ヤマダ", "yamada"), ("佐々木", "ササキ", "sasaki"),
    ("山口", "ヤマグチ", "yamaguchi"), ("松本", "マツモト", "matsumoto"),
    ("井上", "イノウエ", "inoue"), ("木村", "キムラ", "kimura"), ("林", "ハヤシ", "hayashi"),
    ("清水", "シミズ", "shimizu"), ("山崎", "ヤマザキ", "yamazaki"), ("森", "モリ", "mori"),
    ("池田", "イケダ", "ikeda"), ("橋本", "ハシモト", "hashimoto"), ("阿部", "アベ", "abe"),
    ("石川", "イシカワ", "ishikawa"), ("前田", "マエダ", "maeda"), ("藤田", "フジタ", "fujita"),
    ("小川", "オガワ", "ogawa"), ("岡田", "オカダ", "okada"), ("後藤", "ゴトウ", "goto"),
    ("長谷川", "ハセガワ", "hasegawa"), ("村上", "ムラカミ", "murakami"),
    ("近藤", "コンドウ", "kondo"), ("坂本", "サカモト", "sakamoto"), ("遠藤", "エンドウ", "endo"),
    ("青木", "アオキ", "aoki"), ("西村", "ニシムラ", "nishimura"), ("福田", "フクダ", "fukuda"),
    ("太田", "オオタ", "ota"), ("三浦", "ミウラ", "miura"), ("藤原", "フジワラ", "fujiwara"),
    ("松田", "マツダ", "matsuda"), ("岡本", "オカモト", "okamoto"),
    ("中川", "ナカガワ", "nakagawa"), ("原田", "ハラダ", "harada"),
]
GIVEN = [
    ("太郎", "タロウ", "taro"), ("健一", "ケンイチ", "kenichi"), ("誠", "マコト", "makoto"),
    ("大輔", "ダイスケ", "daisuke"), ("翔太", "ショウタ", "shota"), ("浩二", "コウジ", "koji"),
    ("直樹", "ナオキ", "naoki"), ("和也", "カズヤ", "kazuya"), ("拓也", "タクヤ", "takuya"),
    ("隆", "タカシ", "takashi"), ("修", "オサム", "osamu"), ("聡", "サトシ", "satoshi"),
    ("陽介", "ヨウスケ", "yosuke"), ("健太", "ケンタ", "kenta"), ("亮", "リョウ", "ryo"),
    ("花子", "ハナコ", "hanako"), ("恵子", "ケイコ", "keiko"), ("裕子", "ユウコ", "yuko"),
    ("美穂", "ミホ", "miho"), ("直美", "ナオミ", "naomi"), ("由美", "ユミ", "yumi"),
    ("智子", "トモコ", "tomoko"), ("真由美", "マユミ", "mayumi"), ("彩", "アヤ", "aya"),
    ("愛", "アイ", "ai"), ("久美子", "クミコ", "kumiko"), ("明美", "アケミ", "akemi"),
    ("優子", "ユウコ", "yuko"), ("麻衣", "マイ", "mai"), ("さくら", "サクラ", "sakura"),
]
TITLES = [
    "総務部 課長", "総務課 係長", "総務課", "人事部 主任", "人事労務課", "管理部 部長", "事務長",
    "代表取締役", "取締役 総務部長", "経理課", "事務局", "総務・人事担当",
]
STAFF = [
    "担当A", "担当B", "担当C", "担当D", "担当E", "担当F",
]

_CLINIC_KINDS = [
    "内科クリニック", "内科医院", "クリニック", "整形外科", "小児科医院", "眼科",
    "皮膚科クリニック", "耳鼻咽喉科", "医院", "ファミリークリニック",
]
_HOSPITAL_KINDS = [
    "病院", "記念病院", "総合病院", "中央病院",
]
_DENTAL_KINDS = [
    "歯科医院", "歯科クリニック", "デンタルクリニック", "歯科",
]
_PHARMACY_KINDS = [
    "薬局", "調剤薬局", "ファーマシー", "薬局 駅前店",
]


def pick(rng: np.random.Generator, weights: Sequence[float], n: int) -> np.ndarray:
    """``n`` indexes drawn with the given (unnormalised) weights."""
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


class Companies:
    """Synthetic company names drawn for ``n`` employers, rendered a slice at a time."""

    def __init__(self, rng: np.random.Generator, n: int) -> None:
        self.suffix = pick(rng, [s[4] for s in SUFFIXES], n)
        self.stem1 = rng.integers(len(STEMS), size=n)
        stem2 = np.where(rng.random(n) < 0.2, rng.integers(len(STEMS), size=n), -1)
        self.stem2 = np.where(stem2 == self.stem1, -1, stem2) + 1  # 0: no second stem
        groups = list(_FORMS)
        group = np.array([groups.index(s[3]) for s in SUFFIXES])[self.suffix]
        self.form = np.zeros(n, dtype=np.int64)
        offset = 0
        for g, name in enumerate(groups):
            mask = group == g
            weights = [w for _, _, w in _FORMS[name]]
            self.form[mask] = offset + pick(rng, weights, int(mask.sum()))
            offset += len(weights)
        forms = [(f, pos) for name in groups for f, pos, _ in _FORMS[name]]
        self._front = [f if pos == "front" else "" for f, pos in forms]
        self._back = [f if pos == "back" else "" for f, pos in forms]

    def render(self, lo: int, hi: int) -> tuple[list[str], list[str], list[str]]:
        """(names, katakana names, 業態) of employers ``lo`` to ``hi`` − 1."""
        stems, kanas = [s for s, _ in STEMS], [k for _, k in STEMS]
        stems2, kanas2 = ["", *stems], ["", *kanas]
        front, back = self._front, self._back
        parts = list(zip(self.form[lo:hi].tolist(), self.stem1[lo:hi].tolist(),
                         self.stem2[lo:hi].tolist(), self.suffix[lo:hi].tolist(), strict=True))
        names = [f"{front[f]}{stems[a]}{stems2[b]}{SUFFIXES[s][0]}{back[f]}"
                 for f, a, b, s in parts]
        kana = [f"{kanas[a]}{kanas2[b]}{SUFFIXES[s][1]}" for _, a, b, s in parts]
        return names, kana, [SUFFIXES[s][2] for _, _, _, s in parts]


def person(rnd: random.Random) -> tuple[str, str, str]:
    """A synthetic person: (name 「姓　名」, kana 「セイ　メイ」, e-mail local part)."""
    sur, sur_kana, sur_roman = rnd.choice(SURNAMES)
    given, given_kana, given_roman = rnd.choice(GIVEN)
    return f"{sur}\u3000{given}", f"{sur_kana}\u3000{given_kana}", f"{given_roman}.{sur_roman}"


def fake_phone(rnd: random.Random) -> str:
    """A made-up phone number of the form 0XX-XXXX-XXXX."""
    return f"0{rnd.randint(10, 99)}-{rnd.randint(0, 9999):04d}-{rnd.randint(0, 9999):04d}"


def institution_name(rnd: random.Random, kind: str, place: str) -> str:
    """A synthetic 医療機関 or 薬局 name; ``kind`` is clinic, hospital, dental or pharmacy."""
    stem = rnd.choice(STEMS)[0] if rnd.random() < 0.6 else rnd.choice(SURNAMES)[0]
    if kind == "hospital" and rnd.random() < 0.3:
        return f"{place}中央病院"
    kinds = {"clinic": _CLINIC_KINDS, "hospital": _HOSPITAL_KINDS, "dental": _DENTAL_KINDS,
             "pharmacy": _PHARMACY_KINDS}[kind]
    return f"{stem}{rnd.choice(kinds)}"
