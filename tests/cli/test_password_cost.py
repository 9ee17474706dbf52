"""The tests hash desk passwords at argon2's lowest cost (tests/conftest.py): what a deployment uses
is checked here, so that the shortcut cannot hide a weak production setting."""

from __future__ import annotations

from argon2 import PasswordHasher, Type

from core.service import accounts


def test_production_hashes_are_argon2id_at_rfc_9106_cost(quick_password_hashes: PasswordHasher) -> None:
    strong = quick_password_hashes
    assert strong.type is Type.ID
    assert strong.time_cost >= 3 and strong.memory_cost >= 64 * 1024 and strong.parallelism >= 1
    assert strong.hash("correct-horse-42").startswith("$argon2id$")


def test_the_tests_hasher_is_the_same_algorithm() -> None:
    assert accounts._HASHER.type is Type.ID
    assert accounts._HASHER.verify(accounts._HASHER.hash("correct-horse-42"), "correct-horse-42")
    assert accounts._DUMMY_HASH.startswith("$argon2id$")
