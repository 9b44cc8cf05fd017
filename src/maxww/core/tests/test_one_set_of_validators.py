"""One set of validators: form, serializer and model field carry the same objects.

A bound changed in ``core/validators.py`` changes every entry point at once;
this test fails when a form or serializer starts keeping a bound of its own.
A ``ModelForm`` runs the model field's validators itself (``_post_clean``),
so there the model field counts as the form's.
"""

from __future__ import annotations

from django import forms

import pytest

from maxww.core import validators as v
from maxww.handover.forms import FreshApplicationForm
from maxww.handover.models import BijstandApplication
from maxww.matching import validators as matching_validators
from maxww.matching.api.serializers import EmployerSerializer, VacancySerializer
from maxww.matching.forms import EmployerForm, ProfileForm, VacancyForm
from maxww.matching.models import CandidateProfile, Employer, Vacancy
from maxww.trajects.api.serializers import ConsentSerializer, TransitionSerializer
from maxww.trajects.forms import ConsentForm, ContactForm, TaskForm, TransitionForm
from maxww.trajects.models import Consent, Contact, Task, Traject
from maxww.voorlichting.forms import SessionForm
from maxww.voorlichting.models import Session


def _form_validators(form_class: type[forms.BaseForm], name: str) -> list:
    if issubclass(form_class, forms.ModelForm):
        return list(form_class._meta.model._meta.get_field(name).validators)
    return list(form_class.base_fields[name].validators)


def _serializer_validators(serializer_class, name: str) -> list:
    return list(serializer_class().fields[name].validators)


def _model_validators(model, name: str) -> list:
    return list(model._meta.get_field(name).validators)


def _has(validators: list, wanted) -> bool:
    """The very object (or, for Django's length validators, an equal one)."""
    return any(x is wanted or x == wanted for x in validators)


# (form, form field, serializer or None, serializer field, model or None,
#  model field, the shared validator)
ENTRY_POINTS = [
    (
        TransitionForm,
        "outcome_note",
        TransitionSerializer,
        "outcome_note",
        Traject,
        "outcome_note",
        v.NOTE_LENGTH,
    ),
    (ConsentForm, "scope", ConsentSerializer, "scope", Consent, "scope", v.NOTE_LENGTH),
    (
        VacancyForm,
        "description",
        VacancySerializer,
        "description",
        Vacancy,
        "description",
        v.SUMMARY_LENGTH,
    ),
    (
        EmployerForm,
        "contact_persons",
        EmployerSerializer,
        "contact_persons",
        Employer,
        "contact_persons",
        v.NOTE_LENGTH,
    ),
    (
        EmployerForm,
        "agreements",
        EmployerSerializer,
        "agreements",
        Employer,
        "agreements",
        v.NOTE_LENGTH,
    ),
    (
        EmployerForm,
        "postcode",
        EmployerSerializer,
        "postcode",
        Employer,
        "postcode",
        matching_validators.validate_postcode,
    ),
    (
        ProfileForm,
        "limits",
        None,
        "",
        CandidateProfile,
        "limits",
        v.NOTE_LENGTH,
    ),
    (ContactForm, "contact_date", None, "", Contact, "contact_date", v.CONTACT_DATE),
    (TaskForm, "due_date", None, "", Task, "due_date", v.TASK_DUE),
    (SessionForm, "date", None, "", Session, "starts_at", v.SESSION_DATE),
    (
        FreshApplicationForm,
        "application_date",
        None,
        "",
        BijstandApplication,
        "application_date",
        v.APPLICATION_DATE,
    ),
    (
        FreshApplicationForm,
        "received_at",
        None,
        "",
        BijstandApplication,
        "received_at",
        v.RECEIVED_AT,
    ),
]


@pytest.mark.parametrize(
    (
        "form",
        "form_field",
        "serializer",
        "serializer_field",
        "model",
        "model_field",
        "wanted",
    ),
    ENTRY_POINTS,
    ids=[f"{row[0].__name__}.{row[1]}" for row in ENTRY_POINTS],
)
def test_form_serializer_and_model_share_the_validator(
    form, form_field, serializer, serializer_field, model, model_field, wanted
):
    assert _has(_form_validators(form, form_field), wanted)
    if serializer is not None:
        assert _has(_serializer_validators(serializer, serializer_field), wanted)
    if model is not None:
        assert _has(_model_validators(model, model_field), wanted)


def test_the_shared_length_validators_are_the_layout_limits():
    assert [x.limit_value for x in (v.TITLE_LENGTH, v.NOTE_LENGTH)] == [
        v.TITLE_MAX,
        v.NOTE_MAX,
    ]
    assert v.SUMMARY_LENGTH.limit_value == v.SUMMARY_MAX
