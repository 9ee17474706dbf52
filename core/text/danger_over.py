"""A staff note saying the danger of an emergency is not there or is over (「误报」, 「业主说已经出来了」, 「到现场看了
没有燃气味」): what a worker writes when giving an emergency back. The resident is then told it is being checked,
not that people are being sent again (user test, twentieth session)."""

from __future__ import annotations

import re

from core.text.normalize import fold, normalize

_OVER = re.compile(
    r"误报|虚惊|谎报|报错了|搞错了|不是紧急|没有?(?:什么)?(?:危险|险情|事)|没事了?"
    r"|已经?[^，。！？,.!?]{0,6}?(?:出来|救出|送医|送走|关(?:掉|好|上)?了|灭了|处理好|解决|排除|没事|好了|安全)"
    r"|(?:现场|到场|上门)[^，。！？,.!?]{0,10}(?:正常|没(?:有|发现)|未发现|无)"
    r"|没(?:有|闻到|看到|发现)[^，。！？,.!?]{0,4}(?:味|烟|火|异常)"
)


def says_danger_over(note: str | None) -> bool:
    return bool(note) and bool(_OVER.search(fold(normalize(note or ""))))
