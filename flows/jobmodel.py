"""A learned second reading of a job offer, behind the rules of ``flows.jobcheck``.

The rules find the phrasings an analyst wrote down; new wordings of the same sign slip past
them ("you go to town with the foreman on Sundays"). This reading is one logistic regression
per sign over the words, word pairs and letter groups of the ad (tf-idf), trained with
scikit-learn on the labelled offers of ``tests/data/job_offers.jsonl`` that are marked for
tuning (never the held-out part) by ``python -m bot.jobmodel_train``, and shipped as data
(``content/job_model.json.gz``). Here it is read without scikit-learn: the features are those of
``BLOCKS`` (the functions the training used), the rest is a dot product.

It adds a sign the rules missed when its probability reaches ``threshold`` and one sentence
carries it (adds ``min_weight`` or more to its log-odds on its own, so the quote explains the
sign rather than the ad's general look), quoting that sentence. It takes back a medium or low
sign the rules found when the probability is under ``veto`` (an ad that only looks like one).
Severe signs found by the rules always stay. It reads only ads in the languages it was trained
on and of ``min_words`` words or more (alone, a line such as "Normal job, contract first." is
too little for it: the rules read those). It never adds ``unrealistic_pay``: pay is read and
compared with minimum wages, not guessed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

CHAR_SIZES = (3, 4, 5)  # letter groups, inside a word with a space either side (" pas", "asp")
WORD_TOKEN = re.compile(r"\w+")
# A sentence (or a line) of the ad: features never join words of two sentences.
SENTENCE = re.compile(r"[^\n!?;.]+(?:\.\d[^\n!?;.]*)*")
WORD_CACHE_SIZE = 50_000  # words whose columns are kept (ads repeat their words)


def char_grams(word: str) -> list[str]:
    padded = f" {word} "
    n = len(padded)
    return [padded[i : i + size] for size in CHAR_SIZES for i in range(n - size + 1)]


def word_features(sentence: str) -> list[str]:
    """A sentence's words and neighbouring word pairs."""
    words = WORD_TOKEN.findall(sentence)
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def letter_features(sentence: str) -> list[str]:
    """A sentence's letter groups."""
    out: list[str] = []
    for w in WORD_TOKEN.findall(sentence):
        out += char_grams(w)
    return out


BLOCKS = (word_features, letter_features)  # each block of features is normalised on its own


def sentences(folded: str) -> Iterator[tuple[int, int]]:
    """Where the sentences of the (normalised, folded) ad are."""
    for m in SENTENCE.finditer(folded):
        if WORD_TOKEN.search(m.group()):
            yield m.span()


def block_features(block: int) -> Callable[[str], list[str]]:
    """The features of one block of an ad, as the training counts them (its ``analyzer``)."""
    of_sentence = BLOCKS[block]

    def analyzer(folded: str) -> list[str]:
        out: list[str] = []
        for start, end in sentences(folded):
            out += of_sentence(folded[start:end])
        return out

    return analyzer


@dataclass(frozen=True)
class SignReading:
    probability: float
    span: tuple[int, int] | None  # the sentence (in the folded text) that weighs most for it
    weight: float = 0.0  # what that sentence adds to the sign's log-odds


@dataclass(frozen=True)
class Model:
    signs: tuple[str, ...]
    columns: tuple[Mapping[str, int], ...]  # by block: feature -> column
    block_of: np.ndarray  # (features,): each column's block
    idf: np.ndarray  # (features,)
    weights: np.ndarray  # (features, signs)
    intercept: np.ndarray  # (signs,)
    threshold: float  # a sign the rules missed is added from this probability
    veto: float  # a medium or low sign the rules found is dropped under this probability
    languages: frozenset[str]  # the languages it was trained on (the only ones it reads)
    min_words: int  # it reads ads of this many words or more (it learned from whole ads)
    min_weight: float  # an added sign's sentence must add this much to its log-odds itself
    trained_on: Mapping[str, object]  # offers, their digest, settings: see ``bot.jobmodel_train``
    # each word's own column and its letter groups' columns, as words are seen (ads repeat their
    # words), bounded
    word_columns: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    # neighbouring word pairs by the two words (no string to build for each pair of an ad)
    pair_columns: dict[tuple[str, str], int] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        for feature, column in self.columns[0].items():
            first, space, second = feature.partition(" ")
            if space:
                self.pair_columns[(first, second)] = column

    def _word(self, word: str) -> tuple[int, ...]:
        """The word's own column, if it has one, and its letter groups' columns."""
        own = self.columns[0].get(word)
        get = self.columns[1].get
        known = tuple(c for g in char_grams(word) if (c := get(g)) is not None)
        if own is not None:
            known = (own, *known)
        if len(self.word_columns) >= WORD_CACHE_SIZE:
            self.word_columns.clear()
        self.word_columns[word] = known
        return known

    def reads(self, folded: str, language: str) -> bool:
        """Whether the ad is one it can read: in a language it learned, long enough."""
        if language not in self.languages:
            return False
        return any(n >= self.min_words for n, _ in enumerate(WORD_TOKEN.finditer(folded), 1))

    def read(self, folded: str) -> dict[str, SignReading]:
        """Each sign's probability, and the sentence that weighs most for it."""
        spans: list[tuple[int, int]] = []
        cols: list[int] = []
        starts: list[int] = []
        known_words = self.word_columns
        pair_column = self.pair_columns.get
        for start, end in sentences(folded):
            words = WORD_TOKEN.findall(folded, start, end)
            found: list[int] = []
            for word in words:
                known = known_words.get(word)
                if known is None:
                    known = self._word(word)
                found += known
            found += [c for pair in pairwise(words) if (c := pair_column(pair)) is not None]
            if found:
                spans.append((start, end))
                starts.append(len(cols))
                cols += found
        if not cols:
            return {
                s: SignReading(_sigmoid(float(b)), None)
                for s, b in zip(self.signs, self.intercept, strict=True)
            }
        column = np.fromiter(cols, dtype=np.intp, count=len(cols))
        count = np.bincount(column, minlength=len(self.idf))[column]  # of its feature, each
        value = (1.0 + np.log(count)) * self.idf[column]  # its feature's sublinear tf × idf
        block = self.block_of[column]
        # l2, each block on its own: a feature's square counted once (1/count per occurrence)
        norms = np.sqrt(np.bincount(block, weights=value * value / count, minlength=len(BLOCKS)))
        # each occurrence carries its share of its feature's value: sentences add up to the ad
        share = value / (count * norms[block])
        # (np.take and float32, as the weights: half the time of indexing and upcasting)
        per_occurrence = np.take(self.weights, column, axis=0) * share.astype(np.float32)[:, None]
        by_sentence = np.add.reduceat(per_occurrence, np.asarray(starts, dtype=np.intp), axis=0)
        logits = by_sentence.sum(axis=0) + self.intercept
        best = by_sentence.argmax(axis=0)
        return {
            sign: SignReading(
                _sigmoid(float(logits[k])), spans[int(best[k])], float(by_sentence[best[k], k])
            )
            for k, sign in enumerate(self.signs)
        }


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def from_json(data: Mapping[str, object]) -> Model:
    """The model as ``bot.jobmodel_train`` wrote it (``bot.job_rules`` reads the file)."""
    signs = tuple(str(s) for s in _seq(data["signs"]))
    names = [[str(f) for f in _seq(block)] for block in _seq(data["features"])]
    if len(names) != len(BLOCKS):
        raise ValueError(f"{len(names)} blocks of features, not {len(BLOCKS)}")
    columns: list[dict[str, int]] = []
    block_of: list[int] = []
    for block, block_names in enumerate(names):
        columns.append({name: len(block_of) + i for i, name in enumerate(block_names)})
        block_of += [block] * len(block_names)
    scale = float(str(data["scale"]))
    weights = np.asarray(data["weights"], dtype=np.float64).T / scale  # stored sign by sign
    if weights.shape != (len(block_of), len(signs)):
        raise ValueError(f"weights are {weights.shape}, not {len(block_of)} × {len(signs)}")
    return Model(
        signs=signs,
        columns=tuple(columns),
        block_of=np.asarray(block_of, dtype=np.intp),
        idf=np.asarray(data["idf"], dtype=np.float64),
        weights=np.ascontiguousarray(weights, dtype=np.float32),  # half the memory to read
        intercept=np.asarray(data["intercept"], dtype=np.float64),
        threshold=float(str(data["threshold"])),
        veto=float(str(data["veto"])),
        languages=frozenset(str(s) for s in _seq(data["languages"])),
        min_words=int(str(data["min_words"])),
        min_weight=float(str(data["min_weight"])),
        trained_on=dict(data["trained_on"]) if isinstance(data["trained_on"], Mapping) else {},
    )


def _seq(value: object) -> Sequence[object]:
    if not isinstance(value, list):
        raise ValueError("expected a list")
    return value
