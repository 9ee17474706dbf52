"""`complaint-bot doctor` on the WeCom app, against the local WeCom API and the bot's own callback
on loopback standing for the public URL: the Secret (gettoken against WECOM_API_BASE), the app
itself (agent/get: open, who may receive it), and WeCom's URL check of the callback."""

from __future__ import annotations

from dataclasses import replace

from bot.app import App
from bot.doctor import Options, Verdict, platforms
from tests.fakes.wecom_api import FakeWeComAPI
from tests.wecom.conftest import Running


async def test_token_and_the_apps_visible_range(app: App, wecom_api: FakeWeComAPI) -> None:
    cfg, options = app.settings.wecom, Options(timeout=5)
    found = await platforms._wecom_app(cfg, options, ["zhangwei", "lina"])
    assert [f.verdict for f in found] == [Verdict.OK, Verdict.OK]
    assert "accepts the CorpID and Secret" in found[0].found and "「社区工单」" in found[1].found
    assert any(c.path.endswith("agent/get") for c in wecom_api.calls)

    wecom_api.visible_users = ["zhangwei"]  # 李娜 is bound but outside the app's range
    found = await platforms._wecom_app(cfg, options, ["zhangwei", "lina"])
    assert found[-1].verdict is Verdict.FAIL and "lina" in found[-1].found and "可见范围" in found[-1].fix
    wecom_api.visible_parties = [2]  # a department may hold her: said, not failed
    assert (await platforms._wecom_app(cfg, options, ["zhangwei", "lina"]))[-1].verdict is Verdict.OK

    wecom_api.visible_users, wecom_api.visible_parties = [], []
    found = await platforms._wecom_app(cfg, options, [])
    assert found[-1].verdict is Verdict.FAIL and "visible to nobody" in found[-1].found

    wecom_api.closed = True
    assert "disabled" in (await platforms._wecom_app(cfg, options, []))[-1].found

    wecom_api.closed, wecom_api.trusted_ips = False, {"192.0.2.10"}
    found = await platforms._wecom_app(cfg, options, [])
    assert found[-1].verdict is Verdict.FAIL and "60020" in found[-1].found and "企业可信IP" in found[-1].fix

    wrong = await platforms._wecom_app(replace(cfg, agent_id=1000099), options, [])
    assert "40056" in wrong[-1].found or "60020" in wrong[-1].found
    wecom_api.trusted_ips = None
    wrong = await platforms._wecom_app(replace(cfg, agent_id=1000099), options, [])
    assert wrong[-1].verdict is Verdict.FAIL and "WECOM_AGENT_ID" in wrong[-1].fix
    bad_secret = await platforms._wecom_app(replace(cfg, secret="nope"), options, [])
    assert bad_secret[0].verdict is Verdict.FAIL and "40001" in bad_secret[0].found


async def test_the_callback_through_the_public_url(app: App, running: Running) -> None:
    base = running.url[: -len(app.settings.wecom.path)]
    found = await platforms._public_url(app.settings, Options(timeout=5, public_url=base, clock=app.clock))
    [check] = [f for f in found if f.check == "wecom url"]
    assert check.verdict is Verdict.OK and "passes WeCom's URL check" in check.found

    other = replace(app.settings, wecom=replace(app.settings.wecom, token="another-token"))
    [check] = [f for f in await platforms._public_url(other, Options(timeout=5, public_url=base, clock=app.clock))
               if f.check == "wecom url"]
    assert check.verdict is Verdict.FAIL and "another WECOM_TOKEN" in check.found
