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
    # how the resident addresses the bot (同志 我要反映问题: usertest29 filed the words as the complaint)
    "同志", "领导", "师傅", "工作人员", "客服", "你们好", "麻烦你们",
)

# 「就是我家楼上」「我们楼的电梯」: who or what the matter is about, not yet what is wrong (fifteenth/sixteenth session:
# taken as the description, the matter said next was offered back as an address). Asked what is wrong, and the two joined.
WHO_ONLY_SUBJECTS = (
    "楼上", "楼下", "隔壁", "对门", "对面", "邻居", "楼上邻居", "楼下邻居", "隔壁邻居", "对门邻居", "那家", "那户", "这家", "住户",
    "租户", "房东", "物业", "物业公司", "保安", "保洁", "门卫", "电梯", "楼道", "楼梯间", "地下室", "车库", "地库", "门口",
)
WHO_ONLY_FILLERS = (
    "就是", "是", "那个", "这个", "嗯", "呃", "额", "我想说", "我要说", "关于", "我", "我们", "咱们", "家", "家的", "的", "小区",
    "这栋", "那栋", "栋", "楼", "单元", "这边", "那边", "啊", "呀", "呢", "吧", "哈", "哎", "唉", "事", "事情", "问题",
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
# instead of answered with its status); read with FOLLOW_UP_WHO (below) around them
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

# 「这个问题已有人反映…是否加入关注？」 answered in words (sixteenth session: 「不一样 我说的是另一盏灯」 was not understood):
# another matter than the one reported, or the same one
DUP_OTHER = re.compile(r"不一样|不是(?:同一|一回事|一个|这个|这件|那个)|不同|另一|另外一|别的")
DUP_SAME = re.compile(r"^(?:对|嗯|是的?)?[，,\s]*(?:就是|是|应该是|对就是)?(?:同一|一样|一回事|这个|这件|那个|它)[^不]{0,6}$")

# 「就是刚才那个地方」「同一个小区」「跟刚才一样」: the place of the ticket just filed
SAME_PLACE = re.compile(r"(?:刚才|刚刚|上面|之前|前面)(?:说的|那个|那|的|报的)*(?:地方|小区|地址|那里|那儿|位置)|同一个(?:地方|小区|地址)"
                        r"|还是那(?:里|儿|个地方|个小区)|(?:跟|和)(?:刚才|上次|上一个)一样|^一样的?$|^同上$|^同一个$")

# the number used last time (the option 用上次的 138****9999), typed in words
SAME_PHONE = re.compile(r"(?:就|还是|也)?(?:用|打)?(?:上次|上回|之前|原来|刚才|刚刚)的?(?:那个|那|号码|电话|手机号?)*(?:吧|就行|就可以|可以)?"
                        r"|(?:用|就用)?(?:这个|那个)(?:号码?|电话)?(?:吧|就行)?|一样的?|同上|还是一样的?|不变")

# a correction's lead (改一下 是…, 不对，应该是…, 地址写错了 是…): what follows it is the new value
CORRECTION_LEAD = re.compile(
    r"^(?:(?:(?:地址|地点|电话|号码|手机号?|时间)?(?:不对|错了|写错了|搞错了|说错了|有误)|改一下|改下|修改一下|修改|更正一下|更正|"
    r"纠正一下|纠正)[，,。.\s:：!！]*(?:(?:地址|地点|电话|号码|手机号?|时间)?(?:应该是|应该|其实是|改成|改为|是|为|成)[:：]?)?"
    r"|(?:地址|地点|电话|号码|手机号?|时间)?(?:应该是|其实是)[:：]?"
    r"|(?:地址|地点|电话|号码|手机号?|时间)(?:改成|改为|换成)[:：]?)")  # 「手机号改成139…」  # 「应该是翠湖苑」 alone: the new value too

# 「没事，问个好」「哈哈没事 随便聊聊」「没别的事 就是说声谢谢」 after a greeting: nothing to report, a greeting still (round 18's
# greeting personas, once the bench's resident said its matter after the greeting: a complaint was filed with this as content)
GREETING_ONLY = ("问个好", "问声好", "问好", "打个招呼", "打声招呼", "打招呼", "问候一下", "问候", "随便聊聊", "聊聊天", "聊聊",
                 "随便看看")
NOTHING_TO_SAY = ("没事没事", "没事", "没什么事", "没啥事", "没别的事", "没有事", "没什么", "就是", "只是", "就", "随便", "一下",
                  "说声", "来")

# 「就是微信绑定的那个」「用注册的号」「你们系统里有」: the number on file named, none typed — the bot cannot see it
PHONE_ON_FILE = re.compile(r"绑定|注册|本机|微信(?:上|里|的)|这个号|就是这个|就这个|你们(?:那|系统|后台)")

# 「催一下」「麻烦快点处理」「帮我催催」: hurrying the ticket just filed on — noted on it, and told so in those words
URGE = re.compile(r"(?:请|麻烦|帮我|帮忙|能不能|可以)?(?:再)?(?:催一下|催催|催下|催一催|催促一下|催促|催|快点|快一点|尽快|抓紧|赶紧|快些)"
                  r"(?:处理|解决|来|来人|安排|吧|啊|呀|哈|嘛|好吗|行吗|可以吗|谢谢)*[!！。~～]*")

# 「怎么还没人来修啊 都两天了」「你们到底管不管」: impatience with the ticket just filed and nothing else in it — a hurry
# too; what is left once these, a span of waiting and particles are taken out must be empty
IMPATIENCE = re.compile(r"(?:怎么|咋|为什么|为啥)?(?:还|都)?没(?:有)?人?(?:来|修|管|理|处理|回复|回音|动静|联系我?)(?:修|处理|看)?"
                        r"|(?:到底|究竟|还)?(?:管不管|有没有人管|有人管吗|没人管|理不理)(?:事)?")
WAITING_SPAN = re.compile(r"(?:都|已经|等了)?(?:[一二两三四五六七八九十几半\d]+|好几)(?:天|个?小时|个?钟头|个?星期|周|个?礼拜|个?月)了?")
IMPATIENCE_FILLERS = re.compile(r"[你们我到底究竟还了啊呀吧嘛呢吗哦哈的呢又啦，,。.!！?？~～\s]")

# ---- small talk, read-back yeses, follow-ups and queries: words residents type, whole or around a word ----

# at the read-back 「对」「没错」「确认」 mean 提交 (they were added to the description, and asked again)
# 「提交」 said at 「要修改哪一项？」: nothing more to change, file it
SUBMIT_WORDS = ("提交", "确认提交", "确定提交", "提交吧", "直接提交", "直接提交吧", "就这样提交", "确认", "确定", "不改了提交")

REVIEW_CONFIRM_WORDS = frozenset(
    "对 对的 对对 对对对 是 是的 是滴 没错 没错的 没问题 确认 确定 确认提交 确定提交 无误 正确 都对 都对的 可以 行 好 好的 好滴 "
    "嗯 嗯嗯 ok okay 提交吧 交吧 发吧 就这样 就这样吧 就这些 没了 係 係呀 係啊 啱 啱啱 冇錯 沒錯 對 對的 確認 得 得啦 yes y yep yeah sure correct confirm "
    # Wu and other regional yeses (对额 was stored as the time at the time question)
    "对额 是额 好额 对个 是个 对头 要得 对啊 是啊 好啊 对呀 是呀 好呀 嗯呐 好嘞".split())

# a message made only of these (and punctuation, emoji, spaces) is small talk, never a complaint;
# longest first, so 谢谢你们 goes before 谢谢
SMALL_TALK_THANKS = (
    "非常感谢", "感谢你们", "谢谢你们", "谢谢您", "谢谢你", "多谢了", "多谢", "感谢", "谢谢", "谢了", "3q",
    "thanks", "thank you", "thx", "辛苦你们了", "辛苦了", "辛苦", "麻烦你们了", "麻烦你了", "麻烦了",
    "多谢晒", "唔该晒", "辛苦晒",  # Cantonese: 晒 is "all", the whole thanks
)
SMALL_TALK_ACK = (
    "好的好的", "好滴", "好哒", "好的", "好吧", "好", "收到", "知道了", "明白了", "明白", "了解", "晓得了", "行吧",
    "行", "可以", "没问题", "嗯嗯", "嗯", "哦哦", "哦", "噢", "ok", "okay", "okk", "ok了", "得嘞", "中",
)
# waiting and hurrying: said to a ticket already filed, answered like an acknowledgement
SMALL_TALK_WAIT = ("那我等着", "我等着", "等着", "等消息", "等你们消息", "等通知", "等回复", "等你们", "尽快处理", "尽快",
                   "快点处理", "快点", "抓紧", "拜托了", "拜托", "那就好", "太好了", "好嘞", "谢啦", "感恩", "请")
SMALL_TALK_HELLO = ("在吗", "在不在", "还在吗", "还在不在", "还在么", "还在嘛", "请问在吗", "请问还在吗", "请问有人吗", "有人吗", "有人在吗", "在么", "人呢", "有人没有", "有人没", "在没", "在嘛", "喂", "哈喽", "嗨",
                    "hi", "hello", "你好", "您好", "你们好", "大家好", "早上好", "上午好", "中午好", "下午好", "晚上好",
                    "早安", "打扰了", "打扰一下",
                    # checking the line is open (喂喂 能听到吗), said as if on the phone: round 21 filed it as a consultation
                    "能听到吗", "听得到吗", "听得见吗", "能听见吗", "听到吗", "听见吗", "听到没", "听见没", "能看到吗", "看得到吗",
                    "看得见吗", "能看见吗", "能收到吗", "收得到吗", "有人回吗", "有人回复吗", "有人理吗", "有没有人")
# not knowing whom to tell (哎 我都不知道找谁说): a matter not said yet, answered like a greeting (round 21)
WHOM_TO_TELL = tuple(p + "不" + k + m + w + e for p in ("", "我", "我都", "我也", "都", "也", "真")
                     for k in ("知道", "晓得") for m in ("", "该", "应该") for w in ("找谁", "跟谁说", "和谁说", "问谁", "向谁反映")
                     for e in ("", "说", "反映", "了", "好", "才好", "啊", "呢"))
# a question about who answers (你是机器人吗, 是真人还是自动回复): said what it is, and how to reach a person
# 「测试一下」「发错了」 as a first message: checking the account works, or a message sent by mistake — no matter, no draft
# (sixteenth session: both opened a complaint and were asked where)
SMALL_TALK_TEST = ("测试一下", "测试下", "测试", "测一下", "试一下", "试一试", "试下", "试试", "test", "testing")
SMALL_TALK_MISTAKE = ("发错了", "发错人了", "发错群了", "发错", "打错了", "打错字了", "打错", "点错了", "点错", "按错了", "按错", "误发",
                      "不小心发的", "不小心", "手滑了", "手滑", "撤回", "忽略", "请忽略", "别理我")
SMALL_TALK_SORRY = ("不好意思", "抱歉", "对不起", "sorry", "我", "刚才", "刚刚", "那条", "上一条", "消息", "信息", "一下", "没事")
SMALL_TALK_BOT = ("机器人", "真人", "人工客服", "智能客服", "自动回复", "人工", "ai", "活人")
SMALL_TALK_BOT_FILLERS = ("你是不是", "是不是", "你是", "不是", "还是", "是", "人", "到底",  # 到底是人还是机器人
                          "在回复", "回复", "客服", "吗", "嗎", "么",
                          "请问", "我在跟", "我在和", "跟", "和", "聊天", "说话")
# what may go with them without changing what they mean
SMALL_TALK_FILLERS = ("师傅", "同志", "姑娘", "小姑娘", "老师", "你们", "您", "你", "啦", "了", "啊", "呀", "哈", "哈哈",
                      "的", "呢", "哦", "喔", "哟", "吧", "么", "嘛", "那就", "那", "先", "这样", "哎", "唉", "哎呀", "唉呀",
                      "还是")  # 你们是物业还是社区啊: who answers, asked either way

# a question about the ticket just filed (师傅几点来): its status, not a new complaint
FOLLOW_UP_ASKS = (
    "几点来", "几点到", "几点能来", "什么时候来", "什么时候到", "什么时候能来", "什么时候能到", "啥时候来", "啥时候到",
    "啥时候能来", "多久能来", "多久到", "多久来", "到哪了", "到哪里了", "到哪儿了", "怎么还没来", "怎么还没人来",
    "还没来", "还没人来", "有人来吗", "来了吗", "来人吗", "能来人吗", "什么时候能来人", "什么时候来人",
    "进度怎么样", "进展怎么样", "怎么样了", "处理了吗", "处理得怎么样", "处理好了吗", "修好了吗", "有人管吗",
    "安排了吗", "派人了吗", "有消息吗", "有结果了吗", "啥时候能修好", "什么时候能修好", "什么时候修",
    "还要等多久", "要等多久", "等多久", "怎么还没修好", "怎么还没修", "还没修好", "怎么还不来", "还不来",
    # whether the worker has come (师傅到了没, 人来了没有) and the same in dialect (咋还没来): round 19
    "到了没", "到了没有", "来了没", "来了没有", "到没到", "来没来", "咋还没来", "咋还没人来", "咋还不来", "怎么还没到", "还没到",
    # whether the work is done, asked with 了没 (我昨天报的那个修了没): round 24
    *(v + e for v in ("修", "修好", "处理", "处理好", "弄好", "解决", "搞定", "管") for e in ("了没", "了没有", "了吗", "了么")),
)
FOLLOW_UP_WHO = ("师傅", "维修师傅", "工作人员", "你们", "人", "维修的", "物业", "网格员", "那个", "刚才的", "我的",
                 "投诉", "工单", "报修", "那", "请问", "问下", "问一下", "能", "会", "大概", "一般", "呢", "啊", "呀",
                 "吗", "了", "到底", "今天", "要",
                 # which earlier complaint (我上次投诉的那个, 之前反映的事: fifteenth session)
                 "我", "的", "上次", "之前", "以前", "前几天", "前两天", "昨天", "上周", "那天", "反映", "说的", "报的", "事",
                 "事情", "那件事",
                 # what they reported, and when (我前天报的那个, 之前反映的): round 24
                 "前天", "刚才", "早上", "反映的", "提的")
# asking the number of the ticket just filed again (那个号码是多少来着 我没记住, 编号忘了): its status shows it (round 24);
# not a telephone number asked for (物业电话号码是多少)
TICKET_NUMBER_ASKED = re.compile(r"^(?!.*(?:电话|手机|热线|座机|微信|物业|客服|师傅|维修工|门牌|房))"
                                 r".*(?:(?:编号|单号|号码)(?:是|叫)?(?:多少|啥|什么|几)|(?:编号|单号|号码)[^，,。\s]{0,2}(?:忘了|没记住|记不住|没记下))")

# 查询 with the number among a few words (「查询 261123-0042 的进度」「261123-0042 怎么样了」)
QUERY_AROUND = ("查询", "查一下", "查下", "查查", "查", "帮我", "麻烦", "请问", "问下", "问一下", "看看", "看下", "看一下",
                "我的", "工单", "编号", "投诉", "报修", "单号", "号", "的", "进度", "进展", "状态", "情况", "处理",
                "处理得", "到哪了", "怎么样了", "怎么样", "如何", "现在", "了", "吗", "呢", "一下")

CONSULT_SOLVED_WORDS = frozenset({"解决了", "已解决", "知道了", "明白了", "明白", "懂了", "好的", "好", "谢谢", "收到", "ok"})

# the resident withdraws what they filed (撤销投诉, 把工单撤了, 不投诉了, 已经修好了 不用来了): asked to confirm first
WITHDRAW = re.compile(
    r"撤(?:销|回|诉|单)|(?:投诉|工单|报修|单子|诉求)(?:先|就)?(?:撤了|撤掉|撤销|撤回|取消|不要了)"
    r"|(?:取消|不要|删除|删掉)(?:一下)?(?:我的|刚才的?|这个|那个|这条|那条)?(?:投诉|工单|报修|单子)"
    r"|不(?:想|要|用|再)?(?:投诉|报修)了"
    r"|(?:不用|不需要|用不着)(?:再)?(?:处理|来|修|上门|过来|派人)了(?:吧|啊|哈|哦)?[\s,，。.!！~～]*$")
# …but not when asked why it was withdrawn, or when only one visit is called off (明天不用来了 后天来吧)
WITHDRAW_NOT = re.compile(r"为什么|为啥|怎么|谁|被撤|给撤|撤销了我|(?:今天|明天|后天|上午|下午|晚上)不用来")

# a photo's caption that only says a photo is sent (又拍了一张, 再发两张, 这是现场照片, 看图): no detail of the matter
PHOTO_CAPTION = re.compile(
    r"(?:我)?(?:又|再|多|补|另外)?(?:拍|发|补|传|来)(?:了)?(?:一|两|几|1|2|3)?(?:张|个)?(?:照片|图片?|相片|现场照片?)?"
    r"(?:给你们?)?(?:看看?|看一下)?(?:吧|啊|哈)?"
    r"|(?:这是|这个是|这就是)?(?:现场)?(?:照片|图片?|相片)(?:看一下|看看)?|看图|如图|见图")

# a return's reason said in the worker's own words (the reason's label, then the words as the note): checked in this
# order, 其他 when none matches
RETURN_REASON_CUES = {
    # another grid's place said as such (是隔壁网格的, 归别的片区管), not a neighbour's grid the worker went to ask in
    "不属于本网格": re.compile(r"不是我们(?:网格|片区)|不归我们(?:网格|片区)|不在我们(?:网格|片区)"
                         r"|(?:是|属于|归)(?:别的|其他|隔壁)(?:网格|片区)|(?:别的|其他|隔壁)(?:网格|片区)(?:的|管)"),
    "重复工单": re.compile(r"重复|报过了|已经有(?:单|工单)|同一个(?:问题|事)"),
    # nobody to meet (居民不在家, 敲门没人应, 电话也打不通): the resident cannot be reached, as 联系不上 (left29)
    "信息不全无法处理": re.compile(r"地址不(?:对|全|清)|找不到(?:地方|人|地址)|联系不上|电话[^，,。]{0,2}(?:打不通|不通|空号|没人接)"
                            r"|信息不全|没写清|不在家|没人(?:在家|开门|应)|敲门没人"),
    "不属于物业职责": re.compile(r"不归(?:我们|物业)管|不是(?:我们|物业)(?:管|的事|负责)|不归物业|(?:电梯|燃气|煤气)公司|供电局|电力公司"
                          r"|自来水公司|市政|城管|业主自己|私人的|不是公共"),
}

# an emergency whose words say someone wants to end their life: its advice is not an injury's (不要随意搬动伤者)
SELF_HARM = re.compile(r"不想活|活不下去|活够了|想死|寻死|轻生|自杀|自尽|跳楼|要跳下去|要往下跳|割腕|上吊|安眠药")
