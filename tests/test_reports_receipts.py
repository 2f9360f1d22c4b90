"""Receipt codes: random, typed back in any reasonable way, stored only as a slow hash."""

from __future__ import annotations

import time

import pytest

from bot.reports.receipts import display, hash_code, new_code, normalise, salt_from_secret

CODE = "1234567890123456"


def test_a_code_is_16_random_digits() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 16 and c.isascii() and c.isdigit() for c in codes)
    assert len({c[0] for c in codes}) > 5  # leading zeros are kept, not dropped


@pytest.mark.parametrize(
    "typed",
    [
        CODE,
        "1234 5678 9012 3456",
        " 1234-5678-9012-3456 ",
        "1234–5678—9012.3456",
        "1234\u00a05678\u00a09012\u00a03456",
        "１２３４５６７８９０１２３４５６",  # full-width digits from a phone keyboard
        "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦",  # Arabic-Indic digits
    ],
)
def test_what_a_person_types_is_normalised(typed: str) -> None:
    assert normalise(typed) == CODE


@pytest.mark.parametrize(
    "typed", ["", "123456789012345", "12345678901234567", "1234 5678 9012 345x", "abcd" * 4]
)
def test_anything_else_is_not_a_code(typed: str) -> None:
    assert normalise(typed) is None


def test_display_groups_by_four() -> None:
    assert display(CODE) == "1234 5678 9012 3456"
    assert normalise(display(CODE)) == CODE


def test_the_hash_is_deterministic_per_secret_and_slow() -> None:
    salt = salt_from_secret("one secret")
    assert len(salt) == 16
    started = time.perf_counter()
    digest = hash_code(CODE, salt)
    took = time.perf_counter() - started
    assert len(digest) == 32
    assert hash_code(CODE, salt) == digest
    assert hash_code("1234567890123457", salt) != digest
    assert hash_code(CODE, salt_from_secret("another secret")) != digest
    assert CODE.encode() not in digest
    # Argon2id at 64 MiB takes tens of milliseconds anywhere; a fast hash takes microseconds.
    assert took > 0.01
