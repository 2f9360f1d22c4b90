"""Read pay in a job offer and compare it with the reference pay of the country.

An amount is a number next to a currency ("3 500 €", "€4,000", "27 zł", "500 грн"), or a range
("500–3000 грн", "від 500 до 3000 грн": the top counts, it is what lures). Near it: a period
("/h", "на день", "al mese"; none means a month) and perhaps "net" ("на руки", "netto", which is
counted as more than the same gross figure). The country is the one the ad names (a country or a
city), else the only country of the currency (zł → PL), else the person's own, else the country
of the ad's language. Pay is ``unrealistic_pay`` when its gross monthly equivalent is more than
``ratio`` times that country's statutory minimum wage: a lower ratio for work that needs no
experience or skills, a higher one for skilled work. Countries with no statutory minimum (and
ads in euros that name no country) use ``PayRules.fallback`` per currency, a documented choice
in ``content/pay_words.yaml``. All words and figures are data; this module only reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

# Gross monthly equivalents of a period: 40 hours a week, 52 weeks, 12 months.
PER_MONTH = {"hour": 173.3, "day": 21.7, "week": 4.33, "month": 1.0, "year": 1 / 12}
CLAUSE_END = re.compile(r"[,.;:!?\n(+|]")
CURRENCY_MEMO_SIZE = 1_000
NUMBER = r"\d{1,3}(?:(?:[.,']|[ \u00a0\u202f]{1,3})\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"


@dataclass(frozen=True)
class CountryPay:
    code: str
    currency: str
    monthly: float | None  # gross statutory minimum per month (national currency), if any


@dataclass(frozen=True)
class PayRules:
    countries: Mapping[str, CountryPay]
    eur_rates: Mapping[str, float]  # EUR per unit of currency
    currencies: tuple[tuple[str, re.Pattern[str]], ...]  # code, how the ad writes it
    home: Mapping[str, str]  # currency -> the only country that uses it (PLN -> PL)
    fallback: Mapping[str, str]  # currency -> reference country when nothing else is known
    language_country: Mapping[str, str]  # the ad's language -> the country it most likely means
    periods: tuple[tuple[str, re.Pattern[str]], ...]  # hour/day/week/month/year cues
    net: re.Pattern[str] | None
    unskilled: re.Pattern[str] | None  # "no experience", dishwasher, picker…
    skilled: re.Pattern[str] | None  # engineer, nurse… (high pay plausible)
    ratio_unskilled: float
    ratio_other: float
    ratio_skilled: float
    net_share: float  # net pay as a share of gross, to compare a net figure
    amount: re.Pattern[str]  # built from the currency cues by ``amount_pattern``
    places: re.Pattern[str] | None  # every country's names and cities, one group per country
    # how an ad wrote a currency ("€", "zł") -> its code, as seen (bounded)
    currency_memo: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class PayReading:
    start: int
    end: int
    amount: float
    currency: str
    period: str
    net: bool
    country: str
    monthly_eur: float  # gross monthly equivalent
    reference_eur: float  # the country's statutory minimum per month
    ratio: float  # how many times the minimum, read against
    limit: float  # the ratio above which pay is unrealistic here
    fallback: bool = False  # nothing said where: compared with the fallback country


def amount_pattern(currency_cues: str) -> re.Pattern[str]:
    """Numbers, or ranges of numbers, with a currency just before or just after."""
    value = rf"(?:{NUMBER})(?:\s{{0,3}}(?:k|тис\.?|тыс\.?|tys\.?)(?!\w))?"
    dash = r"\s{0,3}(?:-|–|—|до|to|bis|a|al|hasta|até|do|până la|έως|ως)\s{0,3}"
    numbers = rf"(?P<low>{value})(?:{dash}(?P<high>{value}))?"
    cur = rf"(?P<cur>{currency_cues})"
    before = (
        rf"(?P<cur2>{currency_cues})\s{{0,3}}(?P<low2>{value})"
        rf"(?:{dash}(?P<cur3>{currency_cues})?\s{{0,3}}(?P<high2>{value}))?"
    )
    return re.compile(rf"(?<![\w.,])(?:{numbers}\s{{0,3}}{cur}|{before})(?!\w)")


THOUSANDS = re.compile(r"\s?(k|тис\.?|тыс\.?|tys\.?)$")
NUMBER_PARTS = re.compile(r"[ .,\u00a0\u202f']")


def to_number(raw: str) -> float | None:
    raw = raw.strip()
    thousands = THOUSANDS.search(raw)
    scale = 1000.0 if thousands else 1.0
    if thousands:
        raw = raw[: thousands.start()]
    groups = NUMBER_PARTS.split(raw)
    if len(groups) > 1 and len(groups[-1]) in (1, 2):  # decimals: "14,50", "3.000,00"
        whole, decimals = "".join(groups[:-1]), groups[-1]
    else:
        whole, decimals = "".join(groups), "0"
    try:
        return float(f"{int(whole)}.{decimals}") * scale
    except ValueError:
        return None


def currency_of(cue: str, rules: PayRules) -> str | None:
    known = rules.currency_memo.get(cue, "")
    if known != "":
        return known
    found = next((code for code, p in rules.currencies if p.fullmatch(cue)), None)
    if len(rules.currency_memo) < CURRENCY_MEMO_SIZE:
        rules.currency_memo[cue] = found
    return found


def places_pattern(places: Mapping[str, list[str]], start: str = "") -> re.Pattern[str] | None:
    """One pattern for every country's names and cities: group ``c_<CODE>`` is the country."""
    groups = [
        f"(?P<c_{code}>{'|'.join(f'(?:{p})' for p in stems)})"
        for code, stems in places.items()
        if stems
    ]
    if not groups:
        return None
    # ``start``: a look-ahead for the names' first letters (``flows.jobcheck.first_letters``)
    return re.compile(rf"(?<!\w){start}(?:{'|'.join(groups)})(?!\w)")


def country_named(text: str, rules: PayRules) -> str | None:
    """The country the ad names first (by a country name or a city)."""
    m = rules.places.search(text) if rules.places is not None else None
    return m.lastgroup[2:] if m is not None and m.lastgroup else None


def reference(
    named: str | None, currency: str, rules: PayRules, person: str | None, language: str | None
) -> tuple[CountryPay, bool] | None:
    """The country to compare with: the one the ad names; the only country of a currency
    (zł → PL); the person's country; the country of the ad's language; else the fallback
    (then the flag is true)."""
    steps = (named, rules.home.get(currency), person, rules.language_country.get(language or ""))
    code = next((c for c in steps if c in rules.countries), None)
    ref = rules.countries.get(code or "")
    if ref is not None and ref.monthly:
        return ref, False
    fallback = rules.countries.get(rules.fallback.get(currency) or rules.fallback.get("EUR", ""))
    return (fallback, True) if fallback is not None and fallback.monthly else None


def pay_limit(text: str, rules: PayRules) -> float:
    """How many times the minimum wage is believable for the ad's kind of work."""
    if rules.skilled and rules.skilled.search(text):
        return rules.ratio_skilled
    if rules.unskilled and rules.unskilled.search(text):
        return rules.ratio_unskilled
    return rules.ratio_other


def read_pay(
    text: str, rules: PayRules, country: str | None = None, language: str | None = None
) -> list[PayReading]:
    """Every amount of pay in the (lower-cased) text, read against the reference pay.

    ``country`` is the person's country, ``language`` the ad's (both only hints)."""
    readings: list[PayReading] = []
    ad: tuple[str | None, float] | None = None  # the country named and the limit, once needed
    for m in rules.amount.finditer(text):
        cue = m.group("cur") or m.group("cur2")
        currency = currency_of(cue, rules)
        raw = m.group("high") or m.group("low") or m.group("high2") or m.group("low2")
        value = to_number(raw) if raw else None
        if currency is None or not value or currency not in rules.eur_rates:
            continue
        if ad is None:  # read from the whole ad, only when it gives an amount of pay
            ad = country_named(text, rules), pay_limit(text, rules)
        named, limit = ad
        after = text[m.end() : m.end() + 30]  # "/h", "на руки в місяць", "netto pro Monat"
        clause = CLAUSE_END.split(after)[0]
        found = [(pm, name) for name, p in rules.periods if (pm := p.search(clause))]
        pm, period = min(found, key=lambda f: f[0].start()) if found else (None, "month")
        near = text[max(0, m.start() - 25) : m.end() + 30]
        net = bool(rules.net and rules.net.search(near))
        found_ref = reference(named, currency, rules, country, language)
        if found_ref is None:
            continue
        ref, fell_back = found_ref
        if ref.monthly is None:
            continue
        monthly_eur = value * PER_MONTH[period] * rules.eur_rates[currency]
        gross_eur = monthly_eur / rules.net_share if net else monthly_eur
        reference_eur = ref.monthly * rules.eur_rates[ref.currency]
        readings.append(
            PayReading(
                start=m.start(),
                end=m.end() + (pm.end() if pm else 0),
                amount=value,
                currency=currency,
                period=period,
                net=net,
                country=ref.code,
                monthly_eur=gross_eur,
                reference_eur=reference_eur,
                ratio=gross_eur / reference_eur,
                limit=limit,
                fallback=fell_back,
            )
        )
    return readings


def unrealistic(
    text: str, rules: PayRules, country: str | None = None, language: str | None = None
) -> PayReading | None:
    """The highest pay that is more than its limit times the minimum wage, if any."""
    over = [r for r in read_pay(text, rules, country, language) if r.ratio > r.limit]
    return max(over, key=lambda r: r.ratio, default=None)
