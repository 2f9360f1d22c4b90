"""How numbers are shown on Help now: dialable from a foreign SIM where that works."""

from __future__ import annotations

import pytest

from bot.content import display_phone


@pytest.mark.parametrize(
    ("number", "country", "abroad", "shown"),
    [
        ("22 628 01 20", "PL", False, "+48 22 628 01 20"),  # geographic: works from any SIM
        ("0800 800 678", "RO", False, "0800 800 678"),  # free-phone: inside the country only
        ("08000 121 700", "GB", False, "08000 121 700"),  # as the operator prints it
        ("+421 800 800 818", "SK", True, "+421 800 800 818"),  # the from-abroad line
        ("112", "DE", False, "112"),
        ("116 016", "DE", False, "116 016"),
    ],
)
def test_display(number: str, country: str, abroad: bool, shown: str) -> None:
    assert display_phone(number, country, abroad) == shown
