"""What the bot says around the satisfaction survey (`bot.dialogs.survey`); the words a rating is typed in are in
`bot.dialogs.vocabulary`.
Kept apart from `bot.dialogs.texts`, which was at the module size cap."""

from __future__ import annotations

SURVEY_THANKS = "感谢您的评价！还有什么想补充的吗？直接回复文字即可。"
SURVEY_WHY = "很抱歉没能让您满意，工单已重新交办。能说说哪里不满意吗？我们会转告处理人员。"
SURVEY_SKIP = "不用了"
SURVEY_COMMENT_THANKS = "收到，感谢您的补充！"
SURVEY_SAYS_UNRESOLVED = "很抱歉，您说问题还没解决，这一单已改为「不满意」并重新交办，处理人员会尽快再联系您。"
SURVEY_REASON_THANKS = "收到，已转告处理人员，他们会尽快再联系您。"
SURVEY_DONE = "好的，感谢您的评价！"
SURVEY_TYPED_REASON = "很抱歉没能让您满意，工单已重新交办。您说的情况已转告处理人员，他们会尽快再联系您。"
SURVEY_TYPED_COMMENT = "感谢您的评价！您补充的话已转给处理人员。"
SURVEY_ALREADY = "您已经评价过这一单了，感谢！"
SURVEY_LATE = "这一单的评价已经结束了，您的意见我们已记下，感谢！"
