"""Normalisation and loose validation of national ID card numbers (CIN) and phone numbers.

Plain Python (no Django): the web form, the API and the import pipeline all call these.
"""

import re

import phonenumbers

# 1–2 letters for the issuing area, then digits. No official specification is public, so the
# check stays loose and never maps letters to regions.
CIN_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9]{3,8}$")
PHONE_REGIONS = ("MA", "ES")


class IdentifierError(ValueError):
    pass


def normalise_cin(raw: str) -> str:
    """Uppercase, without spaces, dashes or dots; raises IdentifierError if it cannot be a CIN."""
    cin = re.sub(r"[\s.\-/]", "", raw or "").upper()
    if not CIN_PATTERN.match(cin):
        raise IdentifierError("A CIN is one or two letters followed by digits, e.g. AB123456.")
    return cin


def normalise_phone(raw: str) -> str:
    """A Moroccan or Spanish phone number in E.164 form (+2126…, +346…).

    Numbers without a country prefix are read as Moroccan first (0612345678), then Spanish
    (612345678, nine digits as dialled in Spain).
    """
    text = (raw or "").strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    candidates = (None,) if text.startswith("+") else PHONE_REGIONS
    for region in candidates:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if (
            phonenumbers.is_valid_number(number)
            and phonenumbers.region_code_for_number(number) in PHONE_REGIONS
        ):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise IdentifierError("Enter a valid Moroccan or Spanish phone number, e.g. 0612345678.")


def format_phone(e164: str) -> str:
    """Readable international form, e.g. +212 6 12 34 56 78."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def mask_cin(cin: str) -> str:
    """Enough of a CIN to compare two files without showing it: AB123456 → AB••••56."""
    if len(cin) <= 4:
        return "•" * len(cin)
    return cin[:2] + "•" * (len(cin) - 4) + cin[-2:]


def mask_phone(e164: str) -> str:
    """The country and the last two digits: +212612345678 → +212 6 •• •• •• 78."""
    groups = format_phone(e164).split(" ")
    if len(groups) < 3:
        return "•" * max(len(e164) - 2, 0) + e164[-2:]
    middle = ["•" * len(g) for g in groups[2:-1]]
    return " ".join([*groups[:2], *middle, "•" * (len(groups[-1]) - 2) + groups[-1][-2:]])
