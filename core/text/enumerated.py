"""Several matters told in one message as a list (「两个事：一是3栋电梯老是停，二是楼下垃圾没人清」, 「1. … 2. …」,
「第一…第二…」): each is a complaint of its own, with its own handler and deadline."""

from __future__ import annotations

import re

from core.text.answers import new_matter, shares_subject

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


# A lead that brings up another matter inside the opening (另外 / 还有就是 / 顺便说一下), at a clause's start or
# after 然后 in a run-on; 另外一个单元 / 另外的 name another place of the same matter, not another matter.
_SECOND_LEAD = re.compile(
    r"(?:(?<=[\s，,。.;；!！?？])|然后)"
    r"(?:另外还有|另外(?![一两的个外边])|还有就是|还有一?(?:个|件)(?:事情?|问题)|再一个(?:就?是)?|再就是|此外"
    r"|顺便(?:说|反映|提|讲)一?下)"
    r"[\s,，、:：]*"
)


def split_second(text: str) -> list[str] | None:
    """[first, second] when a matter is told, then, after a lead, a matter of its own (something else wrong that
    names nothing the first part names); None when it does not (「今天天气不错，顺便说一下…」 told one matter)."""
    return _two_matters(text, _SECOND_LEAD.search(text))


def _two_matters(text: str, m: re.Match[str] | None) -> list[str] | None:
    """[first, second] split at the lead `m` when each part tells a matter and the second names nothing the first
    names; None otherwise."""
    if m is None:
        return None
    first = text[: m.start()].strip(" \t，,。.;；、")
    second = text[m.end():].strip(" \t，,。.;；、")
    if sum(1 for ch in first if ch.isalnum()) < MIN_ITEM or sum(1 for ch in second if ch.isalnum()) < MIN_ITEM:
        return None
    if not new_matter(first) or shares_subject(second, first) or not new_matter(second, first):
        return None
    return [first, second]


# a bare 还有 after a clause (，还有楼上每天半夜拖椅子): not 「there is still」 (还有人在里面, 还有点味道, 还有水在流)
_BARE_ALSO = re.compile(r"(?<=[\s，,。.;；!！?？])还有(?![人的点些没什么多几呢水烟味气火一]|电(?![梯动表箱线视]))[\s,，、:：]*")


def split_also(text: str) -> list[str] | None:
    """[first, second] when a matter is told, then after a bare 还有 a matter of its own that names nothing the first
    names. Weaker than :func:`split_second`'s leads: a consequence may follow a bare 还有 (漏水到我家，还有墙皮都掉了),
    so the caller also asks that the two differ in kind of work (bot/dialogs/also_apart.py)."""
    return _two_matters(text, _BARE_ALSO.search(text))
