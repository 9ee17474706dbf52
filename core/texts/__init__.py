"""Every Chinese sentence the core writes, one module per audience (the dialogs keep theirs in
bot/dialogs/texts.py):

- common.py     pieces every audience's messages share: times, the place, the category line
- resident.py   to residents in their chat: progress of their ticket, the survey
- workers.py    to a grid: its group's card, reminders, follow-up tasks, the claimer's private messages
- desk.py       to the desk: alerts to the dispatchers' and supervisors' groups and to supervisors in
                person, failed deliveries
- refusals.py   why an action is refused (permissions, the lifecycle's state)
- errors.py     what is wrong with a request (input, lookups, a concurrent change)
- notes.py      what the service and the timers write into a ticket's record (event notes, reasons)
- timeline.py   a ticket's record told in words, per audience
- reports.py    the reports' titles, sections, figures and headings

Texts that quote a resident's or a worker's words take a `core.privacy.View`: whatever renders a
message says for whom, and the words are masked accordingly.
"""
