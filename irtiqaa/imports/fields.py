"""What a list can hold: the registry's fields a column can be matched to, and the problems a row
can have, with their wording."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from irtiqaa.beneficiaries.models import EducationLevel, Literacy, MaritalStatus
from irtiqaa.seasons.services import INELIGIBILITY_MESSAGES

# In the order of the mapping page. A list has either separate first and last names or one
# column with both ("Nom et prénom"), in either script or both.
TARGET_FIELDS = {
    "last_name_latin": _("Last name (Latin script)"),
    "first_name_latin": _("First name (Latin script)"),
    "full_name_latin": _("Last and first name in one column (Latin script)"),
    "last_name_ar": _("Last name (Arabic script)"),
    "first_name_ar": _("First name (Arabic script)"),
    "full_name_ar": _("First and last name in one column (Arabic script)"),
    "birth_date": _("Date of birth"),
    "cin": _("CIN"),
    "phones": _("Phones"),
    "province": _("Province or prefecture"),
    "commune": _("Commune"),
    "marital_status": _("Marital status"),
    "children_count": _("Number of children"),
    "education_level": _("Education level"),
    "literacy_arabic": _("Literacy in Arabic"),
    "literacy_french": _("Literacy in French"),
    "languages": _("Spoken languages"),
    "agricultural_experience_years": _("Years of agricultural experience"),
    "skills": _("Skills"),
    "employer": _("Employer"),
}

# Fields a whole list may share when it has no column for them, with the choices offered.
LIST_WIDE_CHOICES = {
    "marital_status": MaritalStatus.choices,
    "education_level": EducationLevel.choices,
    "literacy_arabic": Literacy.choices,
    "literacy_french": Literacy.choices,
}
# The province is chosen among the provinces; without a column or a value it is the agency's.
LIST_WIDE_FIELDS = ("province", *LIST_WIDE_CHOICES)

PROBLEMS = {
    "names_missing": _(
        "Her first and last name are missing (in Latin script, in Arabic script, or both)."
    ),
    "name_invalid": _("A name holds only letters, spaces, hyphens and apostrophes."),
    "name_script_ar": _("Write this name in Arabic script."),
    "name_script_latin": _("Write this name in Latin script."),
    "name_too_long": _("This name is longer than 80 characters."),
    "required": _("This value is missing."),
    "invalid_date": _("This is not a date: write it as dd/mm/yyyy."),
    "two_digit_year": _("Write the year with four digits (dd/mm/yyyy)."),
    "year_only": _("Only the year is written: write the whole date (dd/mm/yyyy)."),
    "future": _("The date of birth cannot be in the future."),
    "too_young": _("She must be at least 18 years old."),
    "too_old": _("Check the year of birth."),
    "cin_invalid": _("A CIN is one or two letters followed by digits, e.g. AB123456."),
    "phone_invalid": _("Enter a valid Moroccan or Spanish phone number, e.g. 0612345678."),
    "province_unknown": _("No province or prefecture has this name."),
    "unknown_choice": _("This value is not one of the choices."),
    "not_a_whole_number": _("Write a whole number."),
    "too_large": _("This number is too large."),
    "too_long": _("This text is too long."),
    "uncomputed_formula": _(
        "This cell holds a formula whose result the file does not keep: open the list in a "
        "spreadsheet program, save it, and import it again."
    ),
    "cin_in_file": pgettext_lazy("import", "The same CIN is on another row of the list."),
    "cin_other_woman": _("This CIN is already recorded for another woman."),
}

WARNINGS = {
    **INELIGIBILITY_MESSAGES,
    "extra_values": _("This row has more values than the list has columns: they were ignored."),
}


OUTCOME_REASONS = {
    "decision_skip": _("Skipped, as decided in the preview."),
    "same_as_row": _("The same woman as an earlier row of the list."),
    "cin_other_woman": _("This CIN is already recorded for another woman."),
    "cin_in_file": pgettext_lazy("import", "The same CIN is on another row of the list."),
    "consent_withdrawn": _("She has withdrawn her consent to accompaniment."),
    "out_of_scope": _("Her file is no longer within your scope."),
}


# How the page names the encoding a CSV list was read in: what an advisor recognises, with the
# technical name for whoever needs it ("read as Arabic Windows text (cp1256)").
ENCODING_NAMES = {
    "utf-8-sig": "UTF-8",
    "utf-8": "UTF-8",
    "utf-16": _("Unicode text (UTF-16)"),
    "cp1256": _("Arabic Windows text (cp1256)"),
    "latin-1": _("French Windows text (Latin-1)"),
}


def encoding_name(encoding: str) -> str:
    return str(ENCODING_NAMES.get(encoding, encoding))


def problem_texts(problems: list[dict[str, str]]) -> list[str]:
    """Each problem of a row as "Field: what is wrong", or "Field "as written": what is wrong"
    when the problem keeps the value as the list writes it."""
    texts = []
    for p in problems:
        words = {
            "field": TARGET_FIELDS.get(p["field"], p["field"]),
            "problem": PROBLEMS.get(p["code"], p["code"]),
            "written": p.get("written", ""),
        }
        if words["written"]:
            texts.append(str(_('%(field)s "%(written)s": %(problem)s') % words))
        else:
            texts.append(str(_("%(field)s: %(problem)s") % words))
    return texts


def warning_texts(codes: list[str]) -> list[str]:
    return [str(WARNINGS.get(code, code)) for code in codes]
