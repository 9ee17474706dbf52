"""The runtime around the pure dialogs (bot/dialogs): load a chat's saved state and what the step may
know, run the step, save it, run the service calls it asked for (the executor), sweep idle drafts.
Everything here that reads or writes asks the core (core/service/); the composition root
(bot/app.py) builds it."""
