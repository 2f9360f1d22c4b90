"""Train the learned reading of job offers (``flows.jobmodel``) and write it as content.

    python -m bot.jobmodel_train [--data OFFERS.jsonl] [--out content/job_model.json.gz]

Needs scikit-learn (``pip install -e '.[train]'``; the bot itself does not). Only the offers
marked ``"split": "tune"`` are read: the held-out part must stay unseen until it is measured.
Run it after any change to the labelled offers (a test checks the shipped model was trained on
the current ones), then ``movesafe bench jobcheck``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.bench_jobcheck import DEFAULT_DATA, Offer, load_offers
from bot.job_rules import FIXED_SIGNS
from flows.jobcheck import normalised
from flows.jobmodel import BLOCKS, block_features

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "job_model.json.gz"
# Chosen by simulating rotations of the held-out set (trained without v8, v9 or v10, measured on
# it, with the rules as they were then): see the README, "Check a job offer".
SETTINGS = {
    "max_features": 20_000,  # of each block
    "min_df": 2,
    "C": 8.0,
    "threshold": 0.6,
    "veto": 0.05,
    "min_words": 15,  # about the shortest 2% of the labelled ads are shorter
    "min_weight": 1.0,  # the quoted sentence must carry an added sign by itself
}
READING = ("threshold", "veto", "min_words", "min_weight")  # how it is read, not trained
SCALE = 10_000  # weights are stored as whole numbers of 1/SCALE


def tuning_offers(path: Path) -> list[Offer]:
    return [o for o in load_offers(path) if o.split == "tune"]


def digest(offers: list[Offer]) -> str:
    """What the model was trained on (id, language, text, signs), so a test can tell it is
    stale."""
    text = "\n".join(
        json.dumps([o.id, o.lang, o.text, sorted(o.signs)], ensure_ascii=False) for o in offers
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def folded(text: str) -> str:
    return normalised(text).folded


def fit(offers: list[Offer], settings: dict[str, float] = SETTINGS) -> Fitted:
    """The tf-idf of each block of features and one logistic regression per sign."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [folded(o.text) for o in offers]
    vectorizers = [
        TfidfVectorizer(
            analyzer=block_features(block),
            lowercase=False,
            min_df=int(settings["min_df"]),
            max_features=int(settings["max_features"]),
            sublinear_tf=True,
        )
        for block in range(len(BLOCKS))
    ]
    x = hstack([v.fit_transform(texts) for v in vectorizers]).tocsr()
    models = []
    for sign in FIXED_SIGNS:
        y = np.array([sign in o.signs for o in offers])
        model = LogisticRegression(C=settings["C"], class_weight="balanced", max_iter=5000)
        models.append(model.fit(x, y))
    return Fitted(vectorizers, models)


@dataclass
class Fitted:
    vectorizers: list[Any]  # scikit-learn TfidfVectorizer, one a block
    models: list[Any]  # scikit-learn LogisticRegression, one a sign (FIXED_SIGNS order)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """(texts, signs): as scikit-learn reads them (the reference for ``flows.jobmodel``)."""
        from scipy.sparse import hstack

        x = hstack([v.transform([folded(t) for t in texts]) for v in self.vectorizers]).tocsr()
        return np.column_stack([m.predict_proba(x)[:, 1] for m in self.models])


def train(offers: list[Offer], settings: dict[str, float] = SETTINGS) -> dict[str, object]:
    """The model as content (see ``flows.jobmodel.from_json``)."""
    fitted = fit(offers, settings)
    names = [[str(n) for n in v.get_feature_names_out()] for v in fitted.vectorizers]
    idf = np.concatenate([v.idf_ for v in fitted.vectorizers])
    weights = [[round(float(w) * SCALE) for w in m.coef_[0]] for m in fitted.models]
    intercept = [float(m.intercept_[0]) for m in fitted.models]
    return {
        "about": "flows/jobmodel.py: a logistic regression per sign (python -m bot.jobmodel_train)",
        "signs": list(FIXED_SIGNS),
        "features": names,
        "idf": [round(float(v), 6) for v in idf],
        "scale": SCALE,
        "weights": weights,
        "intercept": [round(v, 6) for v in intercept],
        "threshold": settings["threshold"],
        "veto": settings["veto"],
        "min_words": int(settings["min_words"]),
        "min_weight": settings["min_weight"],
        "languages": sorted({o.lang for o in offers}),
        "trained_on": {
            "offers": len(offers),
            "sha256": digest(offers),
            "settings": {k: v for k, v in settings.items() if k not in READING},
        },
    }


def write(model: dict[str, object], path: Path) -> None:
    body = json.dumps(model, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime 0: the same model gives the same bytes
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(body)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    offers = tuning_offers(args.data)
    model = train(offers)
    write(model, args.out)
    print(f"{args.out}: trained on {len(offers)} tuning offers")


if __name__ == "__main__":
    main()
