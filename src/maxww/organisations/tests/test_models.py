"""Regional configuration validation and the demo base data."""

from django.core.exceptions import ValidationError
from django.core.management import call_command

import pytest

from maxww.organisations.constants import Role
from maxww.organisations.models import Organisation, RegionalConfig, User
from maxww.organisations.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def test_windows_must_count_down_towards_the_end_of_ww():
    config = RegionalConfig(
        region=RegionFactory(), screening_months=2, invitation_months=6
    )
    with pytest.raises(ValidationError, match="aflopen"):
        config.full_clean()


def test_disabled_steps_drop_out_of_the_windows():
    config = RegionFactory().config
    config.enabled_steps = ["screening", "coaching"]
    assert config.windows() == [("screening", 7), ("coaching", 3)]


def test_unknown_step_is_refused():
    config = RegionFactory().config
    config.enabled_steps = ["screening", "toveren"]
    with pytest.raises(ValidationError, match="toveren"):
        config.full_clean()


def test_demo_load_is_idempotent_and_creates_one_user_per_role(capsys):
    call_command("demo", "load", "--people", "0")
    counts = (Organisation.objects.count(), User.objects.count())
    call_command("demo", "load", "--people", "0")
    assert (Organisation.objects.count(), User.objects.count()) == counts
    staff_roles = set(User.objects.exclude(role="").values_list("role", flat=True))
    assert staff_roles == set(Role.values)
    out = capsys.readouterr().out
    assert "maxww-demo-2026" in out
    assert "coordinator" in out
