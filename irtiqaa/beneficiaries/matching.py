"""Name normalisation and similarity for Moroccan names in Latin and Arabic script.

Plain Python: no Django. "Fatima Zahra", "Fatimazahra", "Fatima-Ezzahra" and "فاطمة الزهراء" must
all reduce to comparable keys, so that search and the duplicate check find the same woman
whatever the spelling on the list in front of the advisor.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

ARABIC_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")  # harakat, dagger alif, tatweel
ARABIC_LETTERS = re.compile(r"[\u0600-\u06FF]")

# Folding of Arabic letter variants that spellings mix up.
ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)

# A deliberately coarse transliteration: it aims at the same key as the French-style spelling,
# not at a faithful romanisation. Short vowels are not written in Arabic, so vowels are dropped
# from Latin keys too (see `skeleton`).
ARABIC_TO_LATIN = {
    "ا": "a",
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "ch",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "d",
    "ع": "a",
    "غ": "gh",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "a",
    "و": "ou",
    "ي": "i",
    "ء": "",
    "گ": "g",
    "ڭ": "g",
    "ڤ": "v",
    "پ": "p",
}

# The article that some lists write and others drop: "El Alaoui" / "Alaoui". Other particles
# (Ben, Ait, Ou, Bou) are part of the name and are glued to it: "Ben Ali" is "Benali".
PARTICLES = frozenset({"el", "al", "l"})

# Transliteration variants reduced to one spelling, applied to lowercase ASCII.
LATIN_VARIANTS = (
    (re.compile(r"sh"), "ch"),
    (re.compile(r"dj"), "j"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"w"), "u"),
    (re.compile(r"q"), "k"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"y"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters
)
VOWELS = re.compile(r"[aeiou]")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def has_arabic(text: str) -> bool:
    return bool(ARABIC_LETTERS.search(text))


def normalise_arabic(text: str) -> str:
    """Arabic without diacritics and with letter variants folded, words single-spaced."""
    text = ARABIC_DIACRITICS.sub("", text).translate(ARABIC_FOLD)
    return " ".join(re.sub(r"[^\u0600-\u06FF\s]", " ", text).split())


def transliterate_arabic(text: str) -> str:
    words = []
    for word in normalise_arabic(text).split():
        # The article "ال" is written joined: "الزهراء" is "ez-zahra", "el-alaoui".
        if word.startswith("ال") and len(word) > 3:
            words.append("el")
            word = word[2:]
        letters = [ARABIC_TO_LATIN.get(c, "") for c in word]
        # "ه" is a vowel ending only at the end of a word (where "ة" was folded into it):
        # "الهاشمية" is "hachmia", not "achmia".
        letters = [
            "h" if c == "ه" and i < len(word) - 1 else letter
            for i, (c, letter) in enumerate(zip(word, letters, strict=True))
        ]
        # "ص" or "س" then "ح" is not the "ch" sound Latin "sh" folds into: write the vowel Latin
        # lists write there ("الصحراوي" is "sahraoui").
        latin = ""
        for letter in letters:
            if latin and latin[-1] in "scktdg" and letter.startswith("h"):
                latin += "a"
            latin += letter
        words.append(latin)
    return " ".join(w for w in words if w)


def latin_words(text: str) -> list[str]:
    """Lowercase ASCII words; hyphens, apostrophes and dots separate words."""
    text = strip_accents(text).lower()
    text = re.sub(r"[^a-z\s]", " ", text)
    return text.split()


def _fold_word(word: str) -> str:
    for pattern, replacement in LATIN_VARIANTS:
        word = pattern.sub(replacement, word)
    return word


def name_key(text: str) -> str:
    """A comparison key for a name in either script: particles dropped, variants folded.

    Words are joined without spaces so that "Fatima Zahra" and "Fatimazahra" coincide; the
    assimilated article ("Ezzahra", "Essaadia") loses its prefix the same way "El" does.
    """
    source = transliterate_arabic(text) if has_arabic(text) else text
    words = [_fold_key(w) for w in latin_words(source) if w not in PARTICLES]
    # Joining words can make a doubled letter or a digraph ("Fatima Ahmed"): fold again, so
    # that a key is its own key.
    return _fold_key("".join(w for w in words if w not in PARTICLES))


def _fold_key(word: str) -> str:
    while True:
        folded = re.sub(r"^e([dnrstz])\1(?=[a-z]{3})", r"\1", word)  # Ezzahra → zahra
        folded = re.sub(r"^e(ch|sh)\1(?=[a-z]{3})", r"\1", folded)  # Echcherradi → cherradi
        folded = _fold_word(folded)
        if folded == word:
            return word
        word = folded


def skeleton(key: str) -> str:
    """The key without vowels: Arabic script does not write short vowels, so compare consonants."""
    return VOWELS.sub("", key)


def similarity(a: str, b: str) -> float:
    """Similarity of two names in [0, 1], in either script, order of words ignored."""
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return 0.0
    if key_a == key_b:
        return 1.0
    spelled = fuzz.ratio(key_a, key_b) / 100
    consonants = fuzz.ratio(skeleton(key_a), skeleton(key_b)) / 100
    # Word order: "Alaoui Fatima" against "Fatima Alaoui".
    reordered = fuzz.token_sort_ratio(_spaced_key(a), _spaced_key(b)) / 100
    return max(spelled, consonants * 0.95, reordered)


def _spaced_key(text: str) -> str:
    source = transliterate_arabic(text) if has_arabic(text) else text
    return " ".join(_fold_word(w) for w in latin_words(source) if w not in PARTICLES)


def sort_name(first_name: str, last_name: str) -> str:
    """Last name then first name in lowercase Latin letters, for a stable alphabetical order."""

    def latin(name: str) -> str:
        return " ".join(latin_words(transliterate_arabic(name) if has_arabic(name) else name))

    return f"{latin(last_name)} {latin(first_name)}".strip()


def search_terms(*names: str) -> str:
    """Everything a name can be searched by: folded Latin words, Arabic words, keys."""
    terms: list[str] = []
    for name in names:
        if not name:
            continue
        if has_arabic(name):
            terms.extend(normalise_arabic(name).split())
        terms.extend(
            _fold_word(w)
            for w in latin_words(transliterate_arabic(name) if has_arabic(name) else name)
        )
    return " ".join(dict.fromkeys(terms))


def query_terms(query: str) -> list[str]:
    """Terms of a search query, normalised as `search_terms` normalises the stored names."""
    if has_arabic(query):
        return normalise_arabic(query).split()
    return [_fold_word(w) for w in latin_words(query)]


# --- Matching two people ----------------------------------------------------------------------
#
# `name_key` is stored (and indexed) with every woman, so it stays as it is; matching folds a
# little further with `match_key`, which is only ever computed on the fly.

# Further variants, applied after `_fold_word`: vowel spellings French lists mix up (e/a: "Meryem"
# / "Mariam", "Sanae" / "Sanaa", "Zeineb" / "Zaynab"), "th"/"dh" for plain t/d ("Thouria",
# "Hafidha"), and "x" for "kh".
MATCH_VARIANTS = (
    (re.compile(r"x"), "kh"),
    (re.compile(r"(?<![cksg])h$"), ""),  # a final "h" is not written: "Fatimah"
    (re.compile(r"e"), "a"),
    (re.compile(r"(.)\1+"), r"\1"),
)

# The article glued to the name: "Elalaoui", "Elfassi", "Lkbira", "Lazrak". Only removed when
# enough of the name is left, so "Elham" or "Laila" keep their first letters.
GLUED_ARTICLE = re.compile(r"^(?:el|l)(?=[a-z]{4})")

# Particles that begin a family name, written as a separate word, that lists sometimes drop:
# "Ait Moussa" / "Moussa", "Ben Abdellah" / "Abdellah", "بن الطالب" / "الطالب".
LEADING_PARTICLES = frozenset(
    {"ben", "bent", "bn", "bnt", "ibn", "bel", "ait", "ou", "aou", "bou", "oulad", "ouled", "ould"}
    | {"aoulad", "ould", "uld"}
)

# Production threshold: a pair of people at or above it is shown as a suspected duplicate.
MATCH_THRESHOLD = 0.85

# Names come back again and again (a few hundred first names and family names make most of a
# registry), and the duplicate check compares a new woman with every woman born the same day in
# its scope: the keys of a name and the similarity of two names are computed once and kept.
# These functions are pure; what they return is immutable. Sizes bound the memory (a few MB).
NAME_CACHE_SIZE = 2**16


def _match_fold(key: str) -> str:
    for pattern, replacement in MATCH_VARIANTS:
        key = pattern.sub(replacement, key)
    return key


@lru_cache(maxsize=NAME_CACHE_SIZE)
def match_key(text: str) -> str:
    """A stronger key than `name_key` for comparing two people; idempotent."""
    return _match_fold(name_key(text))


@lru_cache(maxsize=NAME_CACHE_SIZE)
def _match_variants(text: str) -> frozenset[str]:
    """The match key, and the match key without a glued article ("Elalaoui" is "Alaoui") or a
    leading particle written apart ("Ait Moussa" is also "Moussa")."""
    key = name_key(text)
    variants = {_match_fold(key)}
    stripped = GLUED_ARTICLE.sub("", key)
    if stripped:
        variants.add(_match_fold(stripped))
    words = latin_words(transliterate_arabic(text) if has_arabic(text) else text)
    if len(words) > 1 and words[0] in LEADING_PARTICLES:
        rest = name_key(" ".join(words[1:]))
        if len(rest) >= 3:
            variants.add(_match_fold(rest))
    variants.discard("")
    # A name the folding empties (a lone "h", silent in Latin lists) is compared as written.
    return frozenset(variants or ({key} if key else {""}))


@lru_cache(maxsize=NAME_CACHE_SIZE)
def phonetic_key(text: str) -> str:
    """A coarse sound key for blocking: the first consonants, with a silent article, vowels
    and "h" (written or not in Latin lists) dropped. "El Idrissi", "Drissi" and "الإدريسي" share it.
    """
    key = _match_fold(GLUED_ARTICLE.sub("", name_key(text)))
    key = key.replace("ch", "C").replace("kh", "K").replace("gh", "G").replace("h", "")
    consonants = re.sub(r"(.)\1+", r"\1", skeleton(key))
    return consonants[:3] if consonants else key[:2]


def blocking_keys(first: str, last: str, birth_year: int | None, province: str = "") -> set[str]:
    """A few coarse keys: two people are compared only if they share one.

    Birth year with the sound key of either name (not tagged as first or last, so that swapped
    names still meet), and province with both sound keys (a wrong birth year still meets).
    """
    year = str(birth_year or "")
    sounds = [s for s in (phonetic_key(first), phonetic_key(last)) if s]
    keys = {f"y{year}:{s}" for s in sounds}
    if province and sounds:
        keys.add(f"p{province}:{':'.join(sorted(sounds))}")
    return keys


@dataclass(frozen=True)
class PersonName:
    """A person's names as registered: Latin script, and Arabic script when known."""

    first: str = ""
    last: str = ""
    arabic_first: str = ""
    arabic_last: str = ""

    def versions(self) -> list[tuple[str, str, str]]:
        """(script, first, last) for each script the names are written in."""
        found = []
        if self.first or self.last:
            script = "ar" if has_arabic(self.first + self.last) else "lat"
            found.append((script, self.first, self.last))
        if self.arabic_first or self.arabic_last:
            found.append(("ar", self.arabic_first, self.arabic_last))
        return found


@dataclass(frozen=True)
class Match:
    score: float
    evidence: tuple[str, ...]


# Keys next to each other on the AZERTY keyboards lists are typed on in Morocco.
AZERTY_ROWS = ("azertyuiop", "qsdfghjklm", "wxcvbn")


def _keyboard_neighbours(x: str, y: str) -> bool:
    for row, line in enumerate(AZERTY_ROWS):
        if x in line:
            i = line.index(x)
            near = set(line[max(i - 1, 0) : i + 2])
            for other in AZERTY_ROWS[max(row - 1, 0) : row + 2]:
                near.update(other[max(i - 1, 0) : i + 2])
            if y in near:
                return True
    return False


def _one_typo(a: str, b: str) -> bool:
    """One typing mistake between two keys: two letters swapped, a key next to the right one,
    or a consonant missed or added.

    A vowel missed or a letter replaced by a distant one usually makes another name ("Rahma" /
    "Rahima", "Benali" / "Bennani"), so neither counts.
    """
    if min(len(a), len(b)) < 5 or OSA.distance(a, b) != 1:
        return False
    if len(a) == len(b):
        if Levenshtein.distance(a, b) == 2:
            return True  # a transposition
        x, y = next((x, y) for x, y in zip(a, b, strict=True) if x != y)
        return _keyboard_neighbours(x, y) or _keyboard_neighbours(y, x)
    short, long = sorted((a, b), key=len)
    index = next(
        (i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short)
    )
    return long[index] not in "aeiou"


@lru_cache(maxsize=NAME_CACHE_SIZE)
def name_similarity(a: str, b: str) -> tuple[float, str]:
    """Similarity of one name against another in [0, 1], and the rule that gave it."""
    keys_a = _match_variants(a)
    keys_b = _match_variants(b)
    if not all(keys_a) or not all(keys_b):
        return 0.0, "empty"
    # Arabic does not write short vowels: across scripts, compare the consonants too. Between
    # two Latin spellings vowels tell names apart ("Karima" / "Ikram").
    across_scripts = has_arabic(a) != has_arabic(b)
    best, rule = 0.0, "different"
    for ka in sorted(keys_a):
        for kb in sorted(keys_b):
            if ka == kb:
                return 1.0, "same_key"
            spelled = fuzz.ratio(ka, kb) / 100
            sa, sb = skeleton(ka), skeleton(kb)
            # A short skeleton says little.
            weight = 0.95 if min(len(sa), len(sb)) >= 3 else 0.85
            consonants = fuzz.ratio(sa, sb) / 100 * weight if across_scripts and sa and sb else 0.0
            typo = 0.9 if _one_typo(ka, kb) else 0.0
            for value, name in (
                (spelled, "similar_spelling"),
                (consonants, "same_consonants"),
                (typo, "one_typo"),
            ):
                if value > best:
                    best, rule = value, name
    return best, rule


def _pair_score(a: tuple[str, str], b: tuple[str, str]) -> tuple[float, list[str]]:
    (first_a, last_a), (first_b, last_b) = a, b
    if first_a and last_a and first_b and last_b:
        first, first_rule = name_similarity(first_a, first_b)
        last, last_rule = name_similarity(last_a, last_b)
        # Both names must agree: sisters share a family name, namesakes share a first name.
        return min(first, last), [f"first:{first_rule}", f"last:{last_rule}"]
    # A name is missing on one side: compare the whole of what is there, a little less surely.
    whole, rule = name_similarity(f"{first_a} {last_a}", f"{first_b} {last_b}")
    return whole * 0.9, [f"whole:{rule}"]


def match_score(a: PersonName, b: PersonName) -> Match:
    """How likely two registered people are the same woman, from their names alone, in [0, 1].

    Every script of one is compared with every script of the other, in the given order and
    with first and last names swapped; the best comparison wins and says why.
    """
    best = Match(0.0, ())
    for script_a, first_a, last_a in a.versions():
        for script_b, first_b, last_b in b.versions():
            if match_key(first_a + last_a) == match_key(first_b + last_b) != "":
                score, evidence = 1.0, ["whole:same_key"]
            else:
                score, evidence = _pair_score((first_a, last_a), (first_b, last_b))
                swapped, swapped_evidence = _pair_score((first_a, last_a), (last_b, first_b))
                if swapped > score:
                    score, evidence = swapped, [*swapped_evidence, "swapped"]
            if script_a != script_b:
                evidence.append("arabic_latin")
            if score > best.score:
                best = Match(round(score, 4), tuple(evidence))
    return best


def derived_name_fields(
    first_latin: str, last_latin: str, first_ar: str, last_ar: str
) -> dict[str, str]:
    """The search and sort keys stored with a woman (search_text, name_key, sort_name), from her
    names. A change to this module changes them: `manage.py refresh_name_keys` recomputes them."""
    latin = " ".join(part for part in (first_latin, last_latin) if part)
    arabic = " ".join(part for part in (first_ar, last_ar) if part)
    first, last = (first_latin, last_latin) if (first_latin or last_latin) else (first_ar, last_ar)
    return {
        "search_text": search_terms(first_latin, last_latin, first_ar, last_ar),
        "name_key": name_key(latin or arabic)[:160],
        "sort_name": sort_name(first, last)[:170],
    }
