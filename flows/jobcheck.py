"""Job-offer analysis: find warning signs in an ad, explain each with evidence, give a risk.

Pure and fast: the rules are data (``content/warning_signs.yaml``, loaded by ``bot.job_rules``
into ``SignRule`` objects, one combined pattern per sign and language). The text is normalised
once, keeping a map back to the original offsets (case, NFKC, zero-width characters, Latin
look-alike letters inside Cyrillic words), then folded for matching without changing its length
(accents and diacritics, Greek tonos, final sigma, "ё", apostrophes), so that "fara acte" and
"fără acte" read alike. Latin transliterations of Ukrainian/Russian ("rabota", "zhilyo",
"dogovor") are read through Cyrillic views of the text, built only when the text has such words.

Each pattern is searched once over the whole text; a match must stay inside one sentence. A match
is dropped when a negation cue ("no", "never", "без", "nie", "non", "keine") is among the words
just before it in the same clause, or when the words right after it take it back ("eine Gebühr
gibt es nicht", "оплату не берём"); a sign is dropped when one of its reassurances ("your
documents stay with you") is in the text. Evidence is quoted from the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from flows.jobmodel import Model
from flows.pay import PayReading, PayRules, unrealistic

PAY_SIGN = "unrealistic_pay"
VAGUE_SIGN = "vague_employer"  # also found by absence: see ``_with_unnamed_employer``
# How an ad gives its contact: a phone number, a messenger handle, an e-mail address.
CONTACT = re.compile(r"\+\d[\d ()./-]{5,}\d|(?<![\w.])@\w{3,}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EVIDENCE_MAX = 80  # characters of the first sentence quoted when an ad gives no contact
EVIDENCE_SENTENCE_MAX = 200  # characters of a sentence quoted for a sign the model found
SEVERITY_WEIGHT = {"high": 0.6, "medium": 0.3, "low": 0.15}
ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
ZERO_WIDTH = dict.fromkeys(map(ord, ZERO_WIDTH_CHARS), None)
HAS_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH_CHARS}]")
# Latin letters that look Cyrillic, folded inside words that are mostly Cyrillic ("рaбота").
LOOKALIKE = str.maketrans("aceiopxyABCEHIKMOPTXY", "асеіорхуАВСЕНІКМОРТХУ")
MIXED_WORD = re.compile(r"(?<!\w)(?=\w*[A-Za-z])(?=\w*[\u0400-\u04ff])\w+")
WORD = re.compile(r"\w+", re.UNICODE)
# Ends a sentence: a match never runs past one ("12.50" is no end, nor the period of a unit or
# of a short word abbreviated in ads: "800 zł/mies. potrącane", "14 €/Std. brutto", "ul. Nowa").
ABBREVIATIONS = (
    "mies", "tydz", "godz", "tyg", "std", "mtl", "wk", "hr", "hrs", "mo", "mon", "sapt", "săpt",
    "міс", "мес", "тиж", "нед", "год", "тис", "тыс", "ul", "tel", "nr", "np", "ok", "ca", "str",
    "вул", "ул", "min", "max", "incl", "inkl", "zzgl", "bzw", "ggf", "brt", "net",
)  # fmt: skip
SENTENCE_END = re.compile(
    r"[!?;\n•▪●◦‣∙·]| - |\.(?!\d)"
    + "".join(f"(?<!(?<!\\w){re.escape(a)}\\.)" for a in ABBREVIATIONS)
)
# Ends a clause for negation: punctuation, a dash, a bullet, an opening "¡"/"¿", or an emoji
# ("Sin experiencia 🔥 ¡Últimas plazas!": the "sin" does not reach the next clause).
CLAUSE_END = re.compile(r"[,:(\u2013\u2014|•¡¿\u2600-\u27bf\U0001f000-\U0001faff]| - ")
# A space in a pattern stands for any run of spaces, punctuation or emoji inside a sentence.
GAP = r"[^\w.!?;\n]+"
WORD_START = r"(?<!\w)"
NEGATION_WORDS = 4  # a negation cue counts among this many words before a match
TAKEN_BACK_WORDS = 6  # the words after a match (same clause) a cue taking it back is read in
TRANSLIT_MIN_WORDS = 2  # transliterated words needed to read the text in Cyrillic too


def _fold_table() -> dict[int, str]:
    """Length-preserving folding for matching: Latin and Greek letters lose their diacritics."""
    table: dict[int, str] = {}
    for code in [*range(0x00C0, 0x0250), *range(0x0370, 0x0400), *range(0x1E00, 0x1F00)]:
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and (base.isascii() or "\u0370" <= base <= "\u03ff"):
            table[code] = base
    extra = {"ł": "l", "Ł": "L", "đ": "d", "ø": "o", "ı": "i", "ς": "σ", "ё": "е", "Ё": "Е"}
    for quote in "\u2019\u02bc\u2018`\u00b4":
        extra[quote] = "'"
    table.update({ord(k): v for k, v in extra.items()})
    return table


FOLD = _fold_table()

# Latin transliteration of Ukrainian and of Russian back to Cyrillic, longest first.
TRANSLIT = {
    "uk": (
        ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
        ("yu", "ю"), ("iu", "ю"), ("ju", "ю"), ("ya", "я"), ("ia", "я"), ("ja", "я"),
        ("ye", "є"), ("ie", "є"), ("je", "є"), ("yi", "ї"), ("ji", "ї"), ("a", "а"), ("b", "б"),
        ("v", "в"), ("w", "в"), ("h", "г"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"),
        ("y", "и"), ("i", "і"), ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
        ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"),
        ("c", "ц"), ("x", "кс"), ("'", "ь"),
    ),
    "ru": (
        ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
        ("sh", "ш"), ("yu", "ю"), ("ju", "ю"), ("ya", "я"), ("ja", "я"), ("yo", "е"),
        ("jo", "е"), ("ye", "е"), ("je", "е"), ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"),
        ("g", "г"), ("h", "х"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "ы"),
        ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
        ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("c", "ц"), ("x", "кс"),
        ("'", "ь"),
    ),
}  # fmt: skip
TRANSLIT_UNIT = {
    lang: re.compile("|".join(re.escape(latin) for latin, _ in pairs))
    for lang, pairs in TRANSLIT.items()
}
TRANSLIT_MAP = {lang: dict(pairs) for lang, pairs in TRANSLIT.items()}
ASCII_WORD = re.compile(r"(?<!\w)[a-z']+(?!\w)")
VOWELS = frozenset("аеиоуыэюяєіїё")


@dataclass(frozen=True)
class SignRule:
    id: str
    severity: str
    patterns: Mapping[str, tuple[re.Pattern[str], ...]]  # language -> compiled patterns
    safe: Mapping[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    # Signs that an employer is named (vague_employer only): they never cancel the sign ("the
    # client's name is given at the interview" stays a sign in a named agency's ad); an ad
    # with none of them is flagged by absence when already high risk.
    named: Mapping[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Rules:
    signs: tuple[SignRule, ...]
    negations: Mapping[str, Negation]  # language -> its cues
    language_words: Mapping[str, frozenset[str]]  # language -> common words (detection)
    pay: PayRules | None = None  # reads pay against minimum wages (sign unrealistic_pay)
    # uk/ru -> Latin spellings of common words ("rabota"): the text is also read in Cyrillic
    transliterated: Mapping[str, frozenset[str]] = field(default_factory=dict)
    index: Index | None = None  # built once by ``indexed``: the analysis is faster with it
    model: Model | None = None  # the learned second reading (``flows.jobmodel``), if shipped


@dataclass(frozen=True)
class Negation:
    """One language's negation cues: ``before`` is searched among the few words just before a
    match ("we never charge a fee"); ``after`` must match from the first word after it ("a fee?
    none", "eine Gebühr gibt es bei uns nicht"), so "fee 200 €, not refundable" stays a sign."""

    before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None

    def negates(self, text: str, start: int, end: int) -> bool:
        return _cue_before(text, start, self.before) or _cue_after(text, end, self.after)


Entry = tuple[int, re.Pattern[str]]  # a sign (its place in ``Rules.signs``) and one pattern


@dataclass(frozen=True)
class Table:
    """One language's patterns (of signs, or of reassurances) by the first letters of the word
    they start with ("оп" -> "оплат\\w*..."), and those that can start with any word."""

    by_prefix: Mapping[str, tuple[Entry, ...]]
    anywhere: tuple[Entry, ...]
    # The entries of a word's first letters together, by those letters: one lookup a word
    # instead of three (a memo of ``by_prefix``, filled as words are seen, bounded).
    _memo: dict[str, tuple[Entry, ...]] = field(default_factory=dict, compare=False, repr=False)

    def at(self, word: str) -> tuple[Entry, ...]:
        """The patterns that can start with ``word``: those of its first 1 to ``PREFIX`` letters."""
        key = word[:PREFIX]
        found = self._memo.get(key)
        if found is None:
            found = tuple(
                e for n in range(1, len(key) + 1) for e in self.by_prefix.get(key[:n], ())
            )
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = found
        return found


@dataclass(frozen=True)
class Index:
    """The rules arranged for speed: each word of the text looks up the few patterns that can
    start with it, instead of every pattern scanning the whole text."""

    signs: Mapping[str, Table]  # language -> sign patterns
    safe: Mapping[str, Table]  # language -> reassurance patterns
    words: Mapping[str, tuple[str, ...]]  # common word -> the languages it belongs to
    # The tables of several languages read together (one text in several languages), by the
    # languages: one lookup a word for all of them (a memo, filled as texts are read).
    _readings: dict[tuple[str, ...], Reading] = field(
        default_factory=dict, compare=False, repr=False
    )

    def reading(self, langs: tuple[str, ...]) -> Reading:
        found = self._readings.get(langs)
        if found is None:
            found = Reading(tuple((self.safe.get(x), self.signs.get(x)) for x in langs))
            self._readings[langs] = found
        return found


# One candidate: the view (by its place among the languages read), reassurance or sign, the
# sign's number, the pattern.
Candidate = tuple[int, bool, int, re.Pattern[str]]


@dataclass(frozen=True)
class Reading:
    """The reassurance and sign tables of a few languages as one: ``at(word)`` gives every
    candidate pattern in the order the languages come, reassurances before signs."""

    tables: tuple[tuple[Table | None, Table | None], ...]
    memo: dict[str, tuple[Candidate, ...]] = field(default_factory=dict, compare=False, repr=False)

    def at(self, word: str) -> tuple[Candidate, ...]:
        key = word[:PREFIX]
        found = self.memo.get(key)
        if found is None:
            found = tuple(
                (i, is_safe, number, pattern)
                for i, pair in enumerate(self.tables)
                for is_safe, table in zip((True, False), pair, strict=True)
                if table is not None
                for number, pattern in table.at(key)
            )
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            self.memo[key] = found
        return found


PREFIX = 5  # letters of a word looked up in a Table
MEMO_SIZE = 50_000  # word beginnings remembered per Table


def indexed(rules: Rules) -> Rules:
    """The rules with their ``Index`` (the loader calls this once)."""
    return replace(rules, index=build_index(rules))


def build_index(rules: Rules) -> Index:
    compiled: dict[str, re.Pattern[str]] = {}  # the "any" patterns are in every language's table

    def table(entries: list[Entry]) -> Table:
        by_prefix: dict[str, list[Entry]] = {}
        anywhere: list[Entry] = []
        for number, pattern in entries:
            for part in alternatives(pattern.pattern):
                one = compiled.get(part)
                if one is None:
                    one = compiled[part] = re.compile(WORD_START + f"(?:{part})")
                prefixes = literal_prefixes(part)
                if prefixes is None:
                    anywhere.append((number, one))
                for prefix in prefixes or ():
                    by_prefix.setdefault(prefix, []).append((number, one))
        return Table({k: tuple(v) for k, v in by_prefix.items()}, tuple(anywhere))

    signs = [
        (n, r)
        for n, r in enumerate(rules.signs)
        if not (r.id == PAY_SIGN and rules.pay is not None)
    ]
    langs = sorted({lang for _, r in signs for lang in [*r.patterns, *r.safe]} - {"any"})
    found = {
        lang: table([(n, p) for n, r in signs for p in _patterns(r.patterns, lang)])
        for lang in langs
    }
    calm = {
        lang: table([(n, p) for n, r in signs for p in _patterns(r.safe, lang)]) for lang in langs
    }
    words: dict[str, list[str]] = {}
    for lang, common in rules.language_words.items():
        for word in common:
            words.setdefault(word, []).append(lang)
    return Index(found, calm, {w: tuple(langs) for w, langs in words.items()})


def alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern, with one word-start check or group around all of
    them taken off ("(?<!\\w)(?:(?:a)|(?:b))" -> ["a", "b"])."""
    while True:
        if source.startswith(WORD_START):
            source = source[len(WORD_START) :]
        elif source.startswith(("(?:", "(")) and _group_end(source, 0) == len(source) - 1:
            source = source[3 if source.startswith("(?:") else 1 : -1]
        else:
            break
    parts, last = [], 0
    for i, ch, depth in _structure(source, 0):
        if ch == "|" and depth == 0:
            parts.append(source[last:i])
            last = i + 1
    parts.append(source[last:])
    if len(parts) == 1:
        return parts
    return [p for part in parts for p in alternatives(part)]


def first_letters(sources: Iterable[str]) -> str:
    """A look-ahead for the letters the patterns can start with, to put before their alternation:
    a word start with another letter is not tried against it (a quick character test at most
    positions). Empty when some pattern can start with any letter."""
    firsts: set[str] = set()
    for part in (part for source in sources for part in alternatives(source)):
        prefixes = literal_prefixes(part)
        if not prefixes or "" in prefixes:
            return ""
        firsts |= {p[0] for p in prefixes}
    return f"(?=[{re.escape(''.join(sorted(firsts)))}])" if firsts else ""


def literal_prefixes(source: str) -> set[str] | None:
    """The first letters (up to ``PREFIX``) that any match of the pattern starts with, or None
    when that cannot be told from the source (a class, an optional first word…)."""
    for skip in ("\\b", WORD_START):
        source = source.removeprefix(skip)
    if source.startswith("\\d"):
        return set("0123456789")
    if source.startswith("("):
        end = _group_end(source, 0)
        after = source[end + 1 : end + 2]
        if end < 0 or after in ("*", "{") or source.startswith("(?!"):
            return None
        inner = source[3:end] if source.startswith("(?:") else source[1:end]
        if inner.startswith("?"):
            return None
        out: set[str] = set()
        for part in alternatives(inner) if "|" in inner else [inner]:
            prefixes = literal_prefixes(part)
            if prefixes is None:
                return None
            out |= prefixes
        if after == "?":  # an optional first group: a match starts with it or with what follows
            rest = source[end + 2 :]
            if rest.startswith("?"):  # lazy
                rest = rest[1:]
            following = literal_prefixes(rest) if rest else None
            if following is None:
                return None
            out |= following
        return out
    word = ""
    for i, ch in enumerate(source):
        if len(word) == PREFIX or not (ch.isalnum() or ch == "_"):
            break
        if source[i + 1 : i + 2] in ("?", "*", "{"):
            break
        word += ch
        if source[i + 1 : i + 2] == "+":
            break
    return {word} if word else None


def _structure(source: str, start: int) -> Iterator[tuple[int, str, int]]:
    """The pattern's characters outside escapes and classes, each with the group depth after it."""
    depth, i = 0, start
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(source, i) + 1
            continue
        depth += (ch == "(") - (ch == ")")
        yield i, ch, depth
        i += 1


def _group_end(source: str, start: int) -> int:
    """Where the group opened at ``start`` closes (-1: it does not)."""
    return next((i for i, ch, depth in _structure(source, start) if ch == ")" and depth == 0), -1)


def _class_end(source: str, start: int) -> int:
    i = start + 1
    if source[i : i + 1] == "^":
        i += 1
    if source[i : i + 1] == "]":
        i += 1
    while i < len(source) and source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return i


def _patterns(
    patterns: Mapping[str, tuple[re.Pattern[str], ...]], lang: str
) -> tuple[re.Pattern[str], ...]:
    return patterns.get(lang, ()) + patterns.get("any", ())


@dataclass(frozen=True)
class Finding:
    sign: str
    severity: str
    evidence: str  # quoted from the original text
    span: tuple[int, int] | None = None  # where the evidence is in the original text
    pay: PayReading | None = None  # for unrealistic_pay: the pay read and its reference
    learned: bool = False  # found by the learned reading (the evidence is its weightiest sentence)


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


# --- normalising, with a map back to the original ---------------------------------------------


@dataclass(frozen=True)
class Normalised:
    """The text as read: ``norm`` (what ``normalise`` returns), ``folded`` (the same length, for
    matching) and, unless they are the same, each character's span in the original."""

    original: str
    norm: str
    folded: str
    starts: tuple[int, ...] | None = None  # original offset of each character of norm
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``norm[start:end]``, spaces around it left out."""
        if self.starts is None or self.ends is None:
            begin, stop = start, end
        elif start >= end:
            begin = stop = self.starts[start] if start < len(self.starts) else len(self.original)
        else:
            begin, stop = self.starts[start], self.ends[end - 1]
        while begin < stop and not self.original[begin].strip():
            begin += 1
        while stop > begin and not self.original[stop - 1].strip():
            stop -= 1
        return begin, stop


def normalise(text: str) -> str:
    """Lower case, NFKC, no zero-width characters, look-alike Latin letters folded in Cyrillic
    words. Not always the same length as the input: ``normalised`` keeps the offsets."""
    return normalised(text).norm


def normalised(text: str) -> Normalised:
    if unicodedata.is_normalized("NFKC", text) and not HAS_ZERO_WIDTH.search(text):
        lower = _fold_lookalikes(text).lower()
        if len(lower) == len(text):  # the usual case: every offset stays where it was
            return Normalised(text, lower, lower.translate(FOLD))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFKC", text[i:j]).translate(ZERO_WIDTH)
        for ch in piece:
            pieces.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    joined = _fold_lookalikes("".join(pieces))
    out: list[str] = []
    low_starts: list[int] = []
    low_ends: list[int] = []
    for k, ch in enumerate(joined):
        low = ch.lower()
        out.append(low)
        low_starts += [starts[k]] * len(low)
        low_ends += [ends[k]] * len(low)
    norm = "".join(out)
    return Normalised(text, norm, norm.translate(FOLD), tuple(low_starts), tuple(low_ends))


def _fold_lookalikes(text: str) -> str:
    if not MIXED_WORD.search(text):
        return text
    return MIXED_WORD.sub(_fold_word, text)


def _fold_word(match: re.Match[str]) -> str:
    word = match.group(0)
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in word)
    return word.translate(LOOKALIKE) if cyrillic and cyrillic >= len(word) / 2 else word


def fold(text: str) -> str:
    """Diacritics, Greek tonos, final sigma, "ё" and typographic apostrophes folded (length kept).
    Patterns, cue words and texts are all folded the same way."""
    return text.translate(FOLD)


# --- transliterated Ukrainian/Russian ---------------------------------------------------------


def cyrillic_view(text: str, lang: str = "ru") -> str:
    """Latin words read as transliterated Ukrainian or Russian ("zhilyo" -> "жиле")."""
    return _cyrillic(text, lang)[0]


def _cyrillic(text: str, lang: str) -> tuple[str, list[int]]:
    """The view and, for each of its characters, the offset in ``text`` it comes from."""
    unit, table = TRANSLIT_UNIT[lang], TRANSLIT_MAP[lang]
    out: list[str] = []
    origin: list[int] = []
    last = 0
    for word in ASCII_WORD.finditer(text):
        out.append(text[last : word.start()])
        origin.extend(range(last, word.start()))
        for m in unit.finditer(text, word.start(), word.end()):
            cyr = table[m.group(0)]
            if lang == "ru" and cyr == "ы" and out and out[-1][-1:] in VOWELS:
                cyr = "й"  # "nikakoy" -> "никакой"
            out.append(cyr)
            origin.extend([m.start()] * len(cyr))
        last = word.end()
    out.append(text[last:])
    origin.extend(range(last, len(text)))
    return "".join(out), origin


def transliterated(folded: str, rules: Rules) -> dict[str, int]:
    """How many words of the text are common Ukrainian/Russian words spelled in Latin letters."""
    if not rules.transliterated:
        return {}
    words = ASCII_WORD.findall(folded)
    return {lang: sum(w in common for w in words) for lang, common in rules.transliterated.items()}


# --- languages --------------------------------------------------------------------------------


def detect_language(text: str, rules: Rules) -> str:
    return detect_languages(fold(text), rules)[0]


def detect_languages(folded: str, rules: Rules) -> list[str]:
    """The ad's language first, then any other language it is partly written in."""
    greek = len(GREEK.findall(folded))
    cyrillic = len(CYRILLIC.findall(folded))
    uk_letters = re.search(r"[ієїґ]", folded) is not None
    ru_letters = re.search(r"[ыэъ]", folded) is not None
    hits = _latin_hits(folded, rules)
    best = max(hits, key=lambda lang: hits[lang], default="und")
    if best != "und" and hits[best] == 0:
        best = "und"
    found: list[str] = []
    if greek >= 3:
        found.append("el")
    if cyrillic > len(folded) * 0.2:
        found.append("ru" if ru_letters and not uk_letters else "uk")
    if not found:
        found.append(best)
    if cyrillic >= 6:  # Cyrillic words in a Latin ad, or both Ukrainian and Russian
        if uk_letters or not ru_letters:
            found.append("uk")
        if ru_letters or not uk_letters:
            found.append("ru")
    if best != "und" and (found[0] != best and hits[best] >= 3):
        found.append(best)
    for lang, n in hits.items():  # an ad in two Latin-script languages, or a short unclear one
        if lang != best and n and ((n >= 3 and n * 5 >= hits[best] * 3) or hits[best] < 3):
            found.append(lang)
    if found == ["und"]:  # no common word at all (a short ad): read it in every Latin language
        found += list(rules.language_words)
    return list(dict.fromkeys(found))


def _latin_hits(folded: str, rules: Rules) -> dict[str, int]:
    words = ASCII_OR_LATIN_WORD.findall(folded)
    if rules.index is None:
        common = rules.language_words.items()
        return {lang: sum(w in known for w in words) for lang, known in common}
    hits = dict.fromkeys(rules.language_words, 0)
    index = rules.index.words
    for word in words:
        for lang in index.get(word, ()):
            hits[lang] += 1
    return hits


ASCII_OR_LATIN_WORD = re.compile(r"[a-z\u00c0-\u024f]+")
GREEK = re.compile(r"[\u0370-\u03ff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


# --- matching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """One reading of the text in one language: the folded text or a Cyrillic view of it."""

    lang: str
    text: str
    source: Normalised
    origin: Sequence[int] | None = None  # offset in the folded text of each character, if not 1:1

    def sentence_stop(self, at: int) -> int:
        end = SENTENCE_END.search(self.text, at)
        return end.start() if end is not None else len(self.text)

    def quote(self, start: int, end: int) -> tuple[str, tuple[int, int]]:
        if self.origin is not None:
            # the units of a transliteration follow each other: one ends where the next starts
            after = self.origin[end] if end < len(self.origin) else len(self.source.folded)
            start, end = self.origin[start], after
        begin, stop = self.source.span(start, end)
        return self.source.original[begin:stop], (begin, stop)


def negated(text: str, m: re.Match[str], negation: Negation | None) -> bool:
    """The match is negated: a cue just before it in the same clause ("we never charge a
    fee", "без оплати"; not "без досвіду, виїзд завтра"), or words right after it that take it
    back in the same clause ("Vermittlungsgebühr gibt es bei uns nicht")."""
    return negation is not None and negation.negates(text, m.start(), m.end())


def _cue_before(text: str, start: int, cue: re.Pattern[str] | None) -> bool:
    if cue is None:
        return False
    window = text[max(0, start - 80) : start]
    last_end = max((m.end() for m in SENTENCE_END.finditer(window)), default=0)
    clause = CLAUSE_END.split(window[last_end:])[-1]
    return bool(cue.search(" ".join(WORD.findall(clause)[-NEGATION_WORDS:])))


def _cue_after(text: str, end: int, cue: re.Pattern[str] | None) -> bool:
    if cue is None:
        return False
    window = text[end : end + 80]
    stop = SENTENCE_END.search(window)
    clause = CLAUSE_END.split(window[: stop.start()] if stop is not None else window)[0]
    return bool(cue.match(" ".join(WORD.findall(clause)[:TAKEN_BACK_WORDS])))


def matches(pattern: re.Pattern[str], view: View) -> Iterator[re.Match[str]]:
    """Every match of the pattern that stays inside one sentence, by where it starts."""
    text, pos, n = view.text, 0, len(view.text)
    while pos <= n:
        m = pattern.search(text, pos)
        if m is None:
            return
        stop = view.sentence_stop(m.start())
        if m.end() > stop:  # ran into the next sentence: look again inside this one
            inside = pattern.search(text, m.start(), stop)
            if inside is None:
                pos = stop + 1
                continue
            m = inside
        yield m
        pos = m.start() + 1


def find(rule: SignRule, views: Sequence[View], rules: Rules) -> Finding | None:
    """The first match of the rule that is not negated, unless the text reassures about it."""
    for view in views:
        if any(p.search(view.text) for p in rule.safe.get(view.lang, ())):
            return None
    for view in views:
        cue = rules.negations.get(view.lang)
        for pattern in _patterns(rule.patterns, view.lang):
            for m in matches(pattern, view):
                if not negated(view.text, m, cue):
                    return _finding(rule, view, m)
    return None


def _finding(rule: SignRule, view: View, m: re.Match[str]) -> Finding:
    evidence, span = view.quote(m.start(), m.end())
    return Finding(rule.id, rule.severity, evidence, span)


def find_all(views: Sequence[View], rules: Rules, index: Index) -> dict[str, Finding]:
    """Every sign's first match (as ``find``), each text read once, word by word, with the
    index: the reassurances and the signs together; a reassured sign is dropped at the end."""
    calm: set[int] = set()
    first: dict[int, tuple[View, re.Match[str]]] = {}
    for group in _by_text(views):
        tables = [
            (v, index.safe.get(v.lang), index.signs.get(v.lang), rules.negations.get(v.lang))
            for v in group
        ]
        reading = index.reading(tuple(v.lang for v in group))
        for number, view, m, safe in _hits(tables, reading, calm, set(first)):
            if safe or m is None:
                calm.add(number)
            else:
                first[number] = (view, m)
    found: dict[str, Finding] = {}
    for number, (view, m) in sorted(first.items()):
        if number not in calm:
            rule = rules.signs[number]
            found[rule.id] = _finding(rule, view, m)
    return found


def _by_text(views: Sequence[View]) -> list[list[View]]:
    """Views that read the same text (in different languages) together."""
    groups: dict[int, list[View]] = {}
    for view in views:
        groups.setdefault(id(view.text), []).append(view)
    return list(groups.values())


Lookup = tuple[View, Table | None, Table | None, Negation | None]


def _hits(
    tables: Sequence[Lookup], reading: Reading, calm: set[int], found: set[int]
) -> Iterator[tuple[int, View, re.Match[str] | None, bool]]:
    """In views of one text: the first reassurance of each sign, and the first match of each
    sign that stays inside one sentence and is not negated."""
    calm, found = set(calm), set(found)
    text = tables[0][0].text
    ends = [m.start() for m in SENTENCE_END.finditer(text)]  # one character each
    ends.append(len(text))
    sentence = 0
    memo = reading.memo
    views = [view for view, *_ in tables]
    cues = [cue for *_, cue in tables]
    for word in WORD.finditer(text):
        w, pos = word.group(0), word.start()
        while ends[sentence] < pos:
            sentence += 1
        stop = ends[sentence]  # where this word's sentence ends (view.sentence_stop(pos))
        candidates = memo.get(w[:PREFIX])
        if candidates is None:
            candidates = reading.at(w)
        for i, is_safe, number, pattern in candidates:
            if number in calm:
                continue
            if is_safe:
                if pattern.match(text, pos):
                    calm.add(number)
                    yield number, views[i], None, True
            elif number not in found:
                m = pattern.match(text, pos, stop)
                if m is not None and not negated(text, m, cues[i]):
                    found.add(number)
                    yield number, views[i], m, False
    # Patterns that can start anywhere: the languages share some ("any"), searched once.
    reassured: dict[str, bool] = {}
    matched: dict[str, list[re.Match[str]]] = {}
    for view, safe, signs, cue in tables:
        for number, pattern in safe.anywhere if safe is not None else ():
            if number in calm:
                continue
            if pattern.pattern not in reassured:
                reassured[pattern.pattern] = pattern.search(text) is not None
            if reassured[pattern.pattern]:
                calm.add(number)
                yield number, view, None, True
        for number, pattern in signs.anywhere if signs is not None else ():
            if number in found or number in calm:
                continue
            if pattern.pattern not in matched:
                matched[pattern.pattern] = list(matches(pattern, view))
            for m in matched[pattern.pattern]:
                if not negated(text, m, cue):
                    found.add(number)
                    yield number, view, m, False
                    break


def views_of(source: Normalised, rules: Rules) -> tuple[str, list[View]]:
    """The ad's language, and the readings of the text to match."""
    languages = detect_languages(source.folded, rules)
    views = [View(lang, source.folded, source) for lang in languages]
    language = languages[0]
    if language not in ("uk", "ru", "el"):
        translit = transliterated(source.folded, rules)
        if sum(translit.values()) >= TRANSLIT_MIN_WORDS:
            for lang in ("uk", "ru"):
                text, origin = _cyrillic(source.folded, lang)
                views.append(View(lang, text, source, origin))
            read_as = max(translit, key=lambda lang: translit[lang])
            if language == "und" or translit[read_as] > _latin_hits(source.folded, rules)[language]:
                language = read_as  # mostly transliterated Ukrainian or Russian
    return language, views


def analyse(text: str, rules: Rules, country: str | None = None) -> Analysis:
    """``country`` is the person's country, if known: the pay check's hint."""
    source = normalised(text)
    language, views = views_of(source, rules)
    signs = find_all(views, rules, rules.index) if rules.index is not None else None
    found: list[Finding] = []
    for rule in rules.signs:
        if rule.id == PAY_SIGN and rules.pay is not None:
            finding = pay_finding(rule, source, rules.pay, country, language)
        else:
            finding = signs.get(rule.id) if signs is not None else find(rule, views, rules)
        if finding is not None:
            found.append(finding)
    if rules.model is not None and rules.model.reads(source.folded, language):
        found = _with_model(found, rules, rules.model, source)
    if risk_level([f.severity for f in found]) == "high":
        found = _with_unnamed_employer(found, rules, views, source)
    findings = tuple(found)
    risk = risk_level([f.severity for f in findings])
    return Analysis(risk, score(findings), language, findings)


def _with_model(
    found: list[Finding], rules: Rules, model: Model, source: Normalised
) -> list[Finding]:
    """The rules' findings, checked against the learned reading: a sign it is sure of that the
    rules missed is added when one sentence carries it, quoting that sentence (never the pay
    sign: pay is read and compared, not guessed); a medium or low sign the rules found is
    dropped when the model all but rules it out. A severe sign the rules found always stays:
    they quote its exact words."""
    reading = model.read(source.folded)
    kept = [
        f
        for f in found
        if f.severity == "high"
        or f.sign not in reading
        or reading[f.sign].probability >= model.veto
    ]
    have = {f.sign for f in kept}
    for rule in rules.signs:
        sign = reading.get(rule.id)
        if rule.id in have or rule.id == PAY_SIGN or sign is None or sign.span is None:
            continue
        if sign.probability >= model.threshold and sign.weight >= model.min_weight:
            begin, stop = source.span(*sign.span)
            if stop - begin > EVIDENCE_SENTENCE_MAX:
                cut = source.original.rfind(" ", begin, begin + EVIDENCE_SENTENCE_MAX)
                stop = cut if cut > begin else begin + EVIDENCE_SENTENCE_MAX
            if begin < stop:
                evidence = source.original[begin:stop]
                kept.append(Finding(rule.id, rule.severity, evidence, (begin, stop), learned=True))
    return in_rule_order(kept, rules)


def view_stop(text: str, at: int) -> int:
    """Where the sentence that ``at`` is in ends."""
    end = SENTENCE_END.search(text, at)
    return end.start() if end is not None else len(text)


def _with_unnamed_employer(
    found: list[Finding], rules: Rules, views: Sequence[View], source: Normalised
) -> list[Finding]:
    """The findings, with ``vague_employer`` added when an already high-risk ad names no
    employer at all: none of the sign's ``named`` patterns (a company's legal form, a registration
    or licence number, a street address, a quoted name) is in it. A missing name alone is weak
    (many honest small ads give none), so it is never a sign by itself and never raises the
    risk; it tells the person what to ask for. The evidence is the ad's contact (a phone number,
    a handle, an e-mail), or else its first sentence."""
    rule = next((r for r in rules.signs if r.id == VAGUE_SIGN), None)
    if rule is None or any(f.sign == VAGUE_SIGN for f in found):
        return found
    searched: set[tuple[int, str]] = set()  # views of one text share the "any" patterns
    for view in views:
        for pattern in _patterns(rule.named, view.lang):
            if (id(view.text), pattern.pattern) not in searched:
                searched.add((id(view.text), pattern.pattern))
                if pattern.search(view.text):
                    return found
    contact = CONTACT.search(source.folded)
    if contact is not None:
        start, end = contact.span()
    else:
        first = WORD.search(source.folded)
        if first is None:
            return found
        start = first.start()
        end = min(view_stop(source.folded, start), start + EVIDENCE_MAX)
    begin, stop = source.span(start, end)
    if begin >= stop:
        return found
    finding = Finding(VAGUE_SIGN, rule.severity, source.original[begin:stop], (begin, stop))
    return in_rule_order([*found, finding], rules)


def in_rule_order(findings: Iterable[Finding], rules: Rules) -> list[Finding]:
    """Findings in the order of the rules' signs (as ``analyse`` finds them)."""
    order = {r.id: n for n, r in enumerate(rules.signs)}
    return sorted(findings, key=lambda f: order.get(f.sign, len(order)))


def pay_finding(
    rule: SignRule, source: Normalised, pay: PayRules, country: str | None, language: str
) -> Finding | None:
    """Pay far above the minimum wage where the job is (see ``flows.pay``)."""
    reading = unrealistic(source.norm, pay, country, language)
    if reading is None:
        return None
    begin, stop = source.span(reading.start, reading.end)
    return Finding(rule.id, rule.severity, source.original[begin:stop], (begin, stop), reading)


def score(findings: Iterable[Finding]) -> float:
    remaining = 1.0
    for f in findings:
        remaining *= 1 - SEVERITY_WEIGHT[f.severity]
    return 1 - remaining


def risk_level(severities: Sequence[str]) -> str:
    """From the signs' severities: high on one severe sign or any two signs together
    (safety-content §1.4: "combine with others"); medium on one medium sign; low on one low
    sign or none."""
    if "high" in severities or len(severities) >= 2:
        return "high"
    if "medium" in severities:
        return "medium"
    return "low"


# --- compiling patterns (used by the loader) --------------------------------------------------


def pattern_source(pattern: str) -> str:
    """A pattern as matched: folded like the text, and each space outside a character class
    standing for any gap between two words of a sentence (spaces, punctuation, emoji)."""
    out: list[str] = []
    in_class = escaped = False
    for ch in fold(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]" or out[-1] == "["
        elif ch == "[":
            in_class = True
        elif ch == " ":
            out.append(f"(?:{GAP})")
            continue
        out.append(ch)
    return "".join(out)


def combine(patterns: Iterable[str]) -> re.Pattern[str]:
    """One pattern for several: each anchored at the start of a word ("платно" must not match
    in "безплатно"); the first that matches at a place wins."""
    return re.compile(
        WORD_START + "(?:" + "|".join(f"(?:{pattern_source(p)})" for p in patterns) + ")"
    )
