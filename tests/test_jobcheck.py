"""The job-offer analyzer (first cut): signs with evidence, negation, normalisation, the CLI.

The labelled evaluation set and `movesafe bench jobcheck` come with the rest of issue 5."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.job_rules import FIXED_SIGNS, load_job_rules
from flows.jobcheck import Rules, analyse, normalise
from tests.conftest import CONTENT


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_job_rules(CONTENT)


def signs(text: str, rules: Rules) -> set[str]:
    return {f.sign for f in analyse(text, rules).findings}


def test_every_fixed_sign_has_rules(rules: Rules) -> None:
    assert {s.id for s in rules.signs} >= set(FIXED_SIGNS)


def test_a_typical_lure_is_high_risk_with_evidence(rules: Rules) -> None:
    text = (
        "Потрібні дівчата 18-25 для роботи хостес у Польщі! Оплата за оформлення документів "
        "300 євро. Виїзд завтра, пишіть тільки в телеграм @job_example"
    )
    result = analyse(text, rules)
    assert result.risk == "high"
    assert result.language == "uk"
    found = {f.sign: f.evidence for f in result.findings}
    assert found["recruitment_fee"] == "оплата за оформлення документів"
    assert {"intimate_services_risk", "urgency_pressure", "messenger_only_contact"} <= set(found)


def test_reassurances_are_not_signs(rules: Rules) -> None:
    text = (
        "We never charge candidates any fee. Your documents stay with you. "
        "Contract in Ukrainian signed before departure. 27 zł/h brutto."
    )
    assert analyse(text, rules).findings == ()
    assert signs("Ми не беремо жодної оплати за працевлаштування.", rules) == set()
    assert signs("Nie pobieramy żadnych opłat za rekrutację.", rules) == set()


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Please leave your passport with us for the season.", "document_retention"),
        ("Паспорт залишаєте у роботодавця на весь сезон.", "document_retention"),
        ("Билет оплатим, потом отработаете с первой зарплаты.", "travel_debt"),
        ("Umowa po przyjeździe, praca od zaraz.", "no_written_contract"),
        ("Работа без выходных, 14 часов в день.", "excessive_hours"),
    ],
)
def test_single_quiet_signs(text: str, sign: str, rules: Rules) -> None:
    assert sign in signs(text, rules)


def test_zero_width_and_look_alike_letters_do_not_hide_a_sign(rules: Rules) -> None:
    hidden = "Залиште п\u200bаспорт у нас"  # zero-width space inside the word
    assert "document_retention" in signs(hidden, rules)
    latin_a = "Залиште пaспорт у нас"  # Latin "a" in a Cyrillic word
    assert normalise(latin_a) == "залиште паспорт у нас"
    assert "document_retention" in signs(latin_a, rules)


def test_latin_transliteration_is_read(rules: Rules) -> None:
    text = "rabota v Polshe, oplata za oformlenie 200 euro, dogovor na meste"
    assert {"recruitment_fee", "no_written_contract"} <= signs(text, rules)


def test_a_word_inside_another_word_is_not_a_match(rules: Rules) -> None:
    assert "recruitment_fee" not in signs("Житло безплатно, харчування теж.", rules)


def test_cli_json_and_jsonl() -> None:
    one = subprocess.run(
        [sys.executable, "-m", "bot", "check-job", "--json"],
        input="Registration fee 150 EUR, leave your passport with the coordinator.",
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result = json.loads(one.stdout)
    assert set(result) == {"risk", "score", "language", "signs"}
    assert result["risk"] == "high" and 0 <= result["score"] <= 1
    assert {"recruitment_fee", "document_retention"} <= {s["id"] for s in result["signs"]}
    lines = "\n".join(
        json.dumps({"id": i, "text": t})
        for i, t in [("a", "Без досвіду, виїзд завтра!"), ("b", "Normal job, contract first.")]
    )
    many = subprocess.run(
        [sys.executable, "-m", "bot", "check-job", "--jsonl"],
        input=lines, capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = [json.loads(line) for line in many.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert out[0]["signs"] and out[1]["signs"] == []


def test_cli_explains_in_the_chosen_language() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bot", "check-job", "--lang", "ru"],
        input="Оплата за оформление визы 200 евро.", capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.startswith("🔴 Высокий риск.")
    assert "Просят заплатить" in out
