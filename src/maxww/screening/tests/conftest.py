"""Fixtures for screening tests: a Drechtsteden-like region with a UWV office."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from maxww.organisations.constants import OrganisationKind, Role

FILES = Path(__file__).parent / "files"
EXAMPLE = Path(__file__).resolve().parents[4] / "examples" / "uwv-extract.csv"
ON = dt.date(2026, 11, 23)
CODES = ["GM0505", "GM0642", "GM0590", "GM0610", "GM0531", "GM0482", "GM0523"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded extracts land in a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def region(db):
    from maxww.organisations.models import Municipality, Region, RegionalConfig

    region = Region.objects.create(code="AM24", name="Drechtsteden")
    RegionalConfig.objects.create(region=region)
    Municipality.objects.bulk_create(
        Municipality(code=c, name=f"Gemeente {c}", region=region) for c in CODES
    )
    return region


@pytest.fixture
def uwv(region):
    from maxww.organisations.models import Organisation

    return Organisation.objects.create(
        name="UWV Dordrecht", kind=OrganisationKind.UWV, region=region
    )


@pytest.fixture
def coordinator(uwv, make_user):
    return make_user(role=Role.COORDINATOR, organisation=uwv)


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def hand_set_model():
    """A hand-set model: low education, single and a low Werkverkenner add risk."""
    from django.utils import timezone

    from maxww.screening.models import RiskModel
    from maxww.screening.services.risk import DEFAULT_FEATURES, feature_columns

    coefficients = {c: 0.0 for c, _label in feature_columns(list(DEFAULT_FEATURES))}
    coefficients |= {"edu_low": 0.9, "hh_single": 0.6, "wv_low": 1.2, "ww_long": 0.2}
    coefficients |= {"age_55plus": -0.4}
    return RiskModel.objects.create(
        version=1,
        trained_at=timezone.now(),
        trained_on=ON,
        features=list(DEFAULT_FEATURES),
        coefficients=coefficients,
        intercept=-3.0,
    )
