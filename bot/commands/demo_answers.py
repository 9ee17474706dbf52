"""The demo community's 知识库: a few short answers the desk would keep, so that a question typed in
`complaint-bot chat` right after `complaint-bot demo` (电费在哪里交) is answered as it would be in a real office
(user test, twentieth session: with an empty 知识库 every question waited for the desk's next working day).
The wording is the demo estate's own; a real office writes its answers on the desk (知识库)."""

from __future__ import annotations

from bot.app import App
from core.service.quick_answers import QuickAnswers

ANSWERS = [
    ("物业费怎么交", "物业费可到物业服务中心前台（工作日 8:30–17:30）刷卡或扫码缴纳，也可在本公众号菜单「生活缴费」中在线缴纳，"
     "缴费后可开电子发票。", ["物业费", "交物业费", "缴物业费", "物业管理费"], "其他"),
    ("水费、电费、燃气费怎么交", "水费、电费、燃气费由供水、供电、燃气公司收取：可在微信或支付宝「生活缴费」里选择所在城市缴纳；"
     "燃气 IC 卡需要到燃气营业厅或小区门口的自助充值机充值。", ["电费", "水费", "燃气费", "天然气费", "煤气费", "充值", "交电费"],
     "其他"),
    ("停车位和停车月卡", "小区地下车库的月卡每月 300 元，可到物业服务中心办理（带行驶证和身份证）；固定车位出租请到前台登记排队。",
     ["停车位", "车位", "月卡", "停车费", "停车卡", "租车位"], "其他"),
    ("装修申请", "装修前请带房产证复印件、装修图纸和施工队资质到物业服务中心办理装修登记，交装修押金；"
     "施工时间为工作日 8:00–12:00、14:00–18:00，周末和节假日不得进行有噪音的施工。", ["装修", "装修申请", "装修押金", "装修时间"],
     "工程维修"),
    ("开居住证明", "居住证明请到所在社区居委会开具，带身份证和房产证或租房合同；物业可以出具物业费缴纳证明。",
     ["居住证明", "开证明", "证明"], "其他"),
]


async def load_answers(app: App) -> None:
    answers = QuickAnswers(app.db, app.clock)
    for title, body, keywords, category in ANSWERS:
        await answers.save(title=title, body=body, keywords=keywords, category=category, staff_id=None)
