"""What the bot says around the satisfaction survey, and the words a rating is typed in (`bot.dialogs.survey`).
Kept apart from `bot.dialogs.texts`, which was at the module size cap."""

from __future__ import annotations

SURVEY_THANKS = "感谢您的评价！还有什么想补充的吗？直接回复文字即可。"
SURVEY_WHY = "很抱歉没能让您满意，工单已重新交办。能说说哪里不满意吗？我们会转告处理人员。"
SURVEY_SKIP = "不用了"
SURVEY_COMMENT_THANKS = "收到，感谢您的补充！"
SURVEY_REASON_THANKS = "收到，已转告处理人员，他们会尽快再联系您。"
SURVEY_DONE = "好的，感谢您的评价！"
# a rating typed in words while a survey waits (WeChat has no buttons there): phrases that may stand with more
# words (「不太满意，灯还是一闪一闪的」) and phrases that count only alone (「不行」 may open 「不行了，水管爆了」)
RATING_WORDS = {
    "satisfied": ("非常满意", "十分满意", "特别满意", "很满意", "挺满意", "蛮满意", "满意", "好评", "五星好评", "五星"),
    "basically_satisfied": ("基本满意", "比较满意", "还算满意", "还比较满意", "勉强满意", "中评"),
    "dissatisfied": ("非常不满意", "很不满意", "特别不满意", "极不满意", "一点都不满意", "一点也不满意", "不太满意", "不怎么满意",
                     "不大满意", "不满意", "差评", "没修好", "还没修好", "根本没修好", "没解决", "还没解决", "根本没解决", "没有解决",
                     "没弄好", "还没弄好", "不满"),
}
RATING_WORDS_ALONE = {
    "satisfied": ("很好", "非常好", "挺好", "挺好的", "不错", "很不错", "好的很", "点赞", "👍"),
    "basically_satisfied": ("还行", "还可以", "一般", "一般般", "凑合", "还凑合", "马马虎虎", "将就", "过得去", "就那样"),
    "dissatisfied": ("不行", "不好", "很差", "太差了", "差", "不咋地", "不怎么样"),
}
RATING_FILLERS = ("嗯嗯", "嗯", "我觉得", "感觉", "说实话", "评价", "总的来说", "吧", "啊", "呀", "了", "的", "哈", "呢", "还是")
SURVEY_TYPED_REASON = "很抱歉没能让您满意，工单已重新交办。您说的情况已转告处理人员，他们会尽快再联系您。"
SURVEY_TYPED_COMMENT = "感谢您的评价！您补充的话已转给处理人员。"
SURVEY_ALREADY = "您已经评价过这一单了，感谢！"
SURVEY_LATE = "这一单的评价已经结束了，您的意见我们已记下，感谢！"
