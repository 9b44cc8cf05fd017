"""The 'maxww handover' command: keygen, trust, export, import."""

import json

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from maxww.handover import services
from maxww.handover.models import Handover, TrustedKey

from .factories import ON, traject_ready_for_handover

pytestmark = pytest.mark.django_db


def test_keygen_trust_export_import_round_trip(tmp_path):
    s = traject_ready_for_handover()
    handover = services.hand_over(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )
    public = tmp_path / "key.json"
    call_command(
        "handover", "keygen", "--organisation", s.partner.name, "--out", str(public)
    )
    assert json.loads(public.read_text())["algorithm"] == "Ed25519"
    call_command(
        "handover", "trust", "--organisation", s.partner.name, "--key", str(public)
    )
    assert TrustedKey.objects.count() == 1
    package = tmp_path / "p.maxww-handover.json"
    call_command(
        "handover",
        "export",
        str(handover.uuid),
        "--to",
        s.municipality_org.name,
        "--out",
        str(package),
    )
    call_command(
        "handover", "import", str(package), "--organisation", s.municipality_org.name
    )
    assert Handover.objects.filter(package_id__isnull=False).count() == 1
    with pytest.raises(CommandError, match="wrong_recipient"):
        call_command(
            "handover", "import", str(package), "--organisation", s.partner.name
        )
