"""Signed packages between two deployments (two databases in one test run)."""

import copy
import datetime as dt
import json
from dataclasses import dataclass

from django.utils import timezone

import pytest

from maxww.audit.models import AccessLog
from maxww.handover import services
from maxww.handover.models import Handover, TrustedKey
from maxww.organisations.constants import OrganisationKind
from maxww.organisations.models import Municipality, Organisation, Region
from maxww.people.models import Person

from .conftest import OTHER, deployment
from .factories import ON, Setup, traject_ready_for_handover

pytestmark = pytest.mark.django_db(databases=["default", OTHER])

NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 11, 0))


@dataclass(frozen=True)
class Exchange:
    s: Setup  # the sending side: traject, coach, partner (the key's owner)
    handover: Handover  # handed over on this deployment
    package: dict  # the signed package exported from it
    receiver: Organisation  # the municipality's organisation on OTHER, key trusted


@pytest.fixture
def exchange(two_deployments):
    """UWV-side handover + signed package here; SDD's own deployment in 'other'."""
    s = traject_ready_for_handover()
    key = services.generate_key(organisation=s.partner, now=NOW - dt.timedelta(days=1))
    handover = services.hand_over(
        traject=s.traject, to_organisation=s.municipality_org, by=s.coach, on=ON
    )
    package = services.export_package(handover=handover, by=s.coach, now=NOW)
    municipality = s.traject.person.municipality
    with deployment(OTHER):
        region = Region.objects.create(code=municipality.region.code, name="Regio")
        Municipality.objects.create(
            code=municipality.code, name=municipality.name, region=region
        )
        receiver = Organisation.objects.create(
            name=s.municipality_org.name,
            kind=OrganisationKind.SHARED_SERVICE,
            region=region,
        )
        services.trust_key(
            organisation_identifier=s.partner.name,
            public_key=key.public_key,
            expires_at=key.expires_at,
        )
    return Exchange(s, handover, package, receiver)


def _stored_in_other() -> tuple[int, int, int]:
    with deployment(OTHER):
        return (
            Handover.objects.count(),
            Person.objects.count(),
            AccessLog.objects.filter(event="handover_received").count(),
        )


def test_package_imported_in_second_deployment_reproduces_the_dossier(exchange):
    s, handover, package, receiver = (
        exchange.s,
        exchange.handover,
        exchange.package,
        exchange.receiver,
    )
    raw = json.dumps(package).encode()
    with deployment(OTHER):
        result = services.import_package(raw, organisation=receiver, by=None, now=NOW)
        imported = Handover.objects.get()
        assert result.created
        assert imported.document == handover.document
        assert imported.status == "received"
        assert imported.from_name == s.partner.name
        person = imported.person
        assert person.bsn_hash == s.traject.person.bsn_hash
        assert person.last_name == s.traject.person.last_name
        assert AccessLog.objects.filter(event="handover_received").count() == 1
    # The sending side logged the export, and has no trace of the import.
    assert AccessLog.objects.filter(event="handover_exported").count() == 1
    assert Handover.objects.count() == 1


def test_same_package_twice_is_a_no_op_reported_as_already_received(exchange):
    package, receiver = exchange.package, exchange.receiver
    with deployment(OTHER):
        services.import_package(package, organisation=receiver, by=None, now=NOW)
        again = services.import_package(
            copy.deepcopy(package), organisation=receiver, by=None, now=NOW
        )
    assert not again.created
    assert "al ontvangen" in again.message
    assert _stored_in_other() == (1, 1, 1)


def test_replayed_package_id_with_other_content_is_refused(exchange):
    s, package, receiver = exchange.s, exchange.package, exchange.receiver
    with deployment(OTHER):
        services.import_package(package, organisation=receiver, by=None, now=NOW)
    second = services.export_package(
        handover=Handover.objects.get(), by=s.coach, now=NOW
    )
    # Re-sign a different payload under the first package's id: a replay.
    second["header"]["package_id"] = package["header"]["package_id"]
    second["payload"] = {**second["payload"], "notes": "anders"}
    from maxww.handover import signing
    from maxww.handover.models import OrganisationKey

    key = OrganisationKey.objects.get()
    second["signature"] = signing.sign(
        signing.load_private(key.private_key_encrypted),
        second["header"],
        second["payload"],
    )
    with (
        deployment(OTHER),
        pytest.raises(services.PackageRejectedError) as exc,
    ):
        services.import_package(second, organisation=receiver, by=None, now=NOW)
    assert exc.value.code == "replay"
    assert _stored_in_other() == (1, 1, 1)


def test_tampered_byte_is_rejected_and_nothing_stored(exchange):
    package, receiver = exchange.package, exchange.receiver
    # Not ASCII-escaped, so that a name like "Öztürk" is found as written.
    raw = json.dumps(package, ensure_ascii=False)
    name = package["payload"]["person"]["last_name"]
    other = "Y" if name.endswith("X") else "X"
    tampered = raw.replace(f'"{name}"', f'"{name[:-1]}{other}"', 1)
    assert tampered != raw
    with (
        deployment(OTHER),
        pytest.raises(services.PackageRejectedError) as exc,
    ):
        services.import_package(
            tampered.encode(), organisation=receiver, by=None, now=NOW
        )
    assert exc.value.code == "bad_signature"
    assert "gewijzigd" in exc.value.message
    assert _stored_in_other() == (0, 0, 0)


def test_wrong_recipient_is_rejected(exchange):
    package = exchange.package
    with deployment(OTHER):
        stranger = Organisation.objects.create(
            name="Gemeente Elders",
            kind=OrganisationKind.MUNICIPALITY,
            region=Region.objects.get(),
        )
        with pytest.raises(services.PackageRejectedError) as exc:
            services.import_package(package, organisation=stranger, by=None, now=NOW)
    assert exc.value.code == "wrong_recipient"
    assert "niet voor Gemeente Elders" in exc.value.message
    assert _stored_in_other() == (0, 0, 0)


def test_expired_key_is_rejected(exchange):
    package, receiver = exchange.package, exchange.receiver
    with deployment(OTHER):
        TrustedKey.objects.update(expires_at=NOW - dt.timedelta(minutes=1))
        with pytest.raises(services.PackageRejectedError) as exc:
            services.import_package(package, organisation=receiver, by=None, now=NOW)
    assert exc.value.code == "key_expired"
    assert _stored_in_other() == (0, 0, 0)


def test_unknown_key_is_rejected(exchange):
    package, receiver = exchange.package, exchange.receiver
    with deployment(OTHER):
        TrustedKey.objects.all().delete()
        with pytest.raises(services.PackageRejectedError) as exc:
            services.import_package(package, organisation=receiver, by=None, now=NOW)
    assert exc.value.code == "unknown_key"
    assert _stored_in_other() == (0, 0, 0)


def test_payload_violating_the_schema_is_rejected_even_when_signed(exchange):
    s, handover, receiver = exchange.s, exchange.handover, exchange.receiver
    handover.document = {**handover.document, "person": {"bsn": "x"}}
    handover.save()
    bad = services.export_package(handover=handover, by=s.coach, now=NOW)
    with (
        deployment(OTHER),
        pytest.raises(services.PackageRejectedError) as exc,
    ):
        services.import_package(bad, organisation=receiver, by=None, now=NOW)
    assert exc.value.code == "invalid_dossier"
    assert _stored_in_other() == (0, 0, 0)


def test_not_json_is_rejected():
    org = Organisation(name="X")
    with pytest.raises(services.PackageRejectedError) as exc:
        services.import_package(b"\x00 not json", organisation=org, by=None, now=NOW)
    assert exc.value.code == "invalid_json"
