"""`complaint-bot doctor`: is this configuration ready for a real start? Each check says in plain
words what it found and, when something is wrong, how to fix it.

The checks (`local` for this machine and its services, `platforms` for the chat platforms and the
public URLs) run one after another, each within a time limit; none changes anything a running bot
relies on (the WeChat check asks for the current token without forcing a new one, the webhook probe
sends nothing a webhook would act on).
"""

from __future__ import annotations

import asyncio
from typing import TextIO

from bot.doctor.findings import Check, Examination, Finding, Options, Verdict
from core.config import Settings

__all__ = ["Check", "Examination", "Finding", "Options", "Verdict", "examine", "report"]


async def examine(settings: Settings, options: Options, checks: list[Check] | None = None) -> Examination:
    from bot.doctor import local, platforms

    result = Examination()
    for check in checks if checks is not None else [*local.CHECKS, *platforms.CHECKS]:
        name = check.__name__.strip("_").replace("_", " ")
        try:
            # a check's own network calls have the time limit; this one only stops a hang
            result.findings += await asyncio.wait_for(check(settings, options), options.timeout * 3)
        except TimeoutError:
            result.findings.append(Finding(name, Verdict.FAIL, f"no answer within {options.timeout * 3:.0f} s",
                                           "see whether the service it talks to is up; --timeout gives it longer"))
        except Exception as exc:  # a check that breaks must not hide the others
            result.findings.append(Finding(name, Verdict.FAIL, f"the check itself failed: {type(exc).__name__}: "
                                                               f"{str(exc)[:200]}"))
    return result


def report(result: Examination, out: TextIO) -> None:
    width = max((len(f.check) for f in result.findings), default=8)
    for f in result.findings:
        print(f"{f.verdict.value:<4}  {f.check:<{width}}  {f.found}", file=out)
        if f.fix and f.verdict in (Verdict.FAIL, Verdict.WARN):
            print(f"{'':<4}  {'':<{width}}  → {f.fix}", file=out)
    failed = sum(f.verdict is Verdict.FAIL for f in result.findings)
    warned = sum(f.verdict is Verdict.WARN for f in result.findings)
    print(file=out)
    if failed:
        print(f"{failed} problem(s) to fix before a real start" + (f", {warned} warning(s)" if warned else "")
              + "; run `complaint-bot doctor` again afterwards.", file=out)
    else:
        print("All is well" + (f" ({warned} warning(s) above)" if warned else "") + ": ready to `complaint-bot serve`.",
              file=out)
