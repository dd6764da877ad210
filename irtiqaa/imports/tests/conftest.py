"""Lists built in the tests (CSV in any encoding and delimiter, XLSX with merged cells and
formulas) and an `importer` that takes them through the pipeline as the pages do."""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.utils import translation

from irtiqaa.accounts.models import User
from irtiqaa.beneficiaries.models import Beneficiary
from irtiqaa.conftest import Cast
from irtiqaa.imports import services
from irtiqaa.imports.models import ColumnMapping, ImportJob, ImportRow
from irtiqaa.lib.crypto import search_hash
from irtiqaa.seasons.models import Campaign

# The header of a typical recruitment list, as an agency writes it.
HEADER = [
    "Nom",
    "Prénom",
    "الاسم العائلي",
    "الاسم الشخصي",
    "Date de naissance",
    "CIN",
    "Téléphone",
    "Situation familiale",
    "Nombre d'enfants",
    "Niveau d'instruction",
    "Employeur",
]


def person(
    last: str = "Ouali",
    first: str = "Samira",
    last_ar: str = "",
    first_ar: str = "",
    birth: str = "12/04/1991",
    cin: str = "",
    phone: str = "",
    marital: str = "Mariée",
    children: str = "2",
    education: str = "Primaire",
    employer: str = "Fresas S.L.",
) -> list[str]:
    """One row of a list with HEADER's columns."""
    return [
        last,
        first,
        last_ar,
        first_ar,
        birth,
        cin,
        phone,
        marital,
        children,
        education,
        employer,
    ]


# Ten different women, none registered yet.
WOMEN = [
    person("Ouali", "Samira", "والي", "سميرة", "12/04/1991", "GH112233", "0612003004"),
    person("Haddou", "Rachida", "حدو", "رشيدة", "03/11/1987", "GH223344", "0677889900"),
    person("Bakkali", "Najat", "البقالي", "نجاة", "25/01/1993", "GH334455", "0655443322"),
    person("Tazi", "Hanane", "التازي", "حنان", "07/07/1985", "GH445566", "0699112233"),
    person("Amrani", "Loubna", "العمراني", "لبنى", "19/09/1990", "", "0611224466"),
    person("Skalli", "Meryem", "السقلي", "مريم", "30/05/1988", "GH556677", ""),
    person("Berrada", "Karima", "برادة", "كريمة", "14/02/1992", "GH667788", "0623456789"),
    person("Chraibi", "Souad", "الشرايبي", "سعاد", "02/12/1986", "GH778899", "0634567891"),
    person("Filali", "Zineb", "الفيلالي", "زينب", "21/06/1994", "GH889900", "0645678912"),
    person("Lahlou", "Hind", "لحلو", "هند", "11/10/1989", "GH990011", "0656789123"),
]


def csv_bytes(
    rows: Sequence[Sequence[object]],
    header: Sequence[str] | None = None,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER if header is None else header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(
    rows: Sequence[Sequence[object]],
    header: Sequence[str] | None = None,
    *,
    merges: Sequence[str] = (),
    cached_values: dict[str, str] | None = None,
) -> bytes:
    """An XLSX list. `merges` are ranges ("H2:H4"); `cached_values` gives formula cells ("E2")
    the value Excel would have stored with them (openpyxl writes formulas without one)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(HEADER if header is None else header))
    for row in rows:
        sheet.append(list(row))
    for area in merges:
        sheet.merge_cells(area)
    out = io.BytesIO()
    workbook.save(out)
    if not cached_values:
        return out.getvalue()
    return _with_cached_values(out.getvalue(), cached_values)


def _with_cached_values(data: bytes, cached: dict[str, str]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                for ref, value in cached.items():
                    text, count = re.subn(
                        rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(?:</v>)?',
                        rf"\1\2<v>{value}</v>",
                        text,
                    )
                    assert count == 1, f"no formula cell {ref}"
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


@dataclass
class Importer:
    """Takes a list through the pipeline as the pages do, as the Kénitra advisor by default."""

    cast: Cast
    campaign: Campaign

    def upload(
        self,
        data: bytes,
        name: str = "liste.csv",
        *,
        actor: User | None = None,
        mapping: ColumnMapping | None = None,
    ) -> ImportJob:
        actor = actor or self.cast.advisor
        assert actor.unit is not None
        agency = actor.unit if actor.unit.kind == "agency" else self.cast.kenitra
        return services.import_start(
            actor=actor,
            stream=io.BytesIO(data),
            file_name=name,
            file_size=len(data),
            campaign=self.campaign,
            agency=agency,
            advisor=actor if actor.role == "advisor" else None,
            mapping=mapping,
        )

    def check(
        self,
        job: ImportJob,
        columns: dict[str, str] | None = None,
        defaults: dict[str, Any] | None = None,
        *,
        actor: User | None = None,
        save_as: str = "",
    ) -> ImportJob:
        """Match the columns (the guessed ones by default) and check the list."""
        services.import_set_mapping(
            actor=actor or self.cast.advisor,
            job=job,
            columns=job.columns if columns is None else columns,
            defaults=job.defaults if defaults is None else defaults,
            expected_version=job.version,
            save_as=save_as,
        )
        job.refresh_from_db()
        return job

    def commit(self, job: ImportJob, *, actor: User | None = None) -> ImportJob:
        services.import_commit(
            actor=actor or self.cast.advisor,
            job=job,
            consent_method="signed_form",
            text_version="2026-01",
        )
        job.refresh_from_db()
        return job

    def decide(self, job: ImportJob, number: int, decision: str) -> ImportRow:
        return services.import_decide(
            actor=self.cast.advisor, job=job, number=number, decision=decision
        )

    def run(self, data: bytes, name: str = "liste.csv", **kwargs: Any) -> ImportJob:
        """Upload, check and import a list whose duplicates are all decided by the check."""
        job = self.check(self.upload(data, name), **kwargs)
        assert job.status == ImportJob.Status.READY, job.failure
        return self.commit(job)


@pytest.fixture(autouse=True)
def _in_english(client: Client, settings: Any) -> Iterator[None]:
    """Wording is asserted in English (the msgids): services, reports and pages."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def importer(cast: Cast, campaign: Campaign) -> Importer:
    return Importer(cast=cast, campaign=campaign)


def rows_of(job: ImportJob) -> dict[int, ImportRow]:
    return {row.number: row for row in ImportRow.objects.filter(job=job).order_by("number")}


def problems_of(job: ImportJob) -> dict[int, list[tuple[str, str]]]:
    return {
        row.number: [(p["field"], p["code"]) for p in row.problems]
        for row in ImportRow.objects.filter(job=job, status=ImportRow.Status.INVALID)
    }


def woman_with_cin(cin: str) -> Beneficiary:
    return Beneficiary.objects.get(cin_hash=search_hash("cin", cin))


def women_with_cins(*cins: str) -> list[Beneficiary]:
    return list(Beneficiary.objects.filter(cin_hash__in=[search_hash("cin", c) for c in cins]))


def women_named(last: str) -> list[Beneficiary]:
    return list(Beneficiary.objects.filter(last_name_latin=last))


def born(text: str) -> datetime.date:
    day, month, year = (int(part) for part in text.split("/"))
    return datetime.date(year, month, day)
