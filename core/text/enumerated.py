"""Several matters told in one message as a list (「两个事：一是3栋电梯老是停，二是楼下垃圾没人清」, 「1. … 2. …」,
「第一…第二…」): each is a complaint of its own, with its own handler and deadline."""

from __future__ import annotations

import re

# the markers of the 1st, 2nd, 3rd item, each opening a clause
_NOT_ITEM = r"(?!次|天|时间|步|名|年|回|遍|期|层|楼)"  # 第一次, 第二天: no list
_ORDINALS = (
    rf"一个是|一是|第一件事是|第一件事|第一件是|第一个是|第一个|第一是|第一{_NOT_ITEM}|1[、.．)）]|①|（1）|\(1\)",
    rf"二个是|二是|另一个是|第二件事是|第二件事|第二件是|第二个是|第二个|第二是|第二{_NOT_ITEM}|2[、.．)）]|②|（2）|\(2\)",
    rf"三是|第三件事是|第三件事|第三件是|第三个是|第三个|第三是|第三{_NOT_ITEM}|3[、.．)）]|③|（3）|\(3\)",
)
_OPENS = r"(?:^|(?<=[\s，,。.;；:：!！?？]))"
# 「两个事：」「我反映几个问题」「有两件事」 before the list: how it came up, not a matter
_PREAMBLE = re.compile(r"(?:我|我们)?(?:想|要)?(?:有|说|反映|反应)?(?:两|二|三|几)(?:个|件)(?:事情?|问题)(?:要|想)?(?:反映|说)?(?:一下)?")
_MARKERS = tuple(re.compile(_OPENS + f"(?:{ordinal})[\\s,，、:：]*") for ordinal in _ORDINALS)
MIN_ITEM = 4  # letters an item needs to tell of something (「电梯坏了」)


def split_matters(text: str) -> list[str] | None:
    """The items of a message that lists two or three matters, in order; None when it does not."""
    starts: list[tuple[int, int]] = []
    at = 0
    for marker in _MARKERS:
        m = marker.search(text, at)
        if m is None:
            break
        starts.append((m.start(), m.end()))
        at = m.end()
    if len(starts) < 2:
        return None
    items = []
    for i, (_, body_start) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        item = text[body_start:end].strip(" \t，,。.;；、")
        if sum(1 for ch in item if ch.isalnum()) < MIN_ITEM:
            return None
        items.append(item)
    head = _PREAMBLE.sub("", text[: starts[0][0]]).strip(" \t，,。.;；:：")
    if head:  # words before the first item that are not 「两个事：」 (an address, a greeting): with the first
        items[0] = f"{head}，{items[0]}"
    return items
