"""Someone lost or wandering, found and now looked after (捡到一个走丢的小孩 现在在保安亭陪着, 老太太说不上家在哪
我先陪着她): the writer has them in hand, so nobody is in danger by what the words say.

Read only where nothing but the urgency model speaks, or where the one state said is someone unaccounted for
(说不清住哪, 孩子走丢了: round 26) (no rule, no hazard nor state said as present, no cry for help):
there the model leans on the words for people (小孩, 老太太, 在) and called both of round 25's such rows an emergency
(the writer files them urgent). With a hazard or a person's state in the message (我陪着他等救护车 after 倒在路边叫不醒)
this reading is not consulted.
"""

from __future__ import annotations

import re

__all__ = ["looked_after"]

_LOOKED_AFTER = re.compile(
    r"(?:我|我们|保安|门卫|物业|邻居)[^，。！？\s]{0,4}陪着"
    r"|(?:带到|送到|领到|交给)了?(?:保安亭|保安室|门卫室?|门岗|物业|警察|民警|派出所|居委会)"
    r"|(?:在|到)(?:保安亭|保安室|门卫室|门岗|物业|派出所|居委会)里?(?:陪着|待着|坐着|等着|看着)"
    # a guard keeping close to someone now (保安跟着他了, 门卫一直盯着她: round 26)
    r"|(?:保安|门卫|民警|警察|物业)[^，。！？\s]{0,4}(?:跟着|盯着|看着|守着)(?:他|她|那人|那个人)"
)


def looked_after(folded: str) -> bool:
    """The message says the person is being looked after now (folded text, as `core.text.danger` reads it)."""
    return bool(_LOOKED_AFTER.search(folded))
