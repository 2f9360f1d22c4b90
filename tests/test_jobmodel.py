"""The learned reading of job offers (flows/jobmodel.py) behind the rules: it reads as
scikit-learn does, the shipped model is trained on the current tuning offers only, and the way
it is combined with the rules (added signs quote the sentence that carries them, a near-zero
probability takes back a medium sign, never a severe one, never the pay sign; short ads and
other languages are left to the rules). Its accuracy is measured by `movesafe bench jobcheck`."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.bench_jobcheck import DEFAULT_DATA as DATA
from bot.bench_jobcheck import load_offers
from bot.errors import ContentError
from bot.job_rules import FIXED_SIGNS, MODEL_FILE, load_job_rules, load_model
from bot.jobmodel_train import digest, fit, train, tuning_offers
from flows.jobcheck import Rules, analyse, normalised
from flows.jobmodel import from_json
from tests.conftest import CONTENT

OFFERS = load_offers(DATA)


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_job_rules(CONTENT)


def test_reading_matches_scikit_learn() -> None:
    """Trained on part of the offers, the model as content gives the probabilities
    scikit-learn gives, on offers it did not see (weights are stored to 1/10,000)."""
    offers = [o for o in OFFERS if o.split == "tune"]
    seen, unseen = offers[::3], offers[1::7]
    fitted = fit(seen)
    model = from_json(json.loads(json.dumps(train(seen))))
    expected = fitted.probabilities([o.text for o in unseen])
    got = np.array(
        [
            [model.read(normalised(o.text).folded)[s].probability for s in FIXED_SIGNS]
            for o in unseen
        ]
    )
    assert got.shape == expected.shape == (len(unseen), len(FIXED_SIGNS))
    assert np.abs(got - expected).max() < 2e-3
    assert (got > 0.5).sum() > 50  # the comparison covers confident readings too


def test_the_shipped_model_is_trained_on_the_current_tuning_offers() -> None:
    model = load_model(CONTENT / MODEL_FILE)
    offers = tuning_offers(DATA)
    assert model.trained_on["offers"] == len(offers)
    assert model.trained_on["sha256"] == digest(offers), "retrain: python -m bot.jobmodel_train"
    assert model.signs == FIXED_SIGNS
    assert model.languages == {o.lang for o in OFFERS}


def test_training_never_reads_held_out_offers(tmp_path: Path) -> None:
    data = tmp_path / "offers.jsonl"
    offer = {"lang": "en", "text": "Packing job.", "risky": False, "signs": []}
    rows = [{**offer, "id": "a", "split": "tune"}, {**offer, "id": "b", "split": "heldout"}]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert [o.id for o in tuning_offers(data)] == ["a"]


# --- combined with the rules: a small model written by hand ---------------------------------

BASE = -4.0  # every sign's log-odds with no known feature: probability 0.018


def hand_model(words: dict[str, dict[str, float]], **reading: Any) -> dict[str, object]:
    """A model whose only features are whole words, each adding log-odds to some signs."""
    names = sorted(words)
    return {
        "signs": list(FIXED_SIGNS),
        "features": [names, []],
        "idf": [1.0] * len(names),
        "scale": 1,
        "weights": [[words[n].get(s, 0.0) for n in names] for s in FIXED_SIGNS],
        "intercept": [BASE] * len(FIXED_SIGNS),
        "languages": ["en"],
        "trained_on": {},
        **{"threshold": 0.6, "veto": 0.05, "min_words": 8, "min_weight": 1.0, **reading},
    }


def with_model(rules: Rules, data: dict[str, object]) -> Rules:
    return replace(rules, model=from_json(data))


AD = (
    "Apple picking near Example Town from May to July, {pay}. Accommodation in caravans. "
    "{middle} Apply at jobs@example.com."
)


def test_an_added_sign_quotes_the_sentence_that_carries_it(rules: Rules) -> None:
    text = AD.format(pay="12 pounds an hour", middle="Pickers are zorbled after work.")
    assert "movement_restriction" not in {f.sign for f in analyse(text, rules).findings}
    model = hand_model({"zorbled": {"movement_restriction": 12.0}})
    result = analyse(text, with_model(rules, model))
    (found,) = [f for f in result.findings if f.sign == "movement_restriction"]
    assert found.learned and found.evidence == "Pickers are zorbled after work"
    assert found.span is not None and text[found.span[0] : found.span[1]] == found.evidence
    assert result.risk == "high"  # a severe sign
    assert all(not f.learned for f in result.findings if f.sign != "movement_restriction")


def test_a_sign_spread_thinly_over_the_ad_is_not_added(rules: Rules) -> None:
    """Two words each weigh 1.2: together in one sentence they carry the sign (log-odds
    +1.7 there), in two sentences neither sentence does (+0.85 each), though the ad's
    probability is the same."""
    words = {"zorbled": {"excessive_hours": 1.2}, "blarg": {"excessive_hours": 1.2}}
    model = with_model(rules, hand_model(words, threshold=0.05))
    together = AD.format(pay="12 pounds an hour", middle="Shifts are zorbled and blarg.")
    apart = AD.format(pay="12 pounds an hour. Shifts are zorbled", middle="Also blarg.")
    assert "excessive_hours" in {f.sign for f in analyse(together, model).findings}
    assert "excessive_hours" not in {f.sign for f in analyse(apart, model).findings}
    folded = normalised(apart).folded
    assert model.model is not None
    assert model.model.read(folded)["excessive_hours"].probability > 0.05


def test_a_medium_sign_the_model_rules_out_is_taken_back_but_never_a_severe_one(
    rules: Rules,
) -> None:
    text = AD.format(
        pay="12 pounds an hour", middle="Urgent, start tomorrow! A registration fee of 200 EUR."
    )
    plain = {f.sign for f in analyse(text, rules).findings}
    assert {"urgency_pressure", "recruitment_fee"} <= plain
    sure_not = hand_model({"urgent": {"urgency_pressure": -30.0, "recruitment_fee": -30.0}})
    found = {f.sign for f in analyse(text, with_model(rules, sure_not)).findings}
    assert "urgency_pressure" not in found  # medium: taken back
    assert "recruitment_fee" in found  # severe: the rules quote its words, it stays


def test_the_model_never_adds_the_pay_sign(rules: Rules) -> None:
    text = AD.format(pay="12 pounds an hour", middle="Pickers are zorbled after work.")
    model = hand_model({"zorbled": {"unrealistic_pay": 12.0}})
    assert "unrealistic_pay" not in {
        f.sign for f in analyse(text, with_model(rules, model)).findings
    }


@pytest.mark.parametrize(
    "text",
    [
        "Pickers are zorbled after work.",  # too short: the rules read it alone
        "Zbiór jabłek pod Example, od maja do lipca. Zbieracze są zorbled po pracy, pisz.",  # pl
    ],
)
def test_short_ads_and_untrained_languages_are_left_to_the_rules(rules: Rules, text: str) -> None:
    model = with_model(rules, hand_model({"zorbled": {"movement_restriction": 12.0}}))
    assert analyse(text, model) == analyse(text, replace(rules, model=None))


def test_cli_marks_a_learned_sign_and_content_check_refuses_a_broken_model(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    subprocess.run(["cp", "-r", str(CONTENT), str(content)], check=True)
    model = hand_model({"zorbled": {"movement_restriction": 12.0}})
    with gzip.open(content / MODEL_FILE, "wt", encoding="utf-8") as f:
        json.dump(model, f)
    env = {**os.environ, "CONTENT_DIR": str(content)}
    text = AD.format(pay="12 pounds an hour", middle="Pickers are zorbled after work.")

    def check_job(*args: str) -> str:
        run = [sys.executable, "-m", "bot", "check-job", *args]
        done = subprocess.run(run, input=text, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    signs = json.loads(check_job("--json"))["signs"]
    assert {"id": "movement_restriction", "evidence": "Pickers are zorbled after work"} in signs
    readable = check_job("--lang", "en")
    assert "«Pickers are zorbled after work»" in readable
    assert "found by the learned model, not by a written rule" in readable
    assert readable.count("found by the learned model") == 1  # the rules' signs are not marked

    with gzip.open(content / MODEL_FILE, "wt", encoding="utf-8") as f:
        json.dump({**model, "signs": [*FIXED_SIGNS[:-1], "made_up_sign"]}, f)
    with pytest.raises(ContentError, match="made_up_sign"):
        load_job_rules(content)
    (content / MODEL_FILE).write_bytes(b"not gzip")
    with pytest.raises(ContentError, match="not a job-offer model"):
        load_job_rules(content)
    checked = subprocess.run(
        [sys.executable, "-m", "bot", "content", "check"], env=env, capture_output=True, text=True
    )
    assert checked.returncode != 0 and "job-offer model" in checked.stdout + checked.stderr
