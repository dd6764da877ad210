"""The French, Arabic and English catalogues are complete, consistent and compiled.

Plain checks on the files under irtiqaa/locale/ (standard library only, no database): no fuzzy
entry, no empty translation, the same placeholders in every translation as in its source, the
Arabic six plural forms, and .mo files compiled from the current .po files. After editing a .po,
run `make compile-messages`.
"""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ["fr", "ar", "en"]
NPLURALS = {"fr": 2, "ar": 6, "en": 2}

# %(name)s, %(age)d, %s, %d, %.2f ... but not a literal %%.
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa]"
)
ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # 0 for a singular entry
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def label(self) -> str:
        return repr(self.msgid if self.msgctxt is None else f"{self.msgctxt}|{self.msgid}")


def _unquote(text: str, path: Path, number: int) -> str:
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise AssertionError(f"{path}:{number}: expected a quoted string, got {text!r}")
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        if body[i] == "\\":
            out.append(ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def parse_po(path: Path) -> list[Entry]:
    """Every entry of a .po file, the header (msgid "") included; obsolete #~ entries left out."""
    entries: list[Entry] = []
    entry, target = Entry(), None
    started = False

    def finish() -> None:
        nonlocal entry, target, started
        if started:
            entries.append(entry)
        entry, target, started = Entry(), None, False

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            if started and target is not None and target.startswith("msgstr"):
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
        elif line.startswith("#"):
            if started and target is not None and target.startswith("msgstr"):
                finish()
        elif line.startswith('"'):
            if target is None:
                raise AssertionError(f"{path}:{number}: string outside an entry")
            value = _unquote(line, path, number)
            if target == "msgctxt":
                entry.msgctxt = (entry.msgctxt or "") + value
            elif target == "msgid":
                entry.msgid += value
            elif target == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + value
            else:
                index = int(target[7:-1]) if target.startswith("msgstr[") else 0
                entry.msgstr[index] += value
        else:
            keyword, _, rest = line.partition(" ")
            if (
                keyword in ("msgctxt", "msgid")
                and started
                and target is not None
                and target.startswith("msgstr")
            ):
                finish()  # a new entry without a blank line before it
            if not started:
                entry.line, started = number, True
            value = _unquote(rest.strip(), path, number)
            target = keyword
            if keyword == "msgctxt":
                entry.msgctxt = value
            elif keyword == "msgid":
                entry.msgid = value
            elif keyword == "msgid_plural":
                entry.msgid_plural = value
            elif keyword == "msgstr" or re.fullmatch(r"msgstr\[\d+\]", keyword):
                entry.msgstr[int(keyword[7:-1]) if keyword != "msgstr" else 0] = value
            else:
                raise AssertionError(f"{path}:{number}: unknown keyword {keyword!r}")
    finish()
    return entries


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo"


def header(entries: list[Entry]) -> dict[str, str]:
    heads = [e for e in entries if e.msgid == "" and e.msgctxt is None]
    assert len(heads) == 1, 'the catalogue needs exactly one header entry (msgid "")'
    fields = {}
    for line in heads[0].msgstr.get(0, "").splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def messages(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if not (e.msgid == "" and e.msgctxt is None)]


def placeholders(text: str, python_format: bool) -> tuple[frozenset[str], tuple[str, ...]]:
    """Named placeholders as a set, positional ones (%s, %d) in order.

    In an entry not flagged python-format, "%" is not special to Python, so only a bare %s, %d...
    counts there: "50 % des" is not a placeholder.
    """
    if python_format:
        text = text.replace("%%", "")
    named, ordered = set(), []
    for match in PLACEHOLDER.finditer(text):
        if match.group("name") is not None:
            named.add(match.group(0))
        elif python_format or len(match.group(0)) == 2:
            ordered.append(match.group(0))
    return frozenset(named), tuple(ordered)


def fail_listing(problem: str, lang: str, offenders: list[str]) -> None:
    if offenders:
        shown = "\n  ".join(offenders)
        pytest.fail(f"{po_path(lang)}: {len(offenders)} {problem}:\n  {shown}", pytrace=False)


@pytest.fixture(scope="module", params=LANGUAGES)
def catalogue(request: pytest.FixtureRequest) -> tuple[str, list[Entry]]:
    lang = request.param
    assert po_path(lang).is_file(), f"{po_path(lang)} is missing: run `make messages`"
    return lang, parse_po(po_path(lang))


def test_catalogue_has_messages(catalogue: tuple[str, list[Entry]]) -> None:
    lang, entries = catalogue
    assert messages(entries), f"{po_path(lang)} has no message: run `make messages`"


def test_header(catalogue: tuple[str, list[Entry]]) -> None:
    lang, entries = catalogue
    fields = header(entries)
    assert fields.get("Language") == lang, (
        f"{po_path(lang)}: header Language is {fields.get('Language')!r}"
    )
    assert "charset=utf-8" in fields.get("Content-Type", "").lower().replace(" ", ""), (
        f"{po_path(lang)}: header Content-Type must declare charset=UTF-8"
    )
    plural_forms = fields.get("Plural-Forms", "")
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    assert match and int(match.group(1)) == NPLURALS[lang], (
        f"{po_path(lang)}: Plural-Forms must declare nplurals={NPLURALS[lang]}, found {plural_forms!r}"
    )


def test_arabic_plural_rule() -> None:
    """nplurals=6 and the rule picks zero, one, two, few (3-10), many (11-99) and other."""
    fields = header(parse_po(po_path("ar")))
    plural_forms = fields.get("Plural-Forms", "")
    assert re.search(r"nplurals\s*=\s*6\s*;", plural_forms), (
        f"Arabic Plural-Forms: {plural_forms!r}"
    )
    rule = gettext.c2py(plural_forms.split("plural=", 1)[1].rstrip(";").strip())
    expected = {
        0: 0,
        1: 1,
        2: 2,
        3: 3,
        10: 3,
        11: 4,
        99: 4,
        100: 5,
        101: 5,
        102: 5,
        103: 3,
        111: 4,
        1000: 5,
    }
    wrong = {n: rule(n) for n, form in expected.items() if rule(n) != form}
    assert not wrong, f"Arabic plural rule gives the wrong form for {wrong}"


def test_no_fuzzy_entry(catalogue: tuple[str, list[Entry]]) -> None:
    lang, entries = catalogue
    fail_listing(
        "fuzzy entries (check each one, then remove `#, fuzzy`)",
        lang,
        [
            f"line {e.line}: {e.label if e.msgid else 'header'}"
            for e in entries
            if "fuzzy" in e.flags
        ],
    )


def test_every_msgstr_is_filled(catalogue: tuple[str, list[Entry]]) -> None:
    lang, entries = catalogue
    offenders = []
    for e in messages(entries):
        if e.msgid_plural is None:
            if not e.msgstr.get(0):
                offenders.append(f"line {e.line}: {e.label}")
        else:
            missing = [i for i in range(NPLURALS[lang]) if not e.msgstr.get(i)]
            extra = sorted(set(e.msgstr) - set(range(NPLURALS[lang])))
            if missing or extra:
                offenders.append(
                    f"line {e.line}: {e.label} (empty forms {missing}, unexpected forms {extra})"
                )
    fail_listing("untranslated entries", lang, offenders)


def test_placeholders_match(catalogue: tuple[str, list[Entry]]) -> None:
    lang, entries = catalogue
    offenders = []
    for e in messages(entries):
        python_format = "python-format" in e.flags
        sources = [e.msgid] + ([e.msgid_plural] if e.msgid_plural is not None else [])
        expected_named = frozenset().union(*(placeholders(s, python_format)[0] for s in sources))
        expected_ordered = placeholders(sources[-1], python_format)[1]
        for index, text in sorted(e.msgstr.items()):
            if not text:
                continue  # reported by test_every_msgstr_is_filled
            named, ordered = placeholders(text, python_format)
            if named != expected_named or ordered != expected_ordered:
                form = f"[{index}]" if e.msgid_plural is not None else ""
                offenders.append(
                    f"line {e.line}: {e.label}{form}: expected {sorted(expected_named) + list(expected_ordered)}, "
                    f"found {sorted(named) + list(ordered)}"
                )
    fail_listing("entries whose placeholders differ from the source", lang, offenders)


def _without_pot_date(catalogue: dict[object, str]) -> dict[object, str]:
    """msgfmt leaves POT-Creation-Date out of the .mo header, and makemessages rewrites it."""
    if "" in catalogue:
        lines = catalogue[""].splitlines(keepends=True)
        catalogue[""] = "".join(line for line in lines if not line.startswith("POT-Creation-Date:"))
    return catalogue


def compiled(lang: str) -> dict[object, str]:
    with mo_path(lang).open("rb") as handle:
        catalogue = dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]
    return _without_pot_date(catalogue)


def expected_catalogue(entries: list[Entry]) -> dict[object, str]:
    """What msgfmt writes for these entries (fuzzy and empty translations are left out)."""
    result: dict[object, str] = {}
    for e in entries:
        if "fuzzy" in e.flags and e.msgid != "":
            continue
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is None:
            if e.msgstr.get(0):
                result[key] = e.msgstr[0]
        elif all(e.msgstr.values()):
            for index, text in e.msgstr.items():
                result[(key, index)] = text
    return _without_pot_date(result)


def stale_entries(lang: str) -> list[str]:
    have, want = compiled(lang), expected_catalogue(parse_po(po_path(lang)))
    keys = sorted({k for k in set(have) | set(want) if have.get(k) != want.get(k)}, key=repr)
    return [repr(k) for k in keys]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mo_not_older_than_po(lang: str) -> None:
    """The .mo was compiled after the last edit of its .po.

    A .po rewritten without any change (makemessages with nothing new, a fresh git checkout that
    happens to write the .po last) passes when the .mo still holds exactly what the .po says.
    """
    assert mo_path(lang).is_file(), f"{mo_path(lang)} is missing: run `make compile-messages`"
    if mo_path(lang).stat().st_mtime >= po_path(lang).stat().st_mtime:
        return
    stale = stale_entries(lang)
    fail_listing(
        f"entries differ in the older {mo_path(lang).name} (run `make compile-messages`)",
        lang,
        stale,
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mo_matches_po(lang: str) -> None:
    assert mo_path(lang).is_file(), f"{mo_path(lang)} is missing: run `make compile-messages`"
    fail_listing(
        f"entries differ between the .po and {mo_path(lang).name} (run `make compile-messages`)",
        lang,
        stale_entries(lang),
    )
