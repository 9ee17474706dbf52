"""A complaint that turns out to be a question (seventeenth session, usertest27): 「物业费涨价了」, then at the time
question 「哦不对，我其实是想问一下物业费为什么涨了」 was refused as no time, and the ticket stayed a 投诉. Said at
any question of the form, words that say the resident meant to ask make the draft a consultation: the question joins
the description, place and time are no longer asked, and the read-back says 咨询."""

from __future__ import annotations

import re

from bot.dialogs.context import Context
from bot.dialogs.intake.fields import draft_of, remember
from bot.dialogs.intake.flow import proceed
from bot.dialogs.state import ConvState, Draft
from bot.dialogs.step import Step
from bot.dialogs.understand import mask_phones
from core.messages import OutMessage, Text
from core.text.normalize import fold, nfkc

NOW_A_QUESTION = "好的，那就按咨询登记，工作人员会答复您。"

# 其实是想问 / 我是想问一下 / 我想问的是 / 主要是想咨询 / 不是投诉，就是想了解: the resident meant to ask
_MEANT_TO_ASK = re.compile(r"(?:其实|本来|主要|只是|就是|我)(?:是|就)?(?:想|要)(?:问|咨询|了解|打听)|我想问的是|不是(?:要)?投诉")


# a question about the form itself (就是想问问 电话一定要留吗): answered where it is asked, the draft unchanged
_ABOUT_THE_FORM = re.compile(r"电话|号码|手机|地址|门牌|要填|要留|怎么填|匿名")


def meant_to_ask(d: Draft, text: str) -> bool:
    t = fold(nfkc(text))
    return not d.emergency and d.kind != "consult" and bool(_MEANT_TO_ASK.search(t)) and not _ABOUT_THE_FORM.search(t)


def become_question(state: ConvState, ctx: Context, text: str, replies: list[OutMessage]) -> Step:
    d = draft_of(state)
    d.kind = "consult"
    combined = f"{d.description}；{mask_phones(text)}" if d.description else mask_phones(text)
    d.description = combined[: ctx.settings.max_input]
    remember(d, text)
    state.consult_checked = d.id  # the desk answers it: no short answer offered, which would drop the line below
    return proceed(state, ctx, [*replies, Text(NOW_A_QUESTION)])
