"""Which nuisance a message tells of: smoke, fumes or a smell, or a sound.

The category model learned stalls and restaurants from noisy ones (烧烤摊 … 吵到凌晨), and night words
(每天晚上, 睡不着) lean to noise whatever follows, so 「楼下烧烤摊每天晚上油烟特别大」 was filed 噪音扰民.
Noise needs something heard; fumes with nothing heard are the environment's (``core.dispatch.assessor``)."""

from __future__ import annotations

import re

from core.text.normalize import fold, normalize

__all__ = ["smell_not_sound"]

# 油烟, 烟味, 烟熏火燎, 呛, 臭, 异味, 焦糊味, 黑烟: what the nose and eyes meet
_SMELL_RE = re.compile(r"油烟|烟味|烟熏|熏|呛|臭|异味|气味|味道|[糊腥膻骚]味|黑烟|排烟|烟道|烟囱|油气|烟雾|烟飘|的烟")
# what the ears meet: 吵, 噪音, 响, 声音, 闹, 嗡嗡, 划拳, 唱歌, 音乐, 喇叭, 敲, 跳, 砸 …
_SOUND_RE = re.compile(r"吵|噪|响|声|闹|嗡|轰|喊|叫|唱|划拳|音乐|音响|喇叭|敲|砸|跳|哐|咚|震")


def smell_not_sound(text: str) -> bool:
    """Smoke, fumes or a smell said, and nothing heard."""
    f = fold(normalize(text))
    return bool(_SMELL_RE.search(f)) and not _SOUND_RE.search(f)
