"""``movesafe bench jobcheck``: how well and how fast the job-offer analyzer works.

Reads labelled offers (``tests/data/job_offers.jsonl``: id, lang, text, risky, signs, split) and
prints, for the tuning part and the held-out part separately: precision, recall and
false-positive rate of "risky" (an offer is flagged when its risk is ``high``), the same with
the rules alone and what the learned reading added and took back, the same per language, and
recall and false alarms per sign. Then the time per offer (median, p99; of the fastest of
``--repeat`` passes), the same for offers padded to 1,000 characters, and the wall time of
``movesafe check-job --jsonl`` on 10,000 offers.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.bench import percentile
from bot.errors import ContentError
from bot.job_rules import load_job_rules
from flows.jobcheck import Analysis, Rules, analyse

DEFAULT_DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "job_offers.jsonl"
SPLITS = ("tune", "heldout")


@dataclass(frozen=True)
class Offer:
    id: str
    lang: str
    text: str
    risky: bool
    signs: frozenset[str]
    split: str


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, truth: bool, flagged: bool) -> None:
        if truth and flagged:
            self.tp += 1
        elif truth:
            self.fn += 1
        elif flagged:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    def row(self, name: str) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.2f}" if b else "  - "

        return (
            f"  {name:<24} {self.n:>4}  precision {ratio(self.tp, self.tp + self.fp)}"
            f"  recall {ratio(self.tp, self.tp + self.fn)}"
            f"  FPR {ratio(self.fp, self.fp + self.tn)}"
        )


@dataclass
class SignCounts:
    labelled: int = 0
    found: int = 0  # found where labelled
    false_alarms: int = 0  # found where not labelled

    def row(self, name: str) -> str:
        recall = f"{self.found / self.labelled:.2f}" if self.labelled else "  - "
        return (
            f"  {name:<24} {self.labelled:>4}  recall {recall}"
            f"  found {self.found:>3}  false alarms {self.false_alarms:>3}"
        )


@dataclass
class Learned:
    """What the learned reading changed: signs it added and signs it took back, each counted as
    right (added where labelled, taken back where not) or wrong."""

    added_right: int = 0
    added_wrong: int = 0
    taken_right: int = 0
    taken_wrong: int = 0

    def add(self, labelled: frozenset[str], found: set[str], by_rules: set[str]) -> None:
        for sign in found - by_rules:
            if sign in labelled:
                self.added_right += 1
            else:
                self.added_wrong += 1
        for sign in by_rules - found:
            if sign in labelled:
                self.taken_wrong += 1
            else:
                self.taken_right += 1

    def row(self) -> str:
        return (
            f"  learned model: added {self.added_right + self.added_wrong} signs"
            f" ({self.added_right} labelled), took back {self.taken_right + self.taken_wrong}"
            f" ({self.taken_right} not labelled)"
        )


@dataclass
class Report:
    overall: Counts = field(default_factory=Counts)
    rules_alone: Counts = field(default_factory=Counts)  # without the learned reading, if any
    learned: Learned = field(default_factory=Learned)
    languages: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    signs: dict[str, SignCounts] = field(default_factory=lambda: defaultdict(SignCounts))
    misses: list[str] = field(default_factory=list)


def load_offers(path: Path) -> list[Offer]:
    if not path.exists():
        raise ContentError(f"{path}: no labelled offers (run from a source checkout or --data)")
    offers = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                offers.append(
                    Offer(
                        str(item["id"]),
                        str(item["lang"]),
                        str(item["text"]),
                        bool(item["risky"]),
                        frozenset(item["signs"]),
                        str(item["split"]),
                    )
                )
            except (ValueError, KeyError, TypeError):
                raise ContentError(f"{path} line {number}: not a labelled offer") from None
    return offers


def flagged(result: Analysis) -> bool:
    return result.risk == "high"


def measure(offers: Iterable[Offer], rules: Rules) -> Report:
    report = Report()
    bare = replace(rules, model=None) if rules.model is not None else None
    for offer in offers:
        result = analyse(offer.text, rules)
        hit = flagged(result)
        report.overall.add(offer.risky, hit)
        report.languages[offer.lang].add(offer.risky, hit)
        found = {f.sign for f in result.findings}
        if bare is not None:
            alone = analyse(offer.text, bare)
            report.rules_alone.add(offer.risky, flagged(alone))
            report.learned.add(offer.signs, found, {f.sign for f in alone.findings})
        for sign in offer.signs | found:
            counts = report.signs[sign]
            if sign in offer.signs:
                counts.labelled += 1
                counts.found += sign in found
            else:
                counts.false_alarms += 1
        if hit != offer.risky or found != offer.signs:
            missed = ",".join(sorted(offer.signs - found)) or "-"
            extra = ",".join(sorted(found - offer.signs)) or "-"
            verdict = "ok" if hit == offer.risky else ("FN" if offer.risky else "FP")
            report.misses.append(
                f"  {offer.id:<10} {verdict:<2} risk {result.risk:<6}"
                f" missed {missed}  extra {extra}"
            )
    return report


def quality(report: Report, title: str, show_misses: bool) -> list[str]:
    lines = [f"{title}", report.overall.row("all offers")]
    if report.rules_alone.n:  # the content has a learned reading
        lines += [report.rules_alone.row("rules alone"), report.learned.row()]
    lines.append(" by language:")
    lines += [report.languages[lang].row(lang) for lang in sorted(report.languages)]
    lines.append(" by sign (labelled offers, found; found where not labelled):")
    lines += [report.signs[sign].row(sign) for sign in sorted(report.signs)]
    if show_misses:
        lines.append(" differences from the labels:")
        lines += report.misses or ["  none"]
    return lines


def timings(offers: Sequence[Offer], rules: Rules, repeat: int) -> list[str]:
    """Median and p99 time per offer, of the fastest of ``repeat`` passes (another process on
    the machine can only slow a pass down), with the slowest pass's median beside it."""

    def passes(texts: Sequence[str]) -> list[list[float]]:
        out = []
        for _ in range(max(1, repeat)):
            times = []
            for text in texts:
                started = time.perf_counter()
                analyse(text, rules)
                times.append((time.perf_counter() - started) * 1000)
            out.append(sorted(times))
        return out

    def row(name: str, runs: list[list[float]]) -> str:
        medians = [statistics.median(r) for r in runs]
        best = runs[medians.index(min(medians))]
        return (
            f"  {name}  median {min(medians):.2f} ms  p99 {percentile(best, 99):.2f} ms"
            f"  (fastest of {len(runs)} passes; slowest pass's median {max(medians):.2f} ms)"
        )

    texts = [o.text for o in offers]
    padded = [pad(o.text, offers[(i * 7 + 3) % len(offers)].text) for i, o in enumerate(offers)]
    return [
        "time per offer:",
        row(f"dataset offers (mean {statistics.fmean(map(len, texts)):.0f} chars)", passes(texts)),
        row("1,000-character offers", passes(padded)),
    ]


def pad(text: str, other: str) -> str:
    """A 1,000-character offer: the text followed by another offer's text, repeated."""
    while len(text) < 1000:
        text += "\n" + other
    return text[:1000]


def cli_throughput(offers: Sequence[Offer], count: int) -> str:
    """Wall time of ``movesafe check-job --jsonl`` (a subprocess, start-up included)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "offers.jsonl"
        with source.open("w", encoding="utf-8") as f:
            for i in range(count):
                text = offers[i % len(offers)].text
                f.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
        started = time.perf_counter()
        done = subprocess.run(  # noqa: S603 - our own interpreter and a file we wrote
            [sys.executable, "-m", "bot", "check-job", "--jsonl", str(source)],
            capture_output=True,
            check=True,
        )
        elapsed = time.perf_counter() - started
    lines = done.stdout.count(b"\n")
    return (
        f"check-job --jsonl: {lines:,} offers in {elapsed:.1f} s"
        f" ({lines / elapsed:,.0f} offers/s, start-up included)"
    )


def run(
    content_dir: Path, data: Path, split: str, show_misses: bool, repeat: int, cli_offers: int
) -> str:
    rules = load_job_rules(content_dir)
    offers = load_offers(data)
    splits = SPLITS if split == "both" else (split,)
    lines = [f"job-offer check on {data.name}: flagged = risk high; risky as labelled", ""]
    for name in splits:
        part = [o for o in offers if o.split == name]
        title = (
            f"{name} ({len(part)} offers{', never used for tuning' if name == 'heldout' else ''})"
        )
        lines += quality(measure(part, rules), title, show_misses)
        lines.append("")
    lines += timings(offers, rules, repeat)
    if cli_offers:
        lines.append(cli_throughput(offers, cli_offers))
    return "\n".join(lines)
