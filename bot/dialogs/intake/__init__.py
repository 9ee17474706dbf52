"""Resident intake (受理): take from the first message everything it already says, ask only for what is
missing — one question at a time —, read the record back, file it.

Pure: every function takes the state (already a private copy) and the context and returns a Step;
filing and the duplicate check are effects the runtime runs.

- dialog.py: the steps the router calls (the menu, a first message, an answer, a button, 取消, 人工)
- fields.py: what a message says about the draft, and which fields are still missing
- questions.py: one question at a time, the read-back, invalid answers
- answers.py: one handler per question, and changing a field from the read-back
- flow.py: what comes after an answer (next question, read-back, filing) and the filing's outcome
- keys.py: the button keys, the scopes they are offered in, the fields' limits
"""

from bot.dialogs.intake.dialog import (
    answer,
    cancel,
    choose,
    choose_aside,
    continue_draft,
    human,
    menu,
    needs_resume_question,
    reask,
    start,
    typed_aside,
)
from bot.dialogs.intake.flow import human_phone
from bot.dialogs.intake.keys import (
    ASIDE,
    DRAFT,
    HUMAN_REASON,
    K_COMMUNITY,
    K_MENU_MY,
    K_SUBMIT,
    MENU,
    MENU_KEYS,
)
from bot.dialogs.intake.questions import ask_resume, invalid

__all__ = [
    "ASIDE", "DRAFT", "HUMAN_REASON", "K_COMMUNITY", "K_MENU_MY", "K_SUBMIT", "MENU", "MENU_KEYS", "answer", "ask_resume",
    "cancel", "choose", "choose_aside", "continue_draft", "human", "human_phone", "invalid", "menu", "needs_resume_question", "reask", "start", "typed_aside",
]
