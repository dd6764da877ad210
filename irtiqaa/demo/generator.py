"""Reproducible synthetic women, seasons, consents and incidents, written in bulk.

The same seed gives the same women (names, dates, seasons); only the encryption tokens differ,
since Fernet draws a fresh IV each time.

It is fast enough for benchmarks: a million women load on PostgreSQL in about seven and a half
minutes on a two-core machine, 1.9 times what a plain COPY of the same rows takes
(docs/performance.md, "Demo data load"; bench/seed_demo.sh). What makes it fast:

- Rows are plain dicts of column values, not model instances: building some nine model
  instances per woman and having bulk_create prepare every value of every row took most of
  the time.
- On PostgreSQL (psycopg 3) the rows are streamed with COPY, their ids taken from the tables'
  sequences beforehand so that phones, consents and seasons can point at their woman
  (`_CopyInserter`). Elsewhere (SQLite, where the demo runs) they go through bulk_create.
  Both write the same values; encrypted fields are encrypted by the field itself either way.
- The fields derived from the names are computed by `matching.derived_name_fields` once per distinct
  combination of names (`WomanFactory.derived_name_fields`): names repeat, and normalising
  them was the costliest part of drawing a woman.
- Weighted draws reuse the running sums of their weights (`Weighted`).

None of this depends on the database: a seed gives the same women on SQLite and PostgreSQL.
"""

import datetime
import random
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from itertools import accumulate
from operator import itemgetter
from typing import Any, Protocol

from django.db import connection, models, transaction
from django.utils import timezone

from irtiqaa.beneficiaries import matching
from irtiqaa.beneficiaries.models import (
    Beneficiary,
    BeneficiaryPhone,
    Consent,
    EducationLevel,
    Language,
    Literacy,
    MaritalStatus,
)
from irtiqaa.demo.names import COMMUNES, EMPLOYERS, FAMILY_NAMES, FIRST_NAMES, SKILLS
from irtiqaa.demo.organisation import DemoOrganisation
from irtiqaa.geography.models import Province
from irtiqaa.lib.crypto import search_hash
from irtiqaa.seasons.models import Campaign, Incident, Participation

# Women drawn, then written, per transaction. It is also the unit of the random draws (a batch
# of women is drawn before their consents and seasons), so changing it changes a seed's data.
BATCH_SIZE = 2000
SEASON_YEARS = range(2021, 2027)
TODAY = datetime.date(2026, 11, 29)  # fixed so that a seed always gives the same data

# A row to insert: column values by attribute name ("province_id", not "province").
Row = dict[str, Any]

# Eligibility criteria changed from one campaign to the next (see the reference notes).
CAMPAIGN_CRITERIA: dict[int, dict[str, Any]] = {
    2021: {"min_age": 18, "max_age": 45, "children_required": True},
    2022: {"min_age": 18, "max_age": 45, "children_required": True},
    2023: {"min_age": 18, "max_age": 45, "children_required": True},
    2024: {
        "min_age": 25,
        "max_age": 40,
        "children_required": True,
        "max_youngest_child_age": 17,
        "allowed_marital_statuses": ["married", "divorced", "widowed"],
    },
    2025: {
        "min_age": 25,
        "max_age": 45,
        "children_required": True,
        "max_youngest_child_age": 17,
        "allowed_marital_statuses": ["married", "divorced", "widowed"],
    },
    2026: {
        "min_age": 25,
        "max_age": 45,
        "children_required": True,
        "max_youngest_child_age": 17,
        "allowed_marital_statuses": ["married", "divorced", "widowed"],
    },
}

INCIDENT_TEXTS = {
    Incident.Kind.WAGES: "Heures supplémentaires non payées sur deux semaines.",
    Incident.Kind.HOUSING: "Logement surpeuplé, pas d'eau chaude pendant plusieurs jours.",
    Incident.Kind.HEALTH: "Douleurs de dos, consultation au centre de santé de Moguer.",
    Incident.Kind.HARASSMENT: "Propos déplacés d'un chef d'équipe, signalés à la médiatrice.",
    Incident.Kind.DOCUMENTS: "Passeport retenu par l'employeur pendant une semaine.",
    Incident.Kind.OTHER: "Retard du bus de retour vers Tanger.",
}


class Weighted:
    """`rng.choices(values, weights)[0]`, without its per-call overhead.

    This is what `random.choices` does with one draw (a bisection of the running sums of the
    weights at `random() * total`), with the sums computed once instead of on every call. It
    draws the same value from the same generator state, so a seed's data do not change.
    """

    def __init__(self, values: Sequence[Any], weights: Sequence[int]) -> None:
        self.values = list(values)
        self.cum_weights = list(accumulate(weights))
        self.total = float(self.cum_weights[-1])
        self.hi = len(self.values) - 1

    def draw(self, rng: random.Random) -> Any:
        return self.values[bisect(self.cum_weights, rng.random() * self.total, 0, self.hi)]


MARITAL_STATUSES = Weighted(
    [MaritalStatus.MARRIED, MaritalStatus.DIVORCED, MaritalStatus.WIDOWED, MaritalStatus.SINGLE],
    [70, 12, 10, 8],
)
CHILDREN_COUNTS = Weighted([0, 1, 2, 3, 4, 5], [4, 22, 34, 24, 11, 5])
EDUCATION_LEVELS = Weighted(
    [
        EducationLevel.NONE,
        EducationLevel.KORANIC,
        EducationLevel.PRIMARY,
        EducationLevel.LOWER_SECONDARY,
        EducationLevel.UPPER_SECONDARY,
    ],
    [46, 6, 27, 13, 8],
)
SEASON_OUTCOMES = Weighted(
    [
        Participation.Status.RETURNED,
        Participation.Status.DID_NOT_RETURN,
        Participation.Status.CANCELLED,
    ],
    [90, 5, 5],
)
INCIDENT_KINDS = Weighted(list(INCIDENT_TEXTS), [30, 25, 20, 8, 10, 7])
# Share of women giving each consent, in the order they are drawn.
CONSENT_SHARES = {
    Consent.Purpose.ACCOMPANIMENT: 1.0,
    Consent.Purpose.PARTNER_SHARING: 0.7,
    Consent.Purpose.SMS_CONTACT: 0.8,
    Consent.Purpose.STATISTICS: 0.85,
    Consent.Purpose.CROSS_BORDER_SHARING: 0.3,
}
WITNESSES = ["Mina Alaoui", "Hassan Ziani", "Fatiha Bouazza"]
FOLLOW_UP = "Orientée vers la médiatrice de l'exploitation."


def ensure_campaigns() -> dict[int, Campaign]:
    campaigns = {}
    for year in SEASON_YEARS:
        criteria = CAMPAIGN_CRITERIA[year]
        campaign, _ = Campaign.objects.get_or_create(
            year=year,
            destination_province="Huelva",
            sector=Campaign.Sector.RED_FRUITS,
            defaults={
                "planned_departure_start": datetime.date(year, 1, 15),
                "planned_departure_end": datetime.date(year, 4, 5),
                "planned_return_start": datetime.date(year, 5, 20),
                "planned_return_end": datetime.date(year, 7, 31),
                **criteria,
            },
        )
        campaigns[year] = campaign
    return campaigns


class _Agency:
    """What drawing a woman needs to know about her agency, looked up once."""

    def __init__(
        self, agency: Any, provinces: list[Province], organisation: DemoOrganisation
    ) -> None:
        self.id: int = agency.pk
        self.province: Province = agency.province
        self.in_beni_mellal_khenifra: bool = agency.region.code == "bmk"
        # In the order of Province.objects (Meta.ordering): the draws depend on it.
        self.region_provinces = [p for p in provinces if p.region_id == agency.region_id]
        self.advisor_ids: list[int] = [u.pk for u in organisation.advisors_by_agency[agency.pk]]


@dataclass
class Batch:
    """A batch of women and everything hanging off them, drawn but not yet written.

    Rows are Beneficiary, BeneficiaryPhone, Consent, Participation and Incident rows. Ids are
    only known once rows are written, so a row that points at a woman is paired with her
    position in `women`, and an incident with the position of its season in `seasons`.
    """

    women: list[Row] = field(default_factory=list)
    phones: list[tuple[int, Row]] = field(default_factory=list)
    consents: list[tuple[int, Row]] = field(default_factory=list)
    seasons: list[tuple[int, Row]] = field(default_factory=list)
    incidents: list[tuple[int, Row]] = field(default_factory=list)


class WomanFactory:
    """Draws synthetic women and what hangs off them from a seeded random generator.

    It only draws, without touching the database; `write_batch` writes what it drew.
    """

    def __init__(
        self, rng: random.Random, organisation: DemoOrganisation, campaigns: dict[int, Campaign]
    ) -> None:
        self.rng = rng
        self.campaigns = campaigns
        provinces = list(Province.objects.all())
        self.agencies = [_Agency(a, provinces, organisation) for a in organisation.agencies]
        self.cin_letters = ["G", "GK", "GB", "I", "IA", "IB", "W", "WA", "X", "M", "MC", "Q"]
        # What timezone.make_aware would look up on every call.
        self.timezone = timezone.get_current_timezone()
        self._name_fields: dict[tuple[str, str, str, str], Row] = {}

    def batch(self, first: int, size: int) -> Batch:
        """Women number `first` to `first + size - 1` (the number chooses the agency).

        The draws come in this order: the women, then each woman's consents and seasons, then
        the incidents of the whole batch. Changing the order would change the data of a seed.
        """
        rng = self.rng
        batch = Batch()
        phones_of, first_years = [], []
        for number in range(first, first + size):
            woman, phones = self.woman(number % len(self.agencies))
            first_year = rng.choice(SEASON_YEARS)
            # Registered in the autumn, before the campaign's selections (from 1 December).
            woman["created_at"] = self.aware(
                datetime.date(first_year - 1, 10, 1) + datetime.timedelta(days=rng.randint(0, 45))
            )
            batch.women.append(woman)
            phones_of.append(phones)
            first_years.append(first_year)
        for position, (woman, numbers, first_year) in enumerate(
            zip(batch.women, phones_of, first_years, strict=True)
        ):
            batch.phones.extend(
                (
                    position,
                    {"number": n, "number_hash": search_hash("phone", n), "position": order},
                )
                for order, n in enumerate(numbers)
            )
            batch.consents.extend((position, c) for c in self.consents(woman))
            batch.seasons.extend((position, s) for s in self.seasons(first_year))
        batch.incidents = self.incidents(batch)
        return batch

    def latin_spelling(self, variants: tuple[str, ...]) -> str:
        # Mostly the usual spelling; a quarter of lists write it another way.
        return variants[0] if self.rng.random() < 0.75 else self.rng.choice(variants)

    def woman(self, agency_index: int) -> tuple[Row, list[str]]:
        """A Beneficiary row (derived fields filled in, CIN in clear) and her phone numbers."""
        rng = self.rng
        agency = self.agencies[agency_index]
        first_ar, first_latin = rng.choice(FIRST_NAMES)
        family_ar, family_latin = rng.choice(FAMILY_NAMES)
        scripts = rng.random()
        has_latin, has_arabic = scripts < 0.93, scripts > 0.08
        province = agency.province if rng.random() < 0.8 else rng.choice(agency.region_provinces)
        birth_date = TODAY - datetime.timedelta(days=rng.randint(21 * 365, 50 * 365))
        marital = MARITAL_STATUSES.draw(rng)
        children = 0 if marital == MaritalStatus.SINGLE else CHILDREN_COUNTS.draw(rng)
        mother_age = TODAY.year - birth_date.year
        birth_years = sorted(
            TODAY.year - rng.randint(0, max(0, min(25, mother_age - 18))) for _ in range(children)
        )
        education = EDUCATION_LEVELS.draw(rng)
        schooled = education not in (EducationLevel.NONE, EducationLevel.KORANIC)
        literacy_ar = (
            Literacy.GOOD
            if education in (EducationLevel.LOWER_SECONDARY, EducationLevel.UPPER_SECONDARY)
            else Literacy.BASIC
            if schooled or education == EducationLevel.KORANIC
            else Literacy.NONE
        )
        languages = [Language.DARIJA]
        if (agency.in_beni_mellal_khenifra and rng.random() < 0.45) or rng.random() < 0.12:
            languages.append(Language.TAMAZIGHT)
        if schooled:
            languages.append(Language.ARABIC)
        if rng.random() < 0.25:
            languages.append(Language.SPANISH)
        communes = COMMUNES.get(province.code)
        # Several values below are drawn as the row is built, in the order they are written
        # (a dict display evaluates left to right): reordering the keys would change the data.
        woman: Row = {
            "first_name_latin": self.latin_spelling(first_latin) if has_latin else "",
            "last_name_latin": self.latin_spelling(family_latin) if has_latin else "",
            "first_name_ar": first_ar if has_arabic else "",
            "last_name_ar": family_ar if has_arabic else "",
            "birth_date": birth_date,
            "cin": f"{rng.choice(self.cin_letters)}{rng.randint(100000, 999999)}"
            if rng.random() < 0.92
            else "",
            "province_id": province.pk,
            "commune": rng.choice(communes)[0] if communes else "",
            "marital_status": marital,
            "children_count": children,
            "children_birth_years": birth_years,
            "education_level": education,
            "literacy_arabic": literacy_ar,
            "literacy_french": Literacy.BASIC
            if education == EducationLevel.UPPER_SECONDARY
            else Literacy.NONE,
            "languages": [str(lang) for lang in languages],
            "agricultural_experience_years": rng.randint(0, max(0, min(25, mother_age - 16))),
            "skills": ", ".join(s[1] for s in rng.sample(SKILLS, rng.randint(0, 3))),
            "home_agency_id": agency.id,
            "assigned_advisor_id": rng.choice(agency.advisor_ids) if agency.advisor_ids else None,
        }
        woman.update(self.derived_name_fields(woman))
        # As apply_derived_fields computes it; every woman has her own CIN: nothing to cache.
        woman["cin_hash"] = search_hash("cin", woman["cin"]) if woman["cin"] else ""
        # Only ranges that libphonenumber knows as allocated (061–067, 070, 071, 076, 077), so that
        # every demo number passes the validation an advisor's edit goes through.
        phones = (
            [f"+2126{rng.randint(1, 7)}{rng.randint(0, 9999999):07d}"] if rng.random() < 0.9 else []
        )
        if phones and rng.random() < 0.25:
            phones.append(f"+2127{rng.choice((0, 1, 6, 7))}{rng.randint(0, 9999999):07d}")
        return woman, phones

    def derived_name_fields(self, woman: Row) -> Row:
        """search_text, name_key and sort_name, as every write path derives them from names.

        They depend on the four names only, and the same names come back again and again (about
        40,000 combinations in 100,000 women, 95,000 in a million), so each combination is
        computed once.
        """
        names = (
            woman["first_name_latin"],
            woman["last_name_latin"],
            woman["first_name_ar"],
            woman["last_name_ar"],
        )
        fields = self._name_fields.get(names)
        if fields is None:
            fields = self._name_fields[names] = matching.derived_name_fields(*names)
        return fields

    def aware(self, day: datetime.date) -> datetime.datetime:
        """A time of the working day on `day`, in the current time zone (as make_aware gives)."""
        rng = self.rng
        moment = datetime.time(rng.randint(8, 16), rng.randint(0, 59))
        return datetime.datetime.combine(day, moment, tzinfo=self.timezone)

    def seasons(self, first_year: int) -> Iterator[Row]:
        rng = self.rng
        for year in range(first_year, SEASON_YEARS.stop):
            if year > first_year and rng.random() > 0.8:
                return  # stopped coming
            campaign = self.campaigns[year]
            status = SEASON_OUTCOMES.draw(rng)
            departure = (
                None
                if status == Participation.Status.CANCELLED
                else campaign.planned_departure_start + datetime.timedelta(days=rng.randint(0, 75))
            )
            returned = None
            if status == Participation.Status.RETURNED and departure is not None:
                returned = campaign.planned_return_start + datetime.timedelta(
                    days=rng.randint(0, 70)
                )
            yield {
                "campaign_id": campaign.pk,
                "status": status,
                "employer": rng.choice(EMPLOYERS) if departure else "",
                "departure_date": departure,
                "planned_return_date": (
                    campaign.planned_return_start + datetime.timedelta(days=rng.randint(0, 70))
                    if departure
                    else None
                ),
                "return_date": returned,
                "savings_mad": Decimal(rng.randrange(12000, 42000, 500)) if returned else None,
                "earnings_mad": Decimal(rng.randrange(55000, 110000, 1000)) if returned else None,
                "created_at": self.aware(
                    datetime.date(year - 1, 12, 1) + datetime.timedelta(days=rng.randint(0, 40))
                ),
            }
            if status == Participation.Status.DID_NOT_RETURN:
                return

    def consents(self, woman: Row) -> list[Row]:
        rng = self.rng
        oral = rng.random() < 0.4
        common = {
            "recorded_by_id": woman["assigned_advisor_id"],
            "text_version": "2021-01",
            "method": Consent.Method.ORAL_WITH_WITNESS if oral else Consent.Method.SIGNED_FORM,
            "witness_name": rng.choice(WITNESSES) if oral else "",
            "recorded_at": woman["created_at"],
        }
        consents = [
            {**common, "purpose": purpose, "given": True}
            for purpose, share in CONSENT_SHARES.items()
            if rng.random() < share
        ]
        sms = any(c["purpose"] == Consent.Purpose.SMS_CONTACT for c in consents)
        if sms and rng.random() < 0.03:
            withdrawn_at = woman["created_at"] + datetime.timedelta(days=rng.randint(30, 400))
            consents.append(
                {
                    **common,
                    "recorded_at": withdrawn_at,
                    "purpose": Consent.Purpose.SMS_CONTACT,
                    "given": False,
                }
            )
        return consents

    def incidents(self, batch: Batch) -> list[tuple[int, Row]]:
        """Incidents of some of the batch's seasons, recorded by the woman's advisor."""
        rng = self.rng
        incidents = []
        for position, (woman_position, season) in enumerate(batch.seasons):
            departure = season["departure_date"]
            if not (departure and rng.random() < 0.06):
                continue
            kind = INCIDENT_KINDS.draw(rng)
            incident = {
                "kind": kind,
                "description": INCIDENT_TEXTS[kind],
                "occurred_on": departure + datetime.timedelta(days=rng.randint(10, 60)),
                "follow_up": FOLLOW_UP if rng.random() < 0.6 else "",
                "recorded_by_id": batch.women[woman_position]["assigned_advisor_id"],
                "created_at": self.aware(departure + datetime.timedelta(days=70)),
            }
            incidents.append((position, incident))
        return incidents


class _Inserter(Protocol):
    def insert(self, model: type[models.Model], rows: list[Row]) -> list[int]:
        """Insert the rows; return their ids, in the same order."""
        ...


def write_batch(inserter: _Inserter, batch: Batch) -> None:
    """Write a batch in one transaction, parents first, each child given its parent's id."""

    def pointing(children: list[tuple[int, Row]], column: str, ids: list[int]) -> list[Row]:
        for parent, row in children:
            row[column] = ids[parent]
        return [row for _, row in children]

    with transaction.atomic():
        woman_ids = inserter.insert(Beneficiary, batch.women)
        inserter.insert(BeneficiaryPhone, pointing(batch.phones, "beneficiary_id", woman_ids))
        inserter.insert(Consent, pointing(batch.consents, "beneficiary_id", woman_ids))
        season_ids = inserter.insert(
            Participation, pointing(batch.seasons, "beneficiary_id", woman_ids)
        )
        inserter.insert(Incident, pointing(batch.incidents, "participation_id", season_ids))


class _BulkCreateInserter:
    """Any database: model instances and bulk_create, which encrypts and fills in defaults."""

    def insert(self, model: type[models.Model], rows: list[Row]) -> list[int]:
        created = model._default_manager.bulk_create([model(**row) for row in rows])
        ids = [obj.pk for obj in created]
        assert None not in ids, "this database does not return the ids of bulk inserts"
        return ids


# Fields whose get_db_prep_save gives back, on PostgreSQL, the value it is given when that value
# is of the field's Python type (str, int, bool, date, aware datetime, Decimal, None), as the
# generator's are. `_CopyInserter` writes their values as they are: preparing every value
# through its field cost more than drawing it. Exact classes, not subclasses: an
# EncryptedTextField is a TextField and must go through the field.
_PASSED_AS_THEY_ARE = frozenset(
    {
        models.BooleanField,
        models.CharField,
        models.DateField,
        models.DateTimeField,
        models.DecimalField,
        models.ForeignKey,
        models.PositiveIntegerField,
        models.PositiveSmallIntegerField,
        models.TextField,
    }
)


class _CopyInserter:
    """PostgreSQL with psycopg 3: rows streamed with `COPY table (columns) FROM STDIN`.

    COPY does not return the ids it inserts, so ids are first taken from the table's sequence
    (nextval, safe alongside other writers) and written with the rows. A value a row leaves out
    gets what bulk_create would give it: the field's default, or the time of the load for an
    auto_now field. Values of the other fields (the encrypted CIN and phone number, JSON) go
    through the field's get_db_prep_save, as in bulk_create: a CIN is encrypted by its field.
    """

    def __init__(self) -> None:
        self._sequences: dict[type[models.Model], str] = {}

    def insert(self, model: type[models.Model], rows: list[Row]) -> list[int]:
        from psycopg import sql

        if not rows:
            return []
        pk = model._meta.pk
        assert pk is not None
        fields = [f for f in model._meta.concrete_fields if f is not pk]
        now = timezone.now()
        # Every column's value when a row does not give it, as bulk_create would write it.
        defaults = {
            f.attname: now
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            else f.get_default()
            for f in fields
        }
        in_column_order = itemgetter(*defaults)
        # (index in the written row, conversion); index 0 is the id.
        conversions = [
            (index, partial(f.get_db_prep_save, connection=connection))
            for index, f in enumerate(fields, start=1)
            if type(f) not in _PASSED_AS_THEY_ARE
        ]
        query = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(model._meta.db_table),
            sql.SQL(", ").join(sql.Identifier(c) for c in [pk.column, *(f.column for f in fields)]),
        )
        with connection.cursor() as cursor:
            ids = self._next_ids(cursor, model, len(rows))
            with cursor.copy(query) as copy:
                for row_id, row in zip(ids, rows, strict=True):
                    complete = {**defaults, **row}
                    if len(complete) != len(defaults):  # a misspelt column would be dropped
                        unknown = complete.keys() - defaults.keys()
                        raise ValueError(f"Not fields of {model._meta.label}: {unknown}")
                    values = [row_id, *in_column_order(complete)]
                    for index, convert in conversions:
                        values[index] = convert(values[index])
                    copy.write_row(values)
        return ids

    def _next_ids(self, cursor: Any, model: type[models.Model], count: int) -> list[int]:
        if model not in self._sequences:
            pk = model._meta.pk
            assert pk is not None
            cursor.execute(
                "SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, pk.column]
            )
            self._sequences[model] = cursor.fetchone()[0]
        cursor.execute(
            "SELECT nextval(%s::regclass) FROM generate_series(1, %s)",
            [self._sequences[model], count],
        )
        return sorted(row[0] for row in cursor.fetchall())


def _copy_available() -> bool:
    if connection.vendor != "postgresql":
        return False
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    return is_psycopg3


def seed_women(
    *,
    organisation: DemoOrganisation,
    count: int,
    seed: int,
    progress: Callable[[int], None] = lambda done: None,
    use_copy: bool | None = None,
) -> int:
    """Create `count` women with their phones, consents, seasons and incidents, in batches.

    Rows are written with COPY on PostgreSQL, with bulk_create elsewhere; `use_copy` forces one
    or the other (COPY needs PostgreSQL). Both write the same data.
    """
    factory = WomanFactory(random.Random(seed), organisation, ensure_campaigns())
    copy = _copy_available() if use_copy is None else use_copy
    inserter: _Inserter = _CopyInserter() if copy else _BulkCreateInserter()

    done = 0
    while done < count:
        size = min(BATCH_SIZE, count - done)
        write_batch(inserter, factory.batch(done, size))
        done += size
        progress(done)
    return done
