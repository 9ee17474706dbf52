"""Logging in and out, sessions, CSRF and the login throttle."""

from __future__ import annotations

from datetime import timedelta

from tests.desk.conftest import PASSWORD, Desk


async def test_pages_need_a_login(desk: Desk) -> None:
    response = await desk.client.get(desk.root + "/", allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"].startswith(desk.root + "/login?next=")


async def test_login_then_queue_then_logout(desk: Desk) -> None:
    response = await desk.login()
    assert response.status == 303
    assert response.headers["Location"] == desk.root + "/"
    cookie = response.cookies["desk_session"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == desk.root
    page = await desk.client.get(desk.root + "/")
    assert page.status == 200
    assert "赵敏" in await page.text()
    out = await desk.post("/logout")
    assert out.status == 303
    again = await desk.client.get(desk.root + "/", allow_redirects=False)
    assert again.status == 303


async def test_wrong_password_says_so(desk: Desk) -> None:
    response = await desk.login(password="wrong-password")
    assert response.status == 401
    assert "用户名或密码不正确" in await response.text()
    unknown = await desk.login(username="nobody")
    assert unknown.status == 401
    assert "用户名或密码不正确" in await unknown.text()


async def test_lockout_after_five_failures_then_it_lifts(desk: Desk) -> None:
    for _ in range(4):
        assert (await desk.login(password="nope-nope")).status == 401
    fifth = await desk.login(password="nope-nope")
    assert fifth.status == 429
    assert "锁定" in await fifth.text()
    # even the right password waits
    locked = await desk.login()
    assert locked.status == 429
    assert "15分钟" in await locked.text()
    desk.app.clock.advance(minutes=16)  # type: ignore[attr-defined]
    assert (await desk.login()).status == 303


async def test_lockout_per_address_across_accounts(desk: Desk) -> None:
    for name in ("a1", "a2", "a3", "a4", "a5"):
        await desk.login(username=name, password="nope-nope")
    # this address is locked, whatever account it tries next
    assert (await desk.login()).status == 429


async def test_post_without_csrf_token_is_refused(desk: Desk) -> None:
    await desk.logged_in()
    response = await desk.client.post(desk.root + "/logout", data={}, allow_redirects=False)
    assert response.status == 403
    forged = await desk.client.post(desk.root + "/logout", data={"csrf_token": "x" * 40}, allow_redirects=False)
    assert forged.status == 403
    # still logged in: nothing ran
    assert (await desk.client.get(desk.root + "/", allow_redirects=False)).status == 200


async def test_login_form_itself_needs_the_token(desk: Desk) -> None:
    response = await desk.client.post(desk.root + "/login", data={"username": "赵敏", "password": PASSWORD},
                                      allow_redirects=False)
    assert response.status == 403


async def test_session_ends_after_inactivity(desk: Desk) -> None:
    await desk.logged_in()
    desk.app.clock.advance(minutes=desk.app.settings.desk.session_minutes - 1)  # type: ignore[attr-defined]
    assert (await desk.client.get(desk.root + "/", allow_redirects=False)).status == 200
    # that request renewed it: another almost-full stretch is fine
    desk.app.clock.advance(minutes=desk.app.settings.desk.session_minutes - 1)  # type: ignore[attr-defined]
    assert (await desk.client.get(desk.root + "/", allow_redirects=False)).status == 200
    desk.app.clock.advance(minutes=desk.app.settings.desk.session_minutes + 1)  # type: ignore[attr-defined]
    response = await desk.client.get(desk.root + "/", allow_redirects=False)
    assert response.status == 303
    login = await desk.client.get(response.headers["Location"])
    assert "登录已过期" in await login.text()


async def test_password_reset_ends_sessions(desk: Desk) -> None:
    await desk.logged_in()
    await desk.component.deps.accounts.set_password(desk.world.dispatcher.id, "another-secret-9")
    assert (await desk.client.get(desk.root + "/", allow_redirects=False)).status == 303


async def test_next_stays_inside_the_desk(desk: Desk) -> None:
    token = await desk.csrf("/login")
    response = await desk.client.post(desk.root + "/login", data={
        "username": "赵敏", "password": PASSWORD, "csrf_token": token, "next": "https://evil.example/"},
        allow_redirects=False)
    assert response.headers["Location"] == desk.root + "/"


async def test_secure_cookie_behind_https_proxy(desk: Desk) -> None:
    token = await desk.csrf("/login")
    response = await desk.client.post(desk.root + "/login", data={
        "username": "赵敏", "password": PASSWORD, "csrf_token": token},
        headers={"X-Forwarded-Proto": "https"}, allow_redirects=False)
    assert response.status == 303
    assert response.cookies["desk_session"]["secure"]


async def test_unknown_page_is_404_once_logged_in(desk: Desk) -> None:
    await desk.logged_in()
    assert (await desk.client.get(desk.root + "/no-such-page")).status == 404


async def test_session_lifetime_is_configurable(desk: Desk) -> None:
    assert desk.app.settings.desk.session_minutes == 480
    assert timedelta(minutes=480)


async def test_sessions_in_redis_when_configured(app, world) -> None:  # type: ignore[no-untyped-def]
    """With REDIS_URL the cookie holds only a session id; the session itself lives in Redis."""
    from dataclasses import replace

    import pytest
    from redis.asyncio import Redis

    from tests.conftest import IN_CI, REDIS_URL
    from tests.desk.conftest import start_desk

    probe = Redis.from_url(REDIS_URL)
    try:
        await probe.ping()
    except Exception as exc:  # any failure to connect means "not here"
        if IN_CI:
            pytest.fail(f"CI=true but Redis at {REDIS_URL} is not reachable: {exc}")
        pytest.skip(f"Redis not reachable at {REDIS_URL} ({exc})")
    finally:
        await probe.aclose()
    app.settings = replace(app.settings, redis_url=REDIS_URL)
    desk = await start_desk(app, world)
    try:
        response = await desk.login()
        assert response.status == 303
        session_id = response.cookies["desk_session"].value
        assert len(session_id) == 32  # a uuid, not the encrypted session
        redis = Redis.from_url(REDIS_URL)
        try:
            assert await redis.exists(f"desk_session_{session_id}")
            assert 0 < await redis.ttl(f"desk_session_{session_id}") <= 480 * 60
        finally:
            await redis.aclose()
        assert (await desk.client.get(desk.root + "/", allow_redirects=False)).status == 200
    finally:
        await desk.component.stop()
        await desk.client.close()
