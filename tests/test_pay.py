"""Reading pay in job ads: amounts, ranges, currencies, periods, net/gross, the country, and the
comparison with the sourced minimum wage (the shipped content/reference_pay.yaml)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.errors import ContentError
from bot.job_rules import load_job_rules, load_pay_rules
from flows.jobcheck import analyse, detect_language, normalise
from flows.pay import PayRules, read_pay, to_number, unrealistic
from tests.conftest import CONTENT


@pytest.fixture(scope="module")
def pay() -> PayRules:
    rules = load_pay_rules(CONTENT)
    assert rules is not None
    return rules


def reading(text: str, pay: PayRules, country: str | None = None) -> tuple[object, ...]:
    norm = normalise(text)
    (r,) = read_pay(norm, pay, country, detect_language(norm, load_job_rules(CONTENT)))
    return (r.amount, r.currency, r.period, r.net, r.country)


def test_a_language_names_the_likely_country_and_euros_alone_fall_back(pay: PayRules) -> None:
    assert reading("Earn €150-€400 per day", pay)[-1] == pay.fallback["EUR"]


@pytest.mark.parametrize(
    ("raw", "value"),
    [("3500", 3500), ("3 500", 3500), ("3,000", 3000), ("3.000,00", 3000), ("14,50", 14.5),
     ("27", 27), ("2k", 2000), ("5 тис.", 5000), ("1\u00a0200", 1200)],
)  # fmt: skip
def test_numbers_as_ads_write_them(raw: str, value: float) -> None:
    assert to_number(raw) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27 zł/h brutto", (27, "PLN", "hour", False, "PL")),
        ("Посудомийка в Німеччині, 3500 € на руки", (3500, "EUR", "month", True, "DE")),
        ("від 500 до 3000 грн на день", (3000, "UAH", "day", False, "UA")),
        ("Earn €150-€400 per day", (400, "EUR", "day", False, "ES")),
        ("от 1000 € в неделю, Варшава", (1000, "EUR", "week", False, "PL")),
        ("Lavapiatti in Germania 5000 € netti al mese", (5000, "EUR", "month", True, "DE")),
        ("Ajutor bucătar, 4500 € net pe lună, București", (4500, "EUR", "month", True, "RO")),
        ("ταβέρνα στη Νάξο, 950 € καθαρά, 1 ρεπό την εβδομάδα", (950, "EUR", "month", True, "GR")),
    ],
)
def test_amount_currency_period_net_and_country(
    text: str, expected: tuple[object, ...], pay: PayRules
) -> None:
    assert reading(text, pay) == expected


def test_the_country_the_ad_names_wins_then_the_person_then_the_currency(pay: PayRules) -> None:
    assert reading("Склад, 3000 € на місяць", pay, country="PL")[-1] == "PL"
    assert reading("Склад у Німеччині, 3000 € на місяць", pay, country="PL")[-1] == "DE"
    assert reading("Склад, 6000 zł на місяць", pay, country="DE")[-1] == "PL"


@pytest.mark.parametrize(
    "text",
    [
        "3,000 € a month for a dishwasher, no experience",
        "🔥 ПОСУДОМИЙКА В НІМЕЧЧИНІ 🔥 3500 € на руки, без досвіду і без мови!",
        "Pomocnik na budowę w Czechach 6000 € miesięcznie, bez doświadczenia",
        "Ставте лайки та отримуйте від 500 до 3000 грн на день!",
        "Hostessen in Hamburg gesucht, Verdienst ab 5000 € im Monat",
    ],
)
def test_pay_far_above_the_minimum_is_unrealistic(text: str, pay: PayRules) -> None:
    assert unrealistic(normalise(text), pay) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Magazyn w Poznaniu, 27 zł/h brutto, umowa o pracę",
        "Kommissionierer in Leipzig, 14,50 €/Std. brutto, 40 Stunden",
        "Operator CNC, Wrocław, 9000 zł brutto miesięcznie, doświadczenie wymagane",
        "Senior software engineer in Berlin, 6,500 € gross a month",
        "Готель на Криті шукає покоївок, 850 € нетто + проживання",
        "Оплата за оформлення 150 €",  # a fee, not pay: far below any minimum
    ],
)
def test_ordinary_pay_is_not(text: str, pay: PayRules) -> None:
    assert unrealistic(normalise(text), pay) is None


def test_the_sign_quotes_the_pay_and_the_check_uses_the_persons_country() -> None:
    rules = load_job_rules(CONTENT)
    lure = "Склад, 2400 € на місяць, без досвіду"
    in_poland = analyse(lure, rules, country="PL")
    assert [f.sign for f in in_poland.findings] == ["unrealistic_pay"]
    assert in_poland.findings[0].evidence.startswith("2400 €")
    assert analyse(lure, rules, country="DE").findings == ()


def test_a_minimum_wage_without_a_source_is_refused(tmp_path: Path) -> None:
    shutil.copy(CONTENT / "pay_words.yaml", tmp_path)
    (tmp_path / "reference_pay.yaml").write_text(
        "countries:\n  PL: {currency: EUR, monthly: 1000}\n", encoding="utf-8"
    )
    with pytest.raises(ContentError, match="source"):
        load_pay_rules(tmp_path)


def test_every_shipped_minimum_wage_has_a_source_and_a_date() -> None:
    import yaml

    data = yaml.safe_load((CONTENT / "reference_pay.yaml").read_text(encoding="utf-8"))
    for code, entry in data["countries"].items():
        if entry.get("monthly") or entry.get("hourly"):
            assert str(entry.get("source", "")).startswith("http"), code
            assert entry.get("applies_from"), code
    for code, entry in data["currencies"].items():
        assert str(entry.get("source", "")).startswith("http"), code
