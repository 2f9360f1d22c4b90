"""Load ``content/warning_signs.yaml`` into the analyzer's frozen rules (patterns compiled once)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.content import need, read_yaml
from bot.errors import ContentError
from flows.guided import Question
from flows.jobcheck import SEVERITY_WEIGHT, Rules, SignRule
from flows.pay import PER_MONTH, CountryPay, PayRules, amount_pattern

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
    compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
    for lang, items in (patterns or {}).items():
        try:
            # A match starts at the beginning of a word ("платно" must not match in "безплатно").
            compiled[str(lang)] = tuple(re.compile(rf"(?<!\w)(?:{p})") for p in items)
        except re.error as exc:
            raise ContentError(f"{where} ({lang}): bad pattern: {exc}") from None
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
            )
        )
    missing = set(FIXED_SIGNS) - {s.id for s in signs}
    if missing:
        raise ContentError(f"{path}: fixed sign ids missing: {', '.join(sorted(missing))}")
    negations = {str(k): re.compile(str(v)) for k, v in (data.get("negations") or {}).items()}
    words = {str(k): frozenset(map(str, v)) for k, v in (data.get("languages") or {}).items()}
    return Rules(tuple(signs), negations, words, load_pay_rules(content_dir))


def alternation(items: Any, where: str) -> re.Pattern[str] | None:
    """One pattern from a list of alternatives, each anchored at the start of a word."""
    if not items:
        return None
    try:
        return re.compile("(?<!\\w)(?:" + "|".join(f"(?:{p})" for p in items) + ")(?!\\w)")
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
        raw = "|".join(f"(?:{c})" for c in cues)
        try:
            currencies.append((str(code), re.compile(raw)))
        except re.error as exc:
            raise ContentError(f"{where} currencies {code}: bad pattern: {exc}") from None
        raw_cues.append(raw)
    rates = {"EUR": 1.0}
    for code, entry in (ref.get("currencies") or {}).items():
        rates[str(code)] = float(need(entry, "eur_rate", f"{ref_path} currency {code}"))
    countries: dict[str, CountryPay] = {}
    for code, entry in need(ref, "countries", str(ref_path)).items():
        here = f"{ref_path} country {code}"
        monthly = entry.get("monthly")
        if monthly is None and entry.get("hourly") is not None:
            monthly = float(entry["hourly"]) * PER_MONTH["hour"]
        if monthly is not None and not entry.get("source"):
            raise ContentError(f"{here}: a minimum wage needs its source")
        places = [*(entry.get("names") or ()), *(entry.get("cities") or ())]
        currency = str(entry.get("currency") or "EUR")
        if monthly is not None and currency not in rates:
            raise ContentError(f"{here}: no exchange rate for {currency}")
        countries[str(code)] = CountryPay(
            str(code), currency, float(monthly) if monthly is not None else None,
            alternation(places, f"{here} names"),
        )  # fmt: skip
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
