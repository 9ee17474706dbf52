"""Desk accounts: a staff member's password (argon2 hash only) and logging in, throttled per account
and per address so that guessing costs hours, not seconds.

A failure counts against the account name typed (known or not, so the answer never tells which
names exist) and against the address it came from; either reaching `max_failures` within the window
locks it for `lockout`. A successful login clears the account's count, not the address's."""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock
from core.db.desk_models import DeskAccount, LoginThrottle
from core.db.engine import Database
from core.db.models import Staff
from core.enums import Role
from core.errors import Conflict, DomainError, InvalidInput, NotFound

MIN_PASSWORD = 8
MAX_PASSWORD = 200
MAX_USERNAME = 100
_HASHER = PasswordHasher()
# verified when the name is unknown, so a wrong name costs the same time as a wrong password
_DUMMY_HASH = _HASHER.hash("not a password anyone has")


class LoginRefused(DomainError):
    """Wrong name or password, or locked out (`locked_until` set)."""

    code = "login_refused"

    def __init__(self, message: str, *, locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.locked_until = locked_until


@dataclass(frozen=True)
class DeskUser:
    """Who is logged in: enough to render pages and to check, on every request, that the session
    still stands (the staff member active, the password not changed since)."""

    staff_id: int
    name: str
    role: Role
    username: str
    epoch: str  # changes with every new password (its salt): sessions from before it are void


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"密码至少{MIN_PASSWORD}位")
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(f"密码最多{MAX_PASSWORD}位")
    if password.strip() != password:
        raise InvalidInput("密码首尾不能有空格")
    return password


class Accounts:
    def __init__(self, db: Database, clock: Clock, *, max_failures: int = 5,
                 lockout: timedelta = timedelta(minutes=15)) -> None:
        self.db, self.clock = db, clock
        self.max_failures, self.lockout = max_failures, lockout

    # ---- passwords ------------------------------------------------------------------------------

    async def set_password(self, staff_id: int, password: str, *, username: str | None = None) -> DeskAccount:
        """Set (or reset) a staff member's desk password; the username defaults to their current one,
        or to their name the first time. Every session of theirs ends."""
        check_password(password)
        hashed = await asyncio.to_thread(_HASHER.hash, password)  # ~50 ms of CPU: off the event loop
        now = self.clock.now()
        async with self.db.transaction() as s:
            staff = await s.get(Staff, staff_id)
            if staff is None:
                raise NotFound(f"没有工作人员 #{staff_id}")
            account = await s.get(DeskAccount, staff_id)
            name = _clean_username(username or (account.username if account else staff.name))
            taken = (await s.execute(select(DeskAccount.staff_id).where(
                DeskAccount.username == name, DeskAccount.staff_id != staff_id))).scalar_one_or_none()
            if taken is not None:
                raise Conflict(f"用户名 {name} 已被工作人员#{taken} 使用，请用 --username 另取一个")
            if account is None:
                account = DeskAccount(staff_id=staff_id, username=name, password_hash=hashed, password_set_at=now)
                s.add(account)
            account.username, account.password_hash, account.password_set_at = name, hashed, now
            await s.execute(delete(LoginThrottle).where(LoginThrottle.key == _account_key(name)))
        return account

    async def user(self, staff_id: int) -> DeskUser | None:
        """The logged-in user as stored now, or None when the account or the staff member is gone."""
        async with self.db.transaction() as s:
            row = (await s.execute(select(Staff, DeskAccount).join(DeskAccount, DeskAccount.staff_id == Staff.id)
                                   .where(Staff.id == staff_id))).one_or_none()
        if row is None or not row[0].active:
            return None
        staff, account = row
        return DeskUser(staff.id, staff.name, Role(staff.role), account.username, _epoch(account.password_hash))

    async def usernames(self) -> dict[int, str]:
        async with self.db.transaction() as s:
            return {r.staff_id: r.username for r in (await s.execute(
                select(DeskAccount.staff_id, DeskAccount.username)))}

    # ---- logging in -----------------------------------------------------------------------------

    async def login(self, username: str, password: str, address: str) -> DeskUser:
        username = username.strip()[:MAX_USERNAME]
        keys = [_account_key(username), _address_key(address)]
        now = self.clock.now()
        async with self.db.transaction() as s:
            locked = await self._locked_until(s, keys, now)
        if locked is not None:
            raise LoginRefused(_locked_message(locked, now), locked_until=locked)
        async with self.db.transaction() as s:
            row = (await s.execute(select(DeskAccount, Staff).join(Staff, Staff.id == DeskAccount.staff_id)
                                   .where(DeskAccount.username == username))).one_or_none()
        stored = row[0].password_hash if row is not None else _DUMMY_HASH
        ok = await asyncio.to_thread(_verify, stored, password[:MAX_PASSWORD]) and row is not None
        if not ok or row is None or not row[1].active:
            locked = await self._fail(keys)
            if locked is not None:
                raise LoginRefused(_locked_message(locked, now), locked_until=locked)
            raise LoginRefused("用户名或密码不正确")
        account, staff = row
        rehash = _HASHER.check_needs_rehash(account.password_hash)
        new_hash = await asyncio.to_thread(_HASHER.hash, password) if rehash else None
        async with self.db.transaction() as s:
            stored_account = await s.get(DeskAccount, account.staff_id)
            assert stored_account is not None
            stored_account.last_login_at = now
            if new_hash is not None:
                stored_account.password_hash = new_hash
            await s.execute(delete(LoginThrottle).where(LoginThrottle.key == keys[0]))
        return DeskUser(staff.id, staff.name, Role(staff.role), account.username,
                        _epoch(new_hash or account.password_hash))

    async def _locked_until(self, s: AsyncSession, keys: list[str], now: datetime) -> datetime | None:
        rows = (await s.execute(select(LoginThrottle.locked_until).where(
            LoginThrottle.key.in_(keys), LoginThrottle.locked_until > now))).scalars()
        return max((r for r in rows if r is not None), default=None)

    async def _fail(self, keys: list[str]) -> datetime | None:
        """Count a failure against each key; returns the lock's end if this failure set one."""
        now = self.clock.now()
        locked: datetime | None = None
        async with self.db.transaction() as s:
            for key in keys:
                row = (await s.execute(select(LoginThrottle).where(LoginThrottle.key == key)
                                       .with_for_update())).scalar_one_or_none()
                if row is None:
                    row = LoginThrottle(key=key, failures=0, window_start=now)
                    s.add(row)
                if row.window_start <= now - self.lockout:  # an old window: start counting again
                    row.failures, row.window_start, row.locked_until = 0, now, None
                row.failures += 1
                if row.failures >= self.max_failures:
                    row.locked_until = now + self.lockout
                    row.failures, row.window_start = 0, now
                    locked = max(locked or row.locked_until, row.locked_until)
        return locked


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _epoch(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def _clean_username(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_USERNAME or any(ch.isspace() for ch in name):
        raise InvalidInput(f"用户名不能为空、不能含空格，最长{MAX_USERNAME}个字符")
    return name


def _account_key(username: str) -> str:
    return f"account:{username}"[:200]


def _address_key(address: str) -> str:
    return f"address:{address}"[:200]


def _locked_message(until: datetime, now: datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return f"登录失败次数过多，已暂时锁定，请{minutes}分钟后再试"
