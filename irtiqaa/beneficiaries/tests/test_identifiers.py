"""CIN and phone normalisation: worked examples and properties."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from irtiqaa.beneficiaries.identifiers import IdentifierError, normalise_cin, normalise_phone


@pytest.mark.parametrize(
    ("raw", "cin"),
    [
        ("ab123456", "AB123456"),
        (" A 123456 ", "A123456"),
        ("be-12.34.56", "BE123456"),
        ("X9999", "X9999"),
    ],
)
def test_cin_normalisation(raw: str, cin: str) -> None:
    assert normalise_cin(raw) == cin


@pytest.mark.parametrize("raw", ["", "123456", "ABC123", "A", "AB12", "A1234567890", "É123456"])
def test_malformed_cin_is_refused(raw: str) -> None:
    with pytest.raises(IdentifierError):
        normalise_cin(raw)


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0612345678", "+212612345678"),
        ("06 12 34 56 78", "+212612345678"),
        ("06-12-34-56-78", "+212612345678"),
        ("+212 6 12 34 56 78", "+212612345678"),
        ("00212612345678", "+212612345678"),
        ("0712345678", "+212712345678"),
        ("0522123456", "+212522123456"),
        ("+34 612 34 56 78", "+34612345678"),
        ("0034612345678", "+34612345678"),
    ],
)
def test_moroccan_and_spanish_numbers(raw: str, e164: str) -> None:
    assert normalise_phone(raw) == e164


@pytest.mark.parametrize("raw", ["", "12", "phone", "+33612345678", "+1 202 555 0199", "0612"])
def test_other_numbers_are_refused(raw: str) -> None:
    with pytest.raises(IdentifierError):
        normalise_phone(raw)


@given(st.sampled_from(["A", "B", "BE", "GK", "x", "wa"]), st.integers(100, 99999999))
def test_cin_normalisation_is_idempotent(letters: str, digits: int) -> None:
    cin = normalise_cin(f"{letters} {digits}")
    assert normalise_cin(cin) == cin and cin == cin.upper() and " " not in cin


@given(
    st.integers(10_000_000, 99_999_999),
    st.sampled_from(["6", "7"]),
    st.sampled_from(["", " ", "-", "."]),
)
def test_phone_normalisation_is_idempotent_and_ignores_separators(
    number: int, prefix: str, separator: str
) -> None:
    digits = f"0{prefix}{number}"
    try:
        e164 = normalise_phone(digits)
    except IdentifierError:
        assume(False)  # a range not allocated yet: nothing to say
    spaced = separator.join(digits[i : i + 2] for i in range(0, 10, 2))
    assert normalise_phone(spaced) == normalise_phone(e164) == e164 and e164.startswith("+212")
