"""The access log is append-only and records who, what, why."""

import pytest

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.models import AccessLog, AppendOnlyError
from maxww.audit.services import log_access, log_list
from maxww.organisations.constants import Role

pytestmark = pytest.mark.django_db


def test_log_access_records_user_organisation_role_and_basis(make_user):
    user = make_user(role=Role.COACH)
    entry = log_access(
        user=user,
        action=Action.VIEWED,
        obj=user,
        legal_basis=LegalBasis.CASELOAD,
        purpose="traject",
        person_ref="1234",
    )
    assert entry.username == user.username
    assert entry.organisation == str(user.organisation)
    assert entry.role == "coach"
    assert entry.legal_basis == "caseload"
    assert entry.object_ref.startswith("organisations.user:")


def test_entries_cannot_be_changed_or_deleted(make_user):
    entry = log_access(
        user=make_user(), action="viewed", object_type="x", legal_basis="consent"
    )
    entry.purpose = "anders"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.update(purpose="x")
    assert AccessLog.objects.get().purpose == ""


def test_a_list_logs_one_row_per_person_in_one_insert(
    make_user, django_assert_max_num_queries
):
    user = make_user()
    # Chain head, one insert, and the savepoint/advisory lock around them.
    with django_assert_max_num_queries(5):
        written = log_list(
            user=user,
            people=[str(i) for i in range(40)] + ["a", "b", "c"],
            object_type="people.person",
            legal_basis="caseload",
            purpose="caseload",
        )
    assert written == 43
    assert {"a", "b", "c"} <= set(
        AccessLog.objects.values_list("person_ref", flat=True)
    )


@pytest.mark.django_db
def test_a_person_uuid_that_looks_like_a_bsn_is_kept(make_user):
    """Some uuids hold nine elfproef-valid digits; they are refs, not BSNs."""
    import random
    import uuid as uuid_module

    from maxww.audit.services import log_access
    from maxww.core.security import contains_bsn

    rng = random.Random(2026)
    ref = next(
        str(u)
        for u in (
            uuid_module.UUID(int=rng.getrandbits(128), version=4) for _ in range(10**5)
        )
        if contains_bsn(str(u))
    )
    user = make_user(role="coach", username="uuidtest")
    entry = log_access(
        user=user,
        action=Action.VIEWED,
        person_ref=ref,
        legal_basis=LegalBasis.CASELOAD,
        purpose="test",
    )
    assert entry.person_ref == ref
