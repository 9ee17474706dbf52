"""The intake's button keys, the scopes its buttons are offered in, and the limits of its fields."""

from __future__ import annotations

DRAFT, MENU, ASIDE = "draft", "menu", "aside"
K_SUBMIT, K_CHANGE, K_CANCEL = "i:submit", "i:change", "i:cancel"
K_FIELD = "i:f:"
K_ADDR_YES, K_ADDR_RETRY = "i:a:yes", "i:a:retry"
K_COMMUNITY = "i:c:"
K_TIME = "i:t:"
K_LAST_PHONE, K_NO_PHONE, K_HUMAN = "i:p:last", "i:p:none", "i:human"
K_TRIAGE_YES, K_TRIAGE_NO = "i:g:yes", "i:g:no"
K_DUP_SKIP = "i:d:skip"  # the resident's own duplicate: do not file it again
K_ASIDE_YES, K_ASIDE_NO = "x:yes", "x:no"  # a second problem brought up mid-form: file it next, or not
K_RESUME_GO, K_RESUME_NEW, K_RESUME_DROP = "r:go", "r:new", "r:drop"
MENU_KEYS = {"m:complaint": "complaint", "m:repair": "repair", "m:consult": "consult"}
K_MENU_MY = "m:my"
MAX_OCCURRED = 100  # the ticket column's width
MAX_ADDRESS = 300
MAX_ASIDES = 3  # second problems kept per conversation
SEEN_TEXTS = 10  # digests of messages taken into the description, to spot one sent again
COMMUNITY_OPTIONS = 8  # more grids than this: type the name
HUMAN_REASON = "居民要求人工服务"
EDITABLE = ("description", "address", "occurred", "phone", "photos", "back")
