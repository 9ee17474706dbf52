"""A `Choices` (the core's card: a text of "名称：内容" lines and the buttons) as WeCom's
button-interaction template card (按钮交互型): the first line is the title, short "名称：内容" lines
the card's two-column list (at most 6), everything else the body text, each option a button whose
key comes back in the click's EventKey. Pure: what a worker will see can be checked without WeCom."""

from __future__ import annotations

from typing import Any

from core.messages import Choices

SOURCE = "社区工单"
MAX_TITLE = 26  # WeCom's advice for main_title.title
MAX_DESC = 30
MAX_FIELDS = 6  # horizontal_content_list
MAX_KEYNAME = 5
MAX_VALUE = 30
MAX_BODY = 112  # sub_title_text
MAX_BUTTONS = 6
MAX_BUTTON_TEXT = 10
LONG_FIELDS = ("内容", "最新")  # the resident's words and the latest note read better as body text
ELLIPSIS = "…"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def _title(line: str) -> tuple[str, str]:
    """「【工单 261123-0001】🔴紧急  投诉·工程维修」→ ("工单 261123-0001", "🔴紧急  投诉·工程维修")."""
    if line.startswith("【") and "】" in line:
        head, _, rest = line[1:].partition("】")
        return head.strip(), rest.strip()
    return line, ""


def template_card(card: Choices, task_id: str, *, greyed: str | None = None) -> dict[str, Any]:
    """`greyed`: the label that replaces the buttons, grey and untappable, for every holder
    (update_template_card's `replace_text`)."""
    lines = [line.strip() for line in card.prompt.splitlines() if line.strip()]
    title, desc = _title(lines[0] if lines else "")
    fields: list[dict[str, Any]] = []
    body: list[str] = []
    for line in lines[1:]:
        name, sep, value = line.partition("：")
        short = sep and 1 <= len(name) <= MAX_KEYNAME and name not in LONG_FIELDS and len(value) <= MAX_VALUE
        if short and len(fields) < MAX_FIELDS:
            fields.append({"keyname": name, "value": value.strip()})
        else:
            body.append(line)
    result: dict[str, Any] = {
        "card_type": "button_interaction",
        "source": {"desc": SOURCE},
        "main_title": {"title": _cut(title, MAX_TITLE), **({"desc": _cut(desc, MAX_DESC)} if desc else {})},
        "task_id": task_id,
        "button_list": [
            {"text": _cut(option.label, MAX_BUTTON_TEXT), "style": 1 if n == 0 else 2, "key": option.key}
            for n, option in enumerate(card.options[:MAX_BUTTONS])
        ],
    }
    if greyed:
        result["replace_text"] = _cut(greyed, MAX_BUTTON_TEXT * 2)
    if body:
        result["sub_title_text"] = _cut("\n".join(body), MAX_BODY)
    if fields:
        result["horizontal_content_list"] = fields
    return result
