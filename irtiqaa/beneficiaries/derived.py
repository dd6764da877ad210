"""Fields computed from a woman's names and CIN, kept up to date by every write path."""

from irtiqaa.beneficiaries import matching
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.lib.crypto import search_hash


def apply_derived_fields(beneficiary: Beneficiary) -> None:
    beneficiary.cin_hash = search_hash("cin", beneficiary.cin) if beneficiary.cin else ""
    beneficiary.search_text = matching.search_terms(
        beneficiary.first_name_latin,
        beneficiary.last_name_latin,
        beneficiary.first_name_ar,
        beneficiary.last_name_ar,
    )
    beneficiary.name_key = matching.name_key(beneficiary.latin_name or beneficiary.arabic_name)[
        :160
    ]
    if beneficiary.last_name_latin or beneficiary.first_name_latin:
        first, last = beneficiary.first_name_latin, beneficiary.last_name_latin
    else:
        first, last = beneficiary.first_name_ar, beneficiary.last_name_ar
    beneficiary.sort_name = matching.sort_name(first, last)[:170]
