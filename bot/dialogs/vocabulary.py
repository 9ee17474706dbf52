"""The words residents use for what the dialogs ask about, as vocabularies to read them with: a lead-in with no
matter in it yet, a rating said in words, the field to change. (What the bot says is in texts.py.)"""

from __future__ import annotations

import re

# 「我想反映个事情」「投诉物业」「有点事想问问」: a message that only announces a matter, none said yet; asked what it is,
# as the menu's words are (taken as the description, the matter said next went to the address question)
LEAD_WANTS_REPAIR = ("报个修", "报修", "维修", "修一下", "修理", "修")
LEAD_WANTS_CONSULT = ("咨询", "问问", "问一下", "问下", "请教", "打听")
LEAD_WANTS_COMPLAINT = ("投诉", "举报", "反映", "反应", "求助", "说个事", "说件事", "说一下", "报事", "提个建议", "建议")
LEAD_FILLERS = (
    "你好", "您好", "请问", "那个", "我们", "我", "想要", "想", "要", "需要", "打算", "来", "给你们", "跟你们", "向你们",
    "找你们", "和你们", "一下", "下", "一个", "个", "一件", "件", "有点", "有些", "一些", "有", "点", "些", "事情", "事儿",
    "事", "问题", "情况", "麻烦", "能不能", "可不可以", "可以", "吗", "嗎", "啊", "呀", "哈", "了", "的", "帮忙", "帮我",
    "咱们", "这边", "这里", "小区", "物业公司", "物业", "社区", "关于", "在吗",
)

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
# 「要修改哪一项？」 answered in words
EDIT_FIELD_WORDS = {
    **dict.fromkeys(("内容", "描述", "问题", "情况", "说明", "事情"), "description"),
    **dict.fromkeys(("地点", "地址", "位置", "住址", "门牌", "门牌号", "楼栋", "小区", "房号"), "address"),
    **dict.fromkeys(("时间", "日期", "什么时候", "几点"), "occurred"),
    **dict.fromkeys(("电话", "手机", "手机号", "手机号码", "号码", "电话号码", "联系电话", "联系方式"), "phone"),
    **dict.fromkeys(("照片", "图片", "清空照片", "删照片"), "photos"),
    **dict.fromkeys(("不改了", "不用改了", "不用改", "不改", "算了", "没事了"), "back"),
}
EDIT_FILLERS = ("我要", "我想", "要", "想", "修改", "改一下", "改下", "改", "换一下", "换", "重新填", "重填", "一下", "下", "的",
                "那个", "把", "吧", "啊", "呀", "了", "写错了", "填错了", "错了", "不对", "有误", "有点问题")

# 「大概多久能处理」「修好要多长时间」「啥时候能上门」: asking when the ticket just filed will be seen to, in any of the
# ways when, a modal and the work combine (a fixed list missed most of them and the question was noted on the ticket
# instead of answered with its status); read with texts.FOLLOW_UP_WHO around them
_ASK_WHEN = ("多久", "多长时间", "多少天", "几天", "什么时候", "啥时候", "什么时间", "几时", "几点", "哪天")
_ASK_MODAL = ("", "能", "会", "可以", "才能", "才", "能够", "就能", "就")
_ASK_WORK = ("来", "到", "来人", "派人", "有人来", "上门", "修", "修好", "修完", "处理", "处理好", "处理完", "解决", "弄",
             "弄好", "搞定", "搞好", "办好", "办完", "有结果", "有回复", "回复", "给答复", "好",
             # coming and what they come for said together (什么时候能来处理, 多久派人来看看)
             "来处理", "来修", "来看", "来看看", "过来", "过来看看", "过来处理", "上门处理", "上门修", "上门维修", "派人来",
             "派人来看看", "派人处理", "来人处理", "来人看看")
_ASK_NEED = ("要", "得", "需要", "还要", "还得", "大概要", "")
FOLLOW_UP_THIS = ("这个", "这事", "这事儿", "这件事", "这个问题", "还", "大约", "大致", "估计", "一般")
FOLLOW_UP_WHEN_ASKS = tuple(
    [w + m + v for w in _ASK_WHEN for m in _ASK_MODAL for v in _ASK_WORK]
    + [v + n + w for v in _ASK_WORK if len(v) > 1 or v in ("来", "修", "弄") for n in _ASK_NEED
       for w in _ASK_WHEN[:5]]
)

# 「是物业吗」「这里是居委会吗」「12345吗」: asking who answers before saying the matter — a greeting, answered as one
# (it was read as a consultation and the matter said next taken as the community)
_WHO_PREFIX = ("", "是", "这是", "这里是", "这边是", "你们是", "您是", "你是", "请问是", "请问这是", "请问这里是", "是不是")
_WHO_ORG = ("物业", "物业公司", "物业的", "物业服务中心", "物业中心", "物业客服", "物管", "管理处", "居委会", "居委", "社区",
            "社区服务", "街道", "街道办", "网格", "网格员", "12345", "热线", "市民热线", "服务中心", "客服")
_WHO_END = ("吗", "嘛", "么", "嗎", "不", "吧", "呀", "啊", "在吗", "在不在", "")
HELLO_WHO_ASKS = tuple(p + o + e for p in _WHO_PREFIX for o in _WHO_ORG for e in _WHO_END if p or e)

# an option's label said in other words (WeChat shows options as numbered lines: residents type a word of their own);
# tried only after the labels themselves, in the options offered last first
LABEL_WORDS = {
    "仍要提交": ("提交", "还是提交", "要提交", "继续提交", "单独提交", "仍然提交", "我要提交", "提交吧", "不是一回事", "不是同一个"),
    "加入关注": ("关注", "加入", "加入吧", "关注一下", "加关注", "跟进", "好的加入", "一起关注"),
    "换个地方": ("换一个", "不是这里", "换地方", "不是", "不对"),
    "重新填写": ("重填", "重新填", "重新输入", "不对", "不是"),
}

# 「就是刚才那个地方」「同一个小区」「跟刚才一样」: the place of the ticket just filed
SAME_PLACE = re.compile(r"(?:刚才|刚刚|上面|之前|前面)(?:说的|那个|那|的|报的)*(?:地方|小区|地址|那里|那儿|位置)|同一个(?:地方|小区|地址)"
                        r"|还是那(?:里|儿|个地方|个小区)|(?:跟|和)(?:刚才|上次|上一个)一样|^一样的?$|^同上$|^同一个$")

# the number used last time (the option 用上次的 138****9999), typed in words
SAME_PHONE = re.compile(r"(?:就|还是|也)?(?:用|打)?(?:上次|上回|之前|原来|刚才|刚刚)的?(?:那个|那|号码|电话|手机号?)*(?:吧|就行|就可以|可以)?"
                        r"|(?:用|就用)?(?:这个|那个)(?:号码?|电话)?(?:吧|就行)?|一样的?|同上|还是一样的?|不变")

# a correction's lead (改一下 是…, 不对，应该是…, 地址写错了 是…): what follows it is the new value
CORRECTION_LEAD = re.compile(
    r"^(?:(?:地址|地点|电话|号码|手机号?|时间)?(?:不对|错了|写错了|搞错了|说错了|有误)|改一下|改下|修改一下|修改|更正一下|更正|"
    r"纠正一下|纠正)[，,。.\s:：!！]*(?:(?:地址|地点|电话|号码|手机号?|时间)?(?:应该是|应该|其实是|改成|改为|是|为|成)[:：]?)?")

# 「就是微信绑定的那个」「用注册的号」「你们系统里有」: the number on file named, none typed — the bot cannot see it
PHONE_ON_FILE = re.compile(r"绑定|注册|本机|微信(?:上|里|的)|这个号|就是这个|就这个|你们(?:那|系统|后台)")

# 「催一下」「麻烦快点处理」「帮我催催」: hurrying the ticket just filed on — noted on it, and told so in those words
URGE = re.compile(r"(?:请|麻烦|帮我|帮忙|能不能|可以)?(?:再)?(?:催一下|催催|催下|催一催|催促一下|催促|催|快点|快一点|尽快|抓紧|赶紧|快些)"
                  r"(?:处理|解决|来|来人|安排|吧|啊|呀|哈|嘛|好吗|行吗|可以吗|谢谢)*[!！。~～]*")
