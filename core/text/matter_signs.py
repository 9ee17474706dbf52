"""What the words of a message after filing say: something is wrong (`FAULT`), they point back at the
ticket just filed (`REFER`), they are about its visit or the wait (`VISIT`), or someone did something (`CONDUCT`).
Patterns only, read by `core.text.answers` (and `FAULT` by the consultation reader). Pure."""

from __future__ import annotations

import re

# What is wrong, said as a state rather than a listed word: something does not work (不亮, 打不着, 刷不开,
# 关不上, 没声音), is damaged or out of place (松了, 翘起来, 生锈, 断了, 死在), or bothers (声音, 味, 吵).
FAULT = re.compile(
    r"(?:不|唔|冇|没)(?:亮|转|热|凉|灵|响|通|够|在岗|出水|上水|下水|干净|见了|开门|理人|搭理|制冷|制热|出风|启动|运转)|[打刷取关锁拉推插](?:不|唔)(?:着|开|出|上|严|动|通)"
    r"|(?:没|冇)(?:有)?(?:声音|信号|水|电|气|网|人(?:管|收|修|扫|清|理|打扫|维修|处理|值班|换|擦|拖|洗|收拾))|[坏破断裂碎松歪倒塌翘锈霉满堵漏丢死占堆掀](?:了|掉|开|起来|咗|在|的)"
    # 掉 after a doing is done, not fallen off (水阀关掉了, 我把它拔掉了: round 26); 掉了 alone, 灯罩掉了 are faults
    r"|(?<![关拔拆擦清删卸脱撕铲扔甩倒剪摘])掉(?:了|掉|开|起来|咗|在|的)"
    # a thing kept in the way (占着位置, 霸着车位, 堆着杂物; not 挡着 / 堵着, often the resident's stop-gap: 我先拿
    # 个桶挡着) and what the wind did (被风刮歪, 让风给掀了)
    r"|[占堆霸]着|[被让叫]风(?:给|吹|刮)"
    r"|[抬升起关](?:不|唔)(?:起来|上去|下来|上)|[流淌撒洒扔堆漫淹溢冒]了?(?:一地|满地)|了(?:一地|满地)|[进出回](?:不|唔)(?:来|去)|烧(?:东西|纸|垃圾|秸秆|树叶)|(?:全|都|一片)黑|(?:全|都)灭了|灯[^，,。\s]{0,2}灭了"
    r"|被(?:人|谁|小孩|孩子|狗|车)?(?:给)?(?:划|偷|撬|砸|刮|剐|割|扎|戳|剪|踹|盗|占|堵|扔|弄坏|弄脏)"
    # what rises or reaches in from somewhere, too much of it (油烟太大了, 灰尘特别大, 灯光太刺眼)
    r"|(?:油烟|烟|灰尘|粉尘|尘土|灰|噪音|动静|灯光|光)(?:很|太|好|特别|非常|老)(?:大|重|浓|呛|刺眼|亮)"
    # stuck (伸缩门又卡住了), coming off (厨房顶上在掉墙皮), and how the staff treat people (保安对我态度很差): round 23
    r"|卡(?:住|死)了?|(?:在|往下)掉(?!下来了吗)|掉(?:墙皮|漆|渣|灰|瓷砖)|起皮|态度(?:很|太|特别|非常|极其|好|真)?(?:差|恶劣|不好|蛮横|凶)"
    # round 24: what should be strong is weak (水压突然变得好小, 信号很差), smoke or a smell drifting in (油烟直往我家飘)
    r"|(?:水压|水流|水量|网速|信号|电压|气压)[^，,。\s]{0,5}?(?:小|低|弱|差|不稳|不足)|冒(?:黑|白|浓)?烟|(?:烟|味|灰|尘)[^，,。\s]{0,3}?(?:(?:往|朝|进|到)[^，,。\s]{0,5}?(?:飘|钻|灌|窜|吹)|(?:飘|钻|灌|窜)(?:进|到))"
    r"|(?:烟|味|灰|尘)[^，,。\s]{0,3}?(?:全|都|直接)?(?:进|灌进|飘进|钻进)(?:了)?(?:我家|家里|屋|房间|卧室|客厅|来)|(?:一|有)股[\u4e00-\u9fff]{0,3}味|异响|怪响|响声|异味|怪味|生锈|发霉|发臭|一闪一闪|[灯屏]闪|太(?:热|冷|吵|臭|脏|暗|慢)|no (?:water|power|electricity|gas|hot water)|臭到|声音(?!停|小了|没了)|噪|味(?:道)?(?:很|太|好)?(?:大|重|冲|难闻)|烟味|狗屎|拉屎|抽烟|多扣|多收|乱收"
    # round 25: water standing somewhere (车库门口积了好多水), tap water of a wrong colour (水龙头出来的水是黄的)
    r"|积(?:了)?(?:好多|很多|一大?滩|一层|一大?片|不少|那么多)?(?:的)?水"
    r"|(?:水龙头|龙头|自来水|出来的|放出来的)[^，,。\s]{0,4}?(?:是|发|变|有点|特别|很|都)?(?:黄|浑|黑|红|绿)(?:的|了|色|(?=[，,。\s]|$))|浑浊"
    # round 27: a paper or money owed to the resident withheld (发票一直没给我开, 押金不给退, 不给开收据)
    r"|(?:发票|收据|票据|押金|保证金|定金|退款)[^，,。\s]{0,6}?(?:没|不)(?:有)?(?:给|帮)?(?:我|我们|咱)?(?:开|退|补|还)"
    r"|(?:没|不)(?:有)?(?:给|帮)(?:我|我们|咱)?(?:开|退|补)(?:发票|收据|票|押金|钱)"
    # round 28: a bin or a drain full to overflowing (垃圾桶都满出来了)
    r"|[满溢]出来"
    r"|broken|not working|doesn.t work|leak|noise|noisy|smell|blocked|stuck"
)
# Pointing back at the ticket just filed: its details, not a new matter (就是刚才说的那个漏水).
REFER = re.compile(r"刚才(?:说|讲|报|反映|提)的|刚才那(?:个|家|户)|上次(?:说|讲|报|反映)的|还是(?:刚才)?那个|就是那个|那个问题|这个问题|同一个|我刚报的|刚报的"
                   r"|这个单子|我的单子|工单号|单号|处理到哪|到哪一步|进度"
                   r"|还是(?:昨天|昨晚|前天|上次|上回|之前|刚才)?的?(?:那|他|她|他们|她们)(?:家|户|个人|帮人)|比刚才|跟刚才|(?:说|打|写|填|搞)错了?"
                   # 就是我说的那个楼道灯, 刚才那个投诉能撤销吗, 还是在漏 / 师傅看了说要换管子: this ticket again
                   r"|我(?:刚|刚才|之前|前面|上面)?(?:说|讲|报|提|反映)[^，,。\s]{0,4}?的那|(?:那个|这个|我的|刚才的)(?:投诉|单子|工单|报修)"
                   r"|撤销|撤回|不投诉了|^(?:还是|还|仍然|依然|仍)在|师傅(?:看了|来看|来过|说)"
                   # the same party, another time (他们家昨晚也吵 不止今天): this ticket's offender again
                   r"|(?:他们|她们|他|她|那)(?:家|户)[^，,。\s]{0,6}也|不(?:止|只|光)(?:是)?(?:今天|这一?次|一次|一回)"
                   # the same thing at another time (昨天也是, 上周也这样), when it began (是从凌晨两点开始的, 是半夜开始的)
                   r"|(?:昨天|昨晚|前天|前晚|上次|上回|上周|上个?礼拜|今早|早上|白天|晚上|周末)也(?:是|这样|一样|有)"
                   r"|是从?[^，,。\s]{1,8}开始的"
                   # the trouble compared with an earlier day (今晚比前天还吵, 声音比昨天还大): the same trouble (round 27)
                   r"|比(?:昨天|昨晚|前天|前晚|前几天|上次|上回|上周|上个?礼拜|之前|以前|平时|往常)(?:还|更|都)"
                   # said again (我再说一遍 水还在漏), the fault still there (还是漏, 依然不亮) or back after the repair
                   # (刚修完又漏了, 修好了还是响): the ticket's fault, not news (round 18)
                   r"|再说一(?:遍|次)|再强调一(?:遍|次|下)|^(?:还是|仍然|依然|仍旧)(?:在|一直)?(?:漏|吵|响|滴|堵|臭|不|没)"
                   r"|修(?:完|好|过)了?[^，,。\s]{0,2}(?:又|还|还是)"
                   # where the fault just told is (漏水的地方是厨房顶上, 吵的位置在靠马路那边) or how far it goes (…不只是楼下):
                   # the fault named as known, not news (round 22)
                   r"|[漏滴渗吵响臭堵裂坏][水]?的(?:地方|位置|那块|那里|那儿|点)|不(?:光|只|止|仅)是[^，,。\s]{1,6}$"
                   # where or when the trouble is worst (那个味道在楼梯口最重, 声音主要是晚上十一点以后): the trouble
                   # is known, its extent is told (round 23)
                   r"|在[^，,。\s]{1,8}?最(?:重|大|响|吵|厉害|严重|明显|浓|臭)"
                   r"|(?:声音|动静|噪音|味道?|气味|烟|漏水?|水|吵|响)[^，,。\s]{0,2}主要(?:是|在|集中)")

# About the visit or the wait for the ticket just filed (能不能上午来, 已经等了两天了, 来之前打电话), or a
# correction of its details (漏水的是厨房那边 不是卫生间): the ticket's, not a new matter.
VISIT = re.compile(r"(?:师傅|维修工|维修的|修的人|工人)[^，,。\s]{0,4}(?:态度|来得|修得|干得|弄得|速度|效率|手艺|人挺|人很|人不错)|"
                   # how the one sent for it came or did (师傅态度还行 就是来得太慢了): eleventh session
                   r"等了|快点|催一下|(?:上午|下午|晚上|明天|今天|周末|早点|中午)(?:能|可以)?来|来之前|上门前|在家等"
                   r"|的是[^，,。\s]{1,8}[\s，,]*(?:不是|而不是)|^不是[^，,。\s]{1,6}[\s，,]*是"
                   # the visit: a day offered (那明天上午可以吗), what to do on arrival (到了直接敲门), the wait (是不是要等
                   #明天了), the resident's own part (我是不是还要拍照片, 修的话我要不要在家)
                   r"|(?:明天|后天|今天|周末|下周[一二三四五六日天]?|星期[一二三四五六日天]|礼拜[一二三四五六日天])(?:上午|下午|晚上|中午|早上)?"
                   r"(?:\d{1,2}点)?(?:以后|之后|前)?(?:可以|行|方便)(?:吗|不|嘛|吧|不行|不可以)?"
                   r"|(?:到了|来了|到时候?|来的时候|上门的时候)(?:就|直接|麻烦|请)?(?:敲门|打电话|按门铃|喊|叫|给我打|找)"
                   r"|(?:是不是|要不要|还|得)(?:要|得)?等(?:到)?(?:明天|后天|下周|周一|过几天|几天)"
                   r"|我(?:是不是|要不要|需不需要|用不用|还要|还得|得)(?:还|先)?(?:要|得)?(?:先)?(?:拍|发|在家|准备|留|签|交|去)"
                   # the resident's part asked the other way round (要不要我在楼下等师傅, 需要我下去接一下吗)
                   r"|(?:要不要|需不需要|用不用|需要|用)我(?:先|去)?[^，,。\s]{0,5}?(?:等|接|开门|带路|领路|在家|下楼|下去)"
                   # whatever they offer to do (要不要我去物业当面说, 用不用我找他们老板): round 22
                   r"|(?:要不要|需不需要|用不用)我"
                   # the resident's part asked without 我 (照片要不要发给你们, 要带什么东西吗, 需要我准备什么材料吗)
                   r"|(?:照片|图片|视频|材料|资料|证件)[^，,。\s]{0,3}(?:要不要|需不需要|用不用|还要|要)[也还再先]?(?:我)?(?:发|拍|给|带|交|准备)"
                   r"|(?:要|需要|得)(?:我)?(?:带|准备|提供|拿)(?:什么|啥|哪些|些)"
                   # how to reach or tell them (会不会发短信通知我, 打不通的话加我微信): the ticket's contact
                   r"|通知我|发短信|加我微信|微信(?:联系|找|告诉)我|打不通的话"
                   # a note for the visit (家里有狗 师傅来别怕 不咬人)
                   r"|不(?:会)?咬人|(?:师傅|工人|你们)(?:来|上门|过来)?(?:的时候|时|了)?(?:别怕|不用怕|注意|小心|记得)"
                   # how this repair should be done (能不能彻底修好 别老修了又坏, 一定要查出来是谁, 多收的钱能退吗)
                   r"|彻底修|修(?:了|好)?(?:又|再)坏|查出来|(?:钱|费)能(?:不能)?退|退(?:钱|款)|大概要几天|要(?:修)?几天"
                   # when someone is home (下午三点以后才在家, 晚上才有人), what the worker should bring (师傅能不能带个
                   # 梯子), the other party's details offered (他家电话我有 要不要给你们), nobody come yet (round 18)
                   r"|(?:点|点半|点多|午|晚上|早上|白天)(?:以后|之后|以前|之前|前|后)?(?:才|都|就|会|一直)(?:在家|有人|回来|回家)"
                   r"|(?:师傅|工人|维修工|维修的|你们的人)(?:来的时候|来时|上门时|来)?(?:能不能|能|可以|可不可以|记得|要|得|最好|别忘了)?"
                   r"(?:带|拿|备)(?:个|上|一|把|些|着)"
                   r"|(?:电话|号码|手机号?|微信)我有|(?:要不要|需不需要|用不用|需要)(?:我)?(?:发|给|告诉)(?:你们|您)"
                   r"|(?:还是|还|怎么还|咋还|到现在还|一直)(?:是)?没(?:有)?人(?:来|联系|上门|理)"
                   # the wait told in hours or a part of the day (俺都等一下午了), the worker not come or arrived
                   # yet (咋还没到, 师傅来了没), what the resident did with the other party (我敲过门了, 我找过他们):
                   # round 19
                   r"|等了?(?:一|两|俩|三|半|几|好几|大半)?个?(?:上午|下午|晚上|早上|天|小时|钟头|星期|礼拜)了"
                   r"|(?:咋|怎么)(?:还)?(?:没|不)(?:来|到)|(?:来|到)了?没(?:有)?(?:啊|呢|呀)?$"
                   r"|我[^，,。\s]{0,8}?(?:敲过|找过|问过|说过|讲过|劝过|提醒过|联系过)"
                   # whether anyone reads or handles it (到底有没有人看消息啊): the wait, urged (round 23)
                   # a plea that this time it be seen to (这次别又没人管, 这回可别再拖了): the ticket's wait (round 28)
                   r"|(?:这次|这回|这一次|这下)(?:可|千万|一定)?(?:别|不要|莫)(?:又|再)"
                   r"|有没有人(?:看|回|理|管|处理)?(?:消息|信息|一下)?[啊呀吗么嘛呢?？!！\s]*$|(?:没人|有人)(?:看|回)(?:消息|信息)")

# Someone else doing something (有人把电动车推进楼道充电了, 有人往楼下扔东西): a report of its own.
CONDUCT = re.compile(r"有人(?:把|往|乱|偷|天天|又|在(?![家\s，,。]|$)|(?:从|朝)[^，,。\s]{1,8}?(?:扔|倒|泼|丢|吐|砸|射|照))"
                     # someone again, or someone putting things in shared space (楼道里又有人堆纸箱了, 有人贴小广告): round 25
                     r"|又有人(?!来|在家|接|管|理|联系|回|说|问|打电话|处理|上门)|有人(?:堆|贴|晾|倒|烧|占|搭|养|撬|划)"
                     # the staff doing something to the resident's things (保洁把我放在门口的鞋柜扔了): round 24
                     r"|(?:保洁|保安|物业|门卫|快递员?|外卖员?|清洁工|绿化工?)[^，,。\s]{0,4}把我[^，,。\s]{0,10}(?:扔|丢|拿|搬|剪|砍|拆|弄|收|清|挪)"
                     # a neighbour or workers putting something somewhere (隔壁装修工人把水泥倒进下水道了)
                     r"|(?:隔壁|楼上|楼下|对门|对面|邻居|工人|装修的|店|摊|商户|超市|饭馆|餐馆)[^，,。\s]{0,6}把[^，,。\s]{1,8}(?:倒|扔|堆|丢|泼|放|停|堵|摆|摊|占|推|搬|拴|挂)"
                     # a neighbour keeping animals (隔壁在阳台养鸡, 楼上家里养了几只鸽子) and what they do (公鸡打鸣): round 26
                     r"|(?:隔壁|楼上|楼下|对门|对面|邻居)[^，,。\s]{0,6}养(?:了)?[^，,。\s]{0,3}(?:鸡|鸭|鹅|鸽子|兔子|猪|羊)|打鸣"
                     # a noise told by its sound (哐哐响, 咚咚咚): a nuisance of its own
                     r"|([哐咚砰轰嗡咣梆])\1"
                     # round 22: what a thing did, done (栏杆撞了我儿子的车; not 会不会砸到人: feared), someone's doing with any verb
                     # (电瓶被人卸了; not 有人来了 / 有人接了吗: the ticket's), something found at a place of the estate
                     # (通道上有辆三轮车, 地下室里好大一股霉味; not 家里有只狗 nor 我家门口有个红色地垫: the visit's)
                     r"|[砸撞刮蹭压夹剐碰](?:了|(?:到|伤|坏|在)(?=[^，,。\s]{1,10}了))(?:我|人|车|孩子|小孩|老人|窗|玻璃|头|手|腿|雨棚|阳台|车顶)"
                     r"|被(?:人|谁)(?:给)?[\u4e00-\u9fff]|有人(?!来|在家|接|管|理|联系|回|说|问|打|处理|上门)[\u4e00-\u9fff]{1,2}了(?![吗么没])"
                     r"|(?:(?<![家屋房])里|(?<!家门)口|[上边儿旁面]|那边|这边)的?(?:有(?:辆|只|条|根|颗|块|堆|群|些|张|台|袋|窝|个(?!事|问题|情况|[红黄蓝绿白黑灰紫粉棕金银]色))|好多|好大|很多"
                     r"|一大?堆|全是|都是|一股)")

# Safety kit past its date (灭火器过期了): news after filing (round 28); not in FAULT, since whether it is past its date
# is a question for the desk (灭火器是不是都过期了, 过期了去哪换: rounds 14, 16, 20).
OUT_OF_DATE = re.compile(r"(?:灭火器|消防[^，,。\s]{0,3}|年检|检验|合格证)[^，,。\s]{0,4}?过期")
# An animal making noise (对门的狗一直叫, 猫整夜在嚎, 鸡天天打鸣): news after filing unless the ticket names that animal
# (round 27), or going for someone (狗扑了我家孩子, 猫抓了…: round 28); group 1 is the animal.
ANIMAL_NOISE = re.compile(r"(狗|猫|鸡|鸭|鹅|鸟|鸽子)[^，,。\s]{0,6}?(?:叫|吠|嚎|打鸣|咬|扑|追|抓)")
# A wish for next time (以后停电能不能提前说一声, 下次停水麻烦先贴通知): how the ticket's own thing should be handled
# from now on, not news when it names that thing and nothing else wrong (round 27).
NEXT_TIME = re.compile(r"^\W*(?:以后|下次|下回|今后|往后|再有)")
