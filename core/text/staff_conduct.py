"""A complaint about the conduct of the people who would handle it — the grid's and community's staff, whoever
was sent (网格员态度很差, 上门的师傅骂人, 社区工作人员推诿): it goes to the desk, not to the grid whose group the accused reads — a resident who fears reprisal (报复) must not
see their complaint land on that person's screen with their phone beside it."""

from __future__ import annotations

import re

from core.text.normalize import nfkc

# who: the grid's and the community's own people, and whoever was sent to the home
# (not 工作人员 alone: 物业前台工作人员态度很差 is a service complaint the grid's property staff answer, as designed)
_STAFF = (r"网格员|网格长|网格的人|社区(?:的)?(?:干部|工作人员|人员|人|书记|主任)|居委会?(?:的)?(?:人|干部|主任)"
          r"|维修(?:的)?(?:师傅|工|人员|的人)|上门的(?:师傅|人)|处理的人")
# what they did: conduct, not the state of a repair
_CONDUCT = (r"态度(?:很|太|特别|非常|极其|也太|真)?(?:差|恶劣|不好|蛮横|嚣张|冲|凶)|骂人|骂我|辱骂|打人|推了我|动手|威胁|恐吓|刁难|推诿|踢皮球|敷衍|不作为|不理人|爱答不理|不耐烦"
            r"|收(?:了)?(?:我)?[\d一二三四五六七八九十百两几]*(?:块|元)?(?:的)?(?:钱|红包|好处)|索要|吃拿卡要|要好处|乱收费|私自收费|谎报|虚报|假(?:装)?办结|没来就(?:说|报)"
            r"|泄露|把我的(?:电话|信息|号码)")
_CLAUSE = r"[^，,。.!！?？；;\n]{0,12}"
_ABOUT = re.compile(rf"(?:{_STAFF}){_CLAUSE}(?:{_CONDUCT})|(?:{_CONDUCT}){_CLAUSE}(?:{_STAFF})")


def about_staff_conduct(text: str | None) -> bool:
    return bool(text) and bool(_ABOUT.search(nfkc(text or "")))
