"""Texts of branch fixflow29 (texts.py is near its size limit): the triage question gone on from unanswered,
openings that say nothing yet, and small talk after filing."""

from __future__ import annotations

# ---- the triage question asked twice with no yes or no: the form goes on, the desk calls back ----------

TRIAGE_GONE_ON = ("先按一般情况登记，工作人员会打电话跟您确认现场情况。如果有人受伤、被困，或者有燃气、火、水、电的危险，"
                  "请立即拨打119/120/110，或回复「有危险」。")
TRIAGE_UNKNOWN_REASON = "是否有人受伤或有危险，居民未回答：请回电确认"
# typed later in the form once the question went unanswered: the yes it did not get (a bare 有 / 对 / 1 is not)
LATE_YES_WORDS = frozenset("有危险 很危险 有人受伤 有人被困 有人受傷 好危險".split())

# ---- 另外登记 typed with nothing set aside -------------------------------------------------------------

NOTHING_SET_ASIDE = "现在没有等着另外登记的问题。如要反映别的问题，请直接描述，例如「3栋楼道灯坏了」。"
# the offer's own words, typed when it is not on offer (usertest29: 「另外登记」 was added to the ticket as a note)
ASIDE_ASKED_WORDS = frozenset({"另外登记", "另外登记一下", "帮我另外登记", "另外再登记", "再登记一个", "登记另一个", "另外一个登记"})

# ---- 谢谢 in the middle of a question asked (a consultation): nothing is being registered for them ----------

THANKS_MID_QUESTION = "不客气。转给工作人员答复您之前，还要确认一下："

# 「还有」 / 「另外」 alone, mid-form: the next message says what
SAY_ON = "好的，您请说。"

# flow30: 「提交」 typed while a field is asked (it became the address 「提交3栋」)
NOT_YET_SUBMIT = "还差一点信息，填完后会请您核对再提交。"
NOT_YET_CHANGE = "信息填完后会请您核对，到时可以点「修改」。"
# flow30: a withdrawal whose words name no single ticket: which one
WITHDRAW_PICK = "您有几张工单还在办理，要撤销哪一张？"
WITHDRAW_NONE_OPEN = "您现在没有可以撤销的工单（都已办结或撤销）。回复「我的投诉」可查看。"
WITHDRAW_PICK_NONE = "都不撤销"


def ask_since_when(heard: str) -> str:
    """Since when, after a time that lasts or recurs (flow30): what was heard, and only the start asked."""
    return f"您说「{heard}」，大概是从什么时候开始的？例如：上个月、一个多星期了。说不清也没关系。"
