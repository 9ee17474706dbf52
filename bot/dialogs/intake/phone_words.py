"""How a resident declines, questions or fears giving a phone, in Mandarin and Cantonese words: read at the phone
question (`answers.answer_phone`) and after an emergency's alert asks for one (`aftercare.phone_declined`)."""

from __future__ import annotations

import re

from core.text.normalize import nfkc, simplified

# 「一定要留电话吗」「不留可以吗」: asked whether it must be given, not declined
MUST_I = re.compile(r"(?:一定|必须|非得|非要|还得|要不要)[^，,。\s]{0,3}(?:留|给|填)[^，,。\s]{0,4}(?:吗|么|嘛|啊|[?？])?$"
                     r"|不[留给](?:电话)?(?:可以|行|能)|(?:可以|能|能不能)不[留给]|不[留给][^，,。\s]{0,3}行不行")


def mandarin(text: str) -> str:
    """Cantonese negation and giving in Mandarin words (唔使 → 不用, 唔 → 不, 俾 → 给), for the patterns below."""
    # in Simplified characters first, whatever the length (flow30: 「不留電話」 was read as a bad phone)
    return simplified(nfkc(text)).replace("唔使", "不用").replace("唔驶", "不用").translate(CANTONESE_WORDS)


CANTONESE_WORDS = str.maketrans({"唔": "不", "俾": "给", "畀": "给"})
FEARS = re.compile(r"报复|怕|隐私|泄露|泄漏|知道是我|找上门")
DECLINES = re.compile(r"不方便|不想[留给]|不[留给]了|就不[留给]|不[留给]了?$|不用留|不要留|不留电话|不给电话|不想透露|保密"
                       r"|^(?:不用了?|不需要了?|不要了?|没有电话|没电话|算了吧?|无|跳过|跳过吧|略过|先跳过)$"
                       # 「莫得电话」「没得手机」 (Sichuan), 「没有手机」: none to give (second user test)
                       r"|^(?:莫得|没得|没有|冇)(?:电话|手机|号码)"
                       # 「电话就算了」, 「手机还是免了吧」, 「号码不留可以吗」 (round 7's p034, reached once the bench answered
                       # its greeting)
                       r"|(?:电话|号码|手机号?)(?:就|还是)?(?:算了|免了|不用了|不[留给])")


def declines_phone(text: str) -> bool:
    """「不方便留」「唔想留電話」「电话就算了」: the phone declined."""
    return bool(DECLINES.search(mandarin(text)))
