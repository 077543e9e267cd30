"""What the tool knows about each city's web site: its name, hosts, wards and their slugs.

One :class:`CityProfile` per city, and nowhere else: the Osaka grammar, the
city layouts, the crawler and the document ids all read these tables.  A
ward's slug is the romaji name the city's site uses for it (``kita`` for
北区 on www.city.osaka.lg.jp, ``nakagyo`` for 中京区 on www.city.kyoto.lg.jp);
a URL whose path names a ward by its slug (``/nishi/``, ``r3_nakaku.html``)
says which ward the page is about when the text does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = [
    "FUKUOKA",
    "HAMAMATSU",
    "KYOTO",
    "NAGOYA",
    "NIIGATA",
    "OSAKA",
    "OSAKA_WARDS",
    "SAKAI",
    "SAPPORO",
    "SITES",
    "YOKOHAMA",
    "CityProfile",
    "city_slug",
    "host_of",
]


@dataclass(frozen=True, slots=True)
class CityProfile:
    """A city whose wards the layouts know by name."""

    name: str
    wards: dict[str, str]
    """Ward name → the slug the city's site uses for it."""
    hosts: tuple[str, ...]
    vocabulary: tuple[str, ...] = ()
    """Phrases only this city's documents use (evidence that a document is the city's)."""
    slug: str = ""
    """The city's romaji name, the first part of its documents' ids."""
    ward_top: str = ""
    """Where a ward's top page is, ``{slug}`` standing for the ward's slug (Osaka:
    ``https://www.city.osaka.lg.jp/{slug}/``); empty when the site has no such pattern."""

    def ward_top_pages(self) -> list[str]:
        """The top pages of the city's wards in the city's ward order: where a crawl starts."""
        return [self.ward_top.format(slug=slug) for slug in self.wards.values()] if self.ward_top else []

    def owns_url(self, url: str | None) -> bool:
        """Whether ``url`` is on one of the city's hosts (``www.city.hamamatsu.shizuoka.jp.`` too)."""
        host = host_of(url)
        return host is not None and host in self.hosts

    def ward_in_url(self, url: str | None) -> str | None:
        """The ward a URL's path names by its slug (``/nishi/``, ``r3_nakaku.html``), if exactly one."""
        if not url:
            return None
        words = set(re.split(r"[/_.\-]+", urlsplit(url).path.lower()))
        found = {
            name
            for name, slug in self.wards.items()
            if slug in words or f"{slug}ku" in words or f"{slug}kuyakusho" in words
        }
        return found.pop() if len(found) == 1 else None


def host_of(url: str | None) -> str | None:
    """The host of an http(s) URL, lower-cased, without port or a trailing dot."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    return host or None


OSAKA_WARDS: dict[str, str] = {
    "北区": "kita",
    "都島区": "miyakojima",
    "福島区": "fukushima",
    "此花区": "konohana",
    "中央区": "chuo",
    "西区": "nishi",
    "港区": "minato",
    "大正区": "taisho",
    "天王寺区": "tennoji",
    "浪速区": "naniwa",
    "西淀川区": "nishiyodogawa",
    "淀川区": "yodogawa",
    "東淀川区": "higashiyodogawa",
    "東成区": "higashinari",
    "生野区": "ikuno",
    "旭区": "asahi",
    "城東区": "joto",
    "鶴見区": "tsurumi",
    "阿倍野区": "abeno",
    "住之江区": "suminoe",
    "住吉区": "sumiyoshi",
    "東住吉区": "higashisumiyoshi",
    "平野区": "hirano",
    "西成区": "nishinari",
}
"""The 24 wards of Osaka City and their section names on www.city.osaka.lg.jp."""

OSAKA = CityProfile(
    name="大阪市",
    wards=OSAKA_WARDS,
    hosts=("www.city.osaka.lg.jp", "city.osaka.lg.jp"),
    ward_top="https://www.city.osaka.lg.jp/{slug}/",
    vocabulary=("市政改革プラン", "市政改革の基本方針", "区CM", "ニア・イズ・ベター", "地域活動協議会"),
    slug="osaka",
)

SAKAI = CityProfile(
    name="堺市",
    wards={
        "堺区": "sakai",
        "中区": "naka",
        "東区": "higashi",
        "西区": "nishi",
        "南区": "minami",
        "北区": "kita",
        "美原区": "mihara",
    },
    hosts=("www.city.sakai.lg.jp", "city.sakai.lg.jp"),
    vocabulary=(
        "このような考え方で組織を運営します",
        "組織運営方針",
        "今年度は特に以下のことについて重点的に取り組みます",
    ),
    slug="sakai",
)

YOKOHAMA = CityProfile(
    name="横浜市",
    wards={
        "鶴見区": "tsurumi",
        "神奈川区": "kanagawa",
        "西区": "nishi",
        "中区": "naka",
        "南区": "minami",
        "港南区": "konan",
        "保土ケ谷区": "hodogaya",
        "旭区": "asahi",
        "磯子区": "isogo",
        "金沢区": "kanazawa",
        "港北区": "kohoku",
        "緑区": "midori",
        "青葉区": "aoba",
        "都筑区": "tsuzuki",
        "戸塚区": "totsuka",
        "栄区": "sakae",
        "泉区": "izumi",
        "瀬谷区": "seya",
    },
    hosts=("www.city.yokohama.lg.jp", "city.yokohama.lg.jp"),
    vocabulary=("目標達成に向けた施策", "目標達成に向けた組織運営", "横浜市中期計画", "広報よこはま"),
    slug="yokohama",
)

KYOTO = CityProfile(
    name="京都市",
    wards={
        "北区": "kita",
        "上京区": "kamigyo",
        "左京区": "sakyo",
        "中京区": "nakagyo",
        "東山区": "higashiyama",
        "山科区": "yamashina",
        "下京区": "shimogyo",
        "南区": "minami",
        "右京区": "ukyo",
        "西京区": "nishikyo",
        "伏見区": "fushimi",
    },
    hosts=("www.city.kyoto.lg.jp", "city.kyoto.lg.jp"),
    vocabulary=("京都市基本計画", "京プラン", "区基本計画"),
    slug="kyoto",
)

FUKUOKA = CityProfile(
    name="福岡市",
    wards={
        "東区": "higashi",
        "博多区": "hakata",
        "中央区": "chuo",
        "南区": "minami",
        "城南区": "jonan",
        "早良区": "sawara",
        "西区": "nishi",
    },
    hosts=("www.city.fukuoka.lg.jp", "city.fukuoka.lg.jp"),
    vocabulary=("福岡市基本計画", "まちづくりの目標", "取組みの方向性"),
    slug="fukuoka",
)

SAPPORO = CityProfile(
    name="札幌市",
    wards={
        "中央区": "chuo",
        "北区": "kita",
        "東区": "higashi",
        "白石区": "shiroishi",
        "厚別区": "atsubetsu",
        "豊平区": "toyohira",
        "清田区": "kiyota",
        "南区": "minami",
        "西区": "nishi",
        "手稲区": "teine",
    },
    hosts=("www.city.sapporo.jp", "city.sapporo.jp"),
    vocabulary=("区の行政運営", "の運営にあたって"),
    slug="sapporo",
)

NAGOYA = CityProfile(
    name="名古屋市",
    wards={
        "千種区": "chikusa",
        "東区": "higashi",
        "北区": "kita",
        "西区": "nishi",
        "中村区": "nakamura",
        "中区": "naka",
        "昭和区": "showa",
        "瑞穂区": "mizuho",
        "熱田区": "atsuta",
        "中川区": "nakagawa",
        "港区": "minato",
        "南区": "minami",
        "守山区": "moriyama",
        "緑区": "midori",
        "名東区": "meito",
        "天白区": "tempaku",
    },
    hosts=("www.city.nagoya.jp", "city.nagoya.jp"),
    vocabulary=("なごや", "事業シート集"),
    slug="nagoya",
)

HAMAMATSU = CityProfile(
    name="浜松市",
    wards={
        "中央区": "chuo",
        "浜名区": "hamana",
        "天竜区": "tenryu",
        # the seven wards before the 2024 reorganisation
        "中区": "naka",
        "東区": "higashi",
        "西区": "nishi",
        "南区": "minami",
        "北区": "kita",
        "浜北区": "hamakita",
    },
    hosts=("www.city.hamamatsu.shizuoka.jp", "city.hamamatsu.shizuoka.jp"),
    vocabulary=("重点的な取り組みの柱", "区政運営のための基本方針", "区協議会", "区再編"),
    slug="hamamatsu",
)

NIIGATA = CityProfile(
    name="新潟市",
    wards={
        "北区": "kita",
        "東区": "higashi",
        "中央区": "chuo",
        "江南区": "konan",
        "秋葉区": "akiha",
        "南区": "minami",
        "西区": "nishi",
        "西蒲区": "nishikan",
    },
    hosts=("www.city.niigata.lg.jp", "city.niigata.lg.jp"),
    vocabulary=("区長マニフェスト", "区ビジョンまちづくり計画"),
    slug="niigata",
)

SITES: tuple[CityProfile, ...] = (OSAKA, SAKAI, YOKOHAMA, KYOTO, FUKUOKA, SAPPORO, NAGOYA, HAMAMATSU, NIIGATA)
"""Every city the tool knows, Osaka first."""

_OTHER_CITY_SLUGS = {  # designated cities without a site table
    "神戸市": "kobe",
    "川崎市": "kawasaki",
    "相模原市": "sagamihara",
    "北九州市": "kitakyushu",
    "仙台市": "sendai",
    "さいたま市": "saitama",
    "千葉市": "chiba",
    "静岡市": "shizuoka",
    "岡山市": "okayama",
    "広島市": "hiroshima",
    "熊本市": "kumamoto",
}
_CITY_SLUGS = {**_OTHER_CITY_SLUGS, **{site.name: site.slug for site in SITES}}


def city_slug(name: str | None) -> str | None:
    """The romaji slug ids use for a city (every designated city), None for a name it does not know.

    >>> city_slug("大阪市"), city_slug("神戸市"), city_slug("どこか市")
    ('osaka', 'kobe', None)
    """
    return _CITY_SLUGS.get(name or "")
