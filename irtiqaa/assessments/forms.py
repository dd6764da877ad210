"""The assessment form, generated from the definition of the instrument's current version."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from irtiqaa.assessments.definition import Definition, QuestionText
from irtiqaa.assessments.scoring import Kind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


@dataclass
class QuestionField:
    """A question as the template lays it out: its field, wording and, for a scale, its ends."""

    field: forms.BoundField
    question: QuestionText
    label: str
    help: str
    low: str
    high: str
    dimension: str


def _field(question: QuestionText, language: str) -> forms.Field:
    label = question.labels.get(language)
    # Every answer is optional here: the service checks them all, with one wording for the web
    # and the API, and the form keeps what was given.
    if question.kind in (Kind.SINGLE, Kind.YES_NO):
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[(o.code, o.labels.get(language)) for o in question.options],
            widget=forms.RadioSelect,
        )
    if question.kind == Kind.SCALE:
        points = question.scale_points()
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[(str(p), str(p)) for p in points],
            widget=forms.RadioSelect,
        )
    if question.kind == Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=label,
            required=False,
            choices=[(o.code, o.labels.get(language)) for o in question.options],
            widget=forms.CheckboxSelectMultiple,
        )
    if question.kind == Kind.NUMBER:
        attrs = {"inputmode": "decimal", "step": "any"}
        if question.minimum is not None:
            attrs["min"] = f"{question.minimum:g}"
        if question.maximum is not None:
            attrs["max"] = f"{question.maximum:g}"
        return forms.CharField(
            label=label, required=False, max_length=30, widget=forms.NumberInput(attrs=attrs)
        )
    return forms.CharField(
        label=label,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class AssessmentForm(forms.Form):
    taken_on = forms.DateField(
        label=_("Date of the assessment"), widget=DATE_WIDGET, input_formats=DATE_FORMATS
    )

    def __init__(self, *args: Any, parsed: Definition, language: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"taken_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.parsed = parsed
        self.language = language
        for question in parsed.questions:
            self.fields[question.code] = _field(question, language)

    def answers(self) -> dict[str, Any]:
        """The answers given (blank ones left out), as the service expects them."""
        answers: dict[str, Any] = {}
        for question in self.parsed.questions:
            value = self.cleaned_data.get(question.code)
            if value in (None, "", []):
                continue
            answers[question.code] = int(str(value)) if question.kind == Kind.SCALE else value
        return answers

    def questions(self) -> list[tuple[str, list[QuestionField]]]:
        """The questions grouped by dimension, in the order of the definition."""
        groups: dict[str, list[QuestionField]] = {}
        for question in self.parsed.questions:
            dimension = self.parsed.dimension_labels.get(question.dimension)
            heading = dimension.get(self.language) if dimension else str(_("Notes"))
            groups.setdefault(heading, []).append(
                QuestionField(
                    field=self[question.code],
                    question=question,
                    label=question.labels.get(self.language),
                    help=question.help.get(self.language) if question.help else "",
                    low=question.low_labels.get(self.language) if question.low_labels else "",
                    high=question.high_labels.get(self.language) if question.high_labels else "",
                    dimension=heading,
                )
            )
        return list(groups.items())
