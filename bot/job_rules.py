"""Load ``content/warning_signs.yaml`` into the analyzer's frozen rules (patterns compiled once)."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.content import need, read_yaml
from bot.errors import ContentError
from flows.guided import Question
from flows.jobcheck import (
    SEVERITY_WEIGHT,
    Negation,
    Rules,
    SignRule,
    combine,
    first_letters,
    fold,
    indexed,
    pattern_source,
)
from flows.jobmodel import Model, from_json
from flows.pay import PER_MONTH, CountryPay, PayRules, amount_pattern, places_pattern

MODEL_FILE = "job_model.json.gz"
# The ids DESIGN.md §5 fixes: the content may add signs, never rename these.
FIXED_SIGNS = (
    "recruitment_fee", "document_retention", "no_written_contract", "unrealistic_pay",
    "vague_employer", "messenger_only_contact", "urgency_pressure", "wage_deductions",
    "travel_debt", "irregular_work", "movement_restriction", "excessive_hours",
    "intimate_services_risk",
)  # fmt: skip


def compile_all(
    patterns: dict[str, Any] | None, where: str
) -> dict[str, tuple[re.Pattern[str], ...]]:
    """One pattern per language, all of its patterns combined (see ``flows.jobcheck.combine``)."""
    compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
    for lang, items in (patterns or {}).items():
        sources = [str(p) for p in items or ()]
        if not sources:
            continue
        try:
            compiled[str(lang)] = (combine(sources),)
        except re.error:  # find the pattern at fault (compiling each costs start-up time)
            for p in sources:
                try:
                    re.compile(pattern_source(p))
                except re.error as exc:
                    raise ContentError(f"{where} ({lang}): bad pattern {p!r}: {exc}") from None
            raise
    return compiled


def load_job_rules(content_dir: Path) -> Rules:
    path = content_dir / "warning_signs.yaml"
    data = read_yaml(path)
    signs = []
    for i, entry in enumerate(need(data, "signs", str(path))):
        where = f"{path} sign #{i + 1}"
        severity = str(need(entry, "severity", where))
        if severity not in SEVERITY_WEIGHT:
            raise ContentError(f"{where}: severity must be one of {sorted(SEVERITY_WEIGHT)}")
        signs.append(
            SignRule(
                id=str(need(entry, "id", where)),
                severity=severity,
                patterns=compile_all(need(entry, "patterns", where), where),
                safe=compile_all(entry.get("safe"), f"{where} safe"),
                named=compile_all(entry.get("named"), f"{where} named"),
            )
        )
    missing = set(FIXED_SIGNS) - {s.id for s in signs}
    if missing:
        raise ContentError(f"{path}: fixed sign ids missing: {', '.join(sorted(missing))}")
    before = _cues(data, "negations", path)
    after = _cues(data, "negations_after", path)
    negations = {
        lang: Negation(before.get(lang), after.get(lang)) for lang in sorted({*before, *after})
    }
    words = {str(k): fold_words(v) for k, v in (data.get("languages") or {}).items()}
    translit = {str(k): fold_words(v) for k, v in (data.get("transliterated") or {}).items()}
    rules = Rules(tuple(signs), negations, words, load_pay_rules(content_dir), translit)
    return indexed(replace(rules, model=load_sign_model(content_dir, rules)))


def _cues(data: Any, key: str, path: Path) -> dict[str, re.Pattern[str]]:
    """One negation cue pattern per language under ``key``."""
    cues = {}
    for lang, cue in (data.get(key) or {}).items():
        try:
            cues[str(lang)] = re.compile(fold(str(cue)))
        except re.error as exc:
            raise ContentError(f"{path} {key} ({lang}): bad pattern: {exc}") from None
    return cues


def load_model(path: Path) -> Model:
    """The learned reading as ``bot.jobmodel_train`` wrote it (gzip'd JSON)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return from_json(json.load(f))


def load_sign_model(content_dir: Path, rules: Rules) -> Model | None:
    """``job_model.json.gz``, the learned reading (``flows.jobmodel``), if the content has one."""
    path = content_dir / MODEL_FILE
    if not path.is_file():
        return None
    try:
        model = load_model(path)
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{path}: not a job-offer model ({exc})") from None
    unknown = set(model.signs) - {s.id for s in rules.signs}
    if unknown:
        raise ContentError(f"{path}: signs not in warning_signs.yaml: {', '.join(sorted(unknown))}")
    if not 0 <= model.veto < model.threshold <= 1:
        raise ContentError(f"{path}: needs 0 <= veto < threshold <= 1")
    return model


def fold_words(words: Any) -> frozenset[str]:
    """Words as the analyzer compares them: lower case, folded like the text."""
    return frozenset(fold(str(w).lower()) for w in words or ())


def spaced(pattern: Any) -> str:
    """A space in a pay pattern stands for any run of spaces ("на  руки")."""
    return str(pattern).replace(" ", r"\s+")


def alternation(items: Any, where: str) -> re.Pattern[str] | None:
    """One pattern from a list of alternatives, each anchored at the start of a word."""
    if not items:
        return None
    try:
        sources = [spaced(p) for p in items]
        joined = "|".join(f"(?:{p})" for p in sources)
        return re.compile(f"(?<!\\w){first_letters(sources)}(?:{joined})(?!\\w)")
    except re.error as exc:
        raise ContentError(f"{where}: bad pattern: {exc}") from None


def load_pay_rules(content_dir: Path) -> PayRules | None:
    """``pay_words.yaml`` (how ads write pay) and ``reference_pay.yaml`` (sourced minimum wages
    and exchange rates). Without the reference figures there is no pay check."""
    words_path, ref_path = content_dir / "pay_words.yaml", content_dir / "reference_pay.yaml"
    if not words_path.is_file() or not ref_path.is_file():
        return None
    words, ref = read_yaml(words_path), read_yaml(ref_path)
    where = str(words_path)
    currencies, raw_cues = [], []
    for code, cues in need(words, "currencies", where).items():
        raw = "|".join(f"(?:{spaced(c)})" for c in cues)
        try:
            currencies.append((str(code), re.compile(raw)))
        except re.error as exc:
            raise ContentError(f"{where} currencies {code}: bad pattern: {exc}") from None
        raw_cues.append(raw)
    rates = {"EUR": 1.0}
    for code, entry in (ref.get("currencies") or {}).items():
        rates[str(code)] = float(need(entry, "eur_rate", f"{ref_path} currency {code}"))
    countries: dict[str, CountryPay] = {}
    places: dict[str, list[str]] = {}
    for code, entry in need(ref, "countries", str(ref_path)).items():
        here = f"{ref_path} country {code}"
        monthly = entry.get("monthly")
        if monthly is None and entry.get("hourly") is not None:
            monthly = float(entry["hourly"]) * PER_MONTH["hour"]
        if monthly is not None and not entry.get("source"):
            raise ContentError(f"{here}: a minimum wage needs its source")
        stems = [spaced(p) for p in (*(entry.get("names") or ()), *(entry.get("cities") or ()))]
        alternation(stems, f"{here} names")  # each country's own stems must compile
        places[str(code)] = stems
        currency = str(entry.get("currency") or "EUR")
        if monthly is not None and currency not in rates:
            raise ContentError(f"{here}: no exchange rate for {currency}")
        countries[str(code)] = CountryPay(
            str(code), currency, float(monthly) if monthly is not None else None
        )
    users: dict[str, list[str]] = {}
    for c in countries.values():
        users.setdefault(c.currency, []).append(c.code)
    home = {cur: codes[0] for cur, codes in users.items() if len(codes) == 1}
    fallback = {str(k): str(v) for k, v in (words.get("fallback") or {}).items()}
    periods = []
    for name, cues in need(words, "periods", where).items():
        if name not in PER_MONTH:
            raise ContentError(f"{where}: unknown period {name!r} (one of {sorted(PER_MONTH)})")
        pattern = alternation(cues, f"{where} periods {name}")
        if pattern is not None:
            periods.append((str(name), pattern))
    ratio = need(words, "ratio", where)
    return PayRules(
        countries=countries,
        eur_rates=rates,
        currencies=tuple(currencies),
        home=home,
        fallback=fallback,
        language_country={str(k): str(v) for k, v in (words.get("languages") or {}).items()},
        periods=tuple(periods),
        net=alternation(words.get("net"), f"{where} net"),
        unskilled=alternation(words.get("unskilled"), f"{where} unskilled"),
        skilled=alternation(words.get("skilled"), f"{where} skilled"),
        ratio_unskilled=float(need(ratio, "unskilled", where)),
        ratio_other=float(need(ratio, "other", where)),
        ratio_skilled=float(need(ratio, "skilled", where)),
        net_share=float(words.get("net_share", 0.75)),
        amount=amount_pattern("|".join(raw_cues)),
        places=places_pattern(places, first_letters(s for v in places.values() for s in v)),
    )


def load_questions(content_dir: Path) -> tuple[Question, ...]:
    """``guided_check.yaml``: the guided check's questions, each tied to a warning sign."""
    path = content_dir / "guided_check.yaml"
    if not path.is_file():
        return ()
    questions = []
    for i, entry in enumerate(need(read_yaml(path), "questions", str(path))):
        where = f"{path} question #{i + 1}"
        risky = str(need(entry, "risky", where))
        if risky not in ("yes", "no"):
            raise ContentError(f"{where}: risky must be yes or no")
        questions.append(
            Question(str(need(entry, "id", where)), str(need(entry, "sign", where)), risky)
        )
    return tuple(questions)
