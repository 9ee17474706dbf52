from __future__ import annotations

import pytest

from core.classify import ComplaintClassifier

# A tiny, project-written training set: enough rows per class for 3-fold CV.
SMALL_ROWS = [
    ("电梯坏了", "3栋电梯按了没反应，困在半路", "维修"),
    ("电梯故障", "电梯门关不上，一直开开关关", "维修"),
    ("楼道灯不亮", "楼道的灯坏了好几天，晚上很黑", "维修"),
    ("水管漏水", "厨房水管爆了，水一直往外冒", "维修"),
    ("停电了", "家里突然停电，总闸推不上去", "维修"),
    ("垃圾没人清", "垃圾站的垃圾三天没清理，很臭", "卫生"),
    ("楼道脏", "楼道好久没人打扫，到处是烟头", "卫生"),
    ("狗屎", "草坪上全是狗屎，保洁也不管", "卫生"),
    ("垃圾桶满了", "垃圾桶满得溢出来，苍蝇乱飞", "卫生"),
    ("老鼠多", "垃圾站旁边老鼠成群，臭气熏天", "卫生"),
    ("广场舞太吵", "楼下广场舞音响开到最大，吵到十点", "噪音"),
    ("装修噪音", "隔壁装修电钻声从早到晚", "噪音"),
    ("楼上跑跳", "楼上半夜跺地板，吵得睡不着", "噪音"),
    ("烧烤店吵", "烧烤店喝酒划拳吵到凌晨", "噪音"),
    ("夜间施工", "工地半夜施工，搅拌机声音太吵", "噪音"),
]


@pytest.fixture(scope="session")
def default_classifier() -> ComplaintClassifier:
    return ComplaintClassifier.load_default()
