"""Name normalisation and similarity for Moroccan names in Latin and Arabic script.

Plain Python: no Django. "Fatima Zahra", "Fatimazahra", "Fatima-Ezzahra" and "فاطمة الزهراء" must
all reduce to comparable keys, so that search and the duplicate check find the same woman
whatever the spelling on the list in front of the advisor.
"""

import re
import unicodedata

from rapidfuzz import fuzz

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
        words.append("".join(ARABIC_TO_LATIN.get(c, "") for c in word))
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
    words = [w for w in latin_words(source) if w not in PARTICLES]
    folded = []
    for word in words:
        word = re.sub(r"^e([dnrstz])\1(?=[a-z]{3})", r"\1", word)  # Ezzahra → zahra
        folded.append(_fold_word(word))
    return "".join(folded)


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
