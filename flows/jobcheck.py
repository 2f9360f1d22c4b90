"""Job-offer analysis: find warning signs in an ad, explain each with evidence, give a risk.

Pure and fast: the rules are data (``content/warning_signs.yaml``, parsed by ``bot.content`` into
``SignRule`` objects), the text is normalised once (case, zero-width characters, Latin look-alike
letters inside Cyrillic words), and Latin transliterations of Ukrainian/Russian ("rabota",
"zhilyo", "dogovor") are read through a second, Cyrillic view of the text. A match is dropped
when a negation ("no", "never", "без", "nie") is among the three words before it in the same
clause, or when a reassurance of that sign ("your documents stay with you") is in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from flows.pay import PayRules, unrealistic

PAY_SIGN = "unrealistic_pay"
SEVERITY_WEIGHT = {"high": 0.6, "medium": 0.3, "low": 0.15}
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Latin letters that look Cyrillic, folded inside words that are mostly Cyrillic ("рaбота").
LOOKALIKE = str.maketrans("aceiopxyABCEHIKMOPTXY", "асеіорхуАВСЕНІКМОРТХУ")
# Latin transliteration of Ukrainian/Russian back to Cyrillic, longest first.
TRANSLIT = (
    ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("yu", "ю"),
    ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("ju", "ю"), ("ja", "я"), ("a", "а"), ("b", "б"),
    ("v", "в"), ("w", "в"), ("g", "г"), ("h", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"),
    ("y", "ы"), ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
    ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("c", "ц"), ("'", "ь"),
)  # fmt: skip
WORD = re.compile(r"\w+", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?\n;]")


@dataclass(frozen=True)
class SignRule:
    id: str
    severity: str
    patterns: Mapping[str, tuple[re.Pattern[str], ...]]  # language -> compiled patterns
    safe: Mapping[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Rules:
    signs: tuple[SignRule, ...]
    negations: Mapping[str, re.Pattern[str]]  # language -> cue pattern
    language_words: Mapping[str, frozenset[str]]  # language -> common words (detection)
    pay: PayRules | None = None  # reads pay against minimum wages (sign unrealistic_pay)


@dataclass(frozen=True)
class Finding:
    sign: str
    severity: str
    evidence: str


@dataclass(frozen=True)
class Analysis:
    risk: str
    score: float
    language: str
    findings: tuple[Finding, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "risk": self.risk,
            "score": round(self.score, 3),
            "language": self.language,
            "signs": [{"id": f.sign, "evidence": f.evidence} for f in self.findings],
        }


def normalise(text: str) -> str:
    """Lower case, NFKC, no zero-width characters, look-alike Latin letters folded in Cyrillic
    words. Same length as the input is not guaranteed; evidence is quoted from this form."""
    text = unicodedata.normalize("NFKC", text).translate(ZERO_WIDTH)
    return WORD.sub(_fold_word, text).lower()


def _fold_word(match: re.Match[str]) -> str:
    word = match.group(0)
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in word)
    return word.translate(LOOKALIKE) if cyrillic and cyrillic >= len(word) / 2 else word


def cyrillic_view(text: str) -> str:
    """Latin words read as transliterated Ukrainian/Russian ("zhilyo" -> "жилё")."""
    return WORD.sub(
        lambda m: _to_cyrillic(m.group(0)) if m.group(0).isascii() else m.group(0), text
    )


def _to_cyrillic(word: str) -> str:
    out, i = [], 0
    while i < len(word):
        for latin, cyr in TRANSLIT:
            if word.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def detect_language(text: str, rules: Rules) -> str:
    if any("\u0370" <= ch <= "\u03ff" for ch in text):
        return "el"
    cyr = sum("\u0400" <= ch <= "\u04ff" for ch in text)
    if cyr > len(text) * 0.2:
        if re.search(r"[ієїґ]", text):
            return "uk"
        return "ru" if re.search(r"[ыэёъ]", text) else "uk"
    words = WORD.findall(text)
    best, hits = "und", 0
    for lang, common in rules.language_words.items():
        n = sum(w in common for w in words)
        if n > hits:
            best, hits = lang, n
    return best


def negated(text: str, start: int, cue: re.Pattern[str] | None) -> bool:
    """A negation cue among the three words just before the match, in the same sentence
    ("we never charge a fee", "без оплати"; not "без досвіду, виїзд завтра")."""
    if cue is None:
        return False
    window = text[max(0, start - 60) : start]
    last_end = max((m.end() for m in SENTENCE_END.finditer(window)), default=0)
    clause = re.split(r"[,:(]", window[last_end:])[-1]
    return bool(cue.search(" ".join(WORD.findall(clause)[-3:])))


def find(rule: SignRule, views: Iterable[tuple[str, str]], rules: Rules) -> Finding | None:
    """The first match of the rule, sentence by sentence (a sign is said within a sentence)."""
    for lang, text in views:
        if any(p.search(text) for p in rule.safe.get(lang, ())):
            return None
        patterns = rule.patterns.get(lang, ()) + rule.patterns.get("any", ())
        for sentence in SENTENCE_END.split(text):
            for pattern in patterns:
                for m in pattern.finditer(sentence):
                    if not negated(sentence, m.start(), rules.negations.get(lang)):
                        return Finding(rule.id, rule.severity, m.group(0).strip())
    return None


def analyse(text: str, rules: Rules, country: str | None = None) -> Analysis:
    """``country`` is the person's country, if known: the pay check's hint."""
    norm = normalise(text)
    language = detect_language(norm, rules)
    views = [(language, norm)]
    if language not in ("uk", "ru", "el"):  # maybe transliterated Ukrainian/Russian
        cyr = cyrillic_view(norm)
        views += [("uk", cyr), ("ru", cyr)]
    found: list[Finding] = []
    for rule in rules.signs:
        if rule.id == PAY_SIGN and rules.pay is not None:
            finding = pay_finding(rule, norm, rules.pay, country, language)
        else:
            finding = find(rule, views, rules)
        if finding is not None:
            found.append(finding)
    findings = tuple(found)
    return Analysis(risk_level(findings), score(findings), language, findings)


def pay_finding(
    rule: SignRule, norm: str, pay: PayRules, country: str | None, language: str
) -> Finding | None:
    """Pay far above the minimum wage where the job is (see ``flows.pay``)."""
    reading = unrealistic(norm, pay, country, language)
    if reading is None:
        return None
    return Finding(rule.id, rule.severity, norm[reading.start : reading.end].strip())


def score(findings: Iterable[Finding]) -> float:
    remaining = 1.0
    for f in findings:
        remaining *= 1 - SEVERITY_WEIGHT[f.severity]
    return 1 - remaining


def risk_level(findings: tuple[Finding, ...]) -> str:
    severities = [f.severity for f in findings]
    if "high" in severities or severities.count("medium") >= 2:
        return "high"
    if "medium" in severities or severities.count("low") >= 2:
        return "medium"
    return "low"
