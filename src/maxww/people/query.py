"""Who may see which person: the one place the legal-basis rule is enforced.

Every UI and API view that shows a person starts from
``Person.objects.visible_to(user)``; a filter on another table may use
``Person.objects.visible_ids(user)``, the same rule as a list of ids. A user sees a person only when their
organisation holds an active AccessGrant for that person (own caseload,
consent, or a bijstand application). Aggregate roles never see persons.
An organisation whose UWV access is switched off keeps only the bases that
do not come from UWV: a bijstand application or consent given to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef

from maxww.policy.rules import CASEWORK

from .constants import GrantBasis

if TYPE_CHECKING:
    from maxww.organisations.models import User


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> PersonQuerySet:
        """The people this user may see, on any active legal basis."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        # The role first: asking a staff user for ``person`` costs a query.
        if not user.role and getattr(user, "person", None) is not None:
            return self.filter(pk=user.person.pk)  # a client sees only themself
        if user.role not in CASEWORK or not user.organisation_id:
            return self.none()
        return self.filter(Exists(_active_grants(user)))

    def visible_ids(self, user: User) -> models.QuerySet:
        """The ids of the people this user may see, for ``person__in=`` filters.

        The same rule as ``visible_to``, but a caseworker's ids come straight from
        the grants: filtering another table by them needs no join with people
        (half the work when counting tens of thousands of rows).
        """
        if not getattr(user, "is_authenticated", False):
            return self.none().values("pk")
        if not user.role and getattr(user, "person", None) is not None:
            return self.filter(pk=user.person.pk).values("pk")
        if user.role not in CASEWORK or not user.organisation_id:
            return self.none().values("pk")
        return _active_grants(user, correlated=False).values("person_id")

    def with_basis(self, user: User) -> PersonQuerySet:
        """Annotate ``basis`` with the strongest active legal basis for the user."""
        grants = _active_grants(user).order_by("basis").values("basis")[:1]
        return self.annotate(basis=models.Subquery(grants))


def _active_grants(user: User, *, correlated: bool = True) -> models.QuerySet:
    """The active grants of the user's organisation; for the outer person if
    ``correlated`` (inside ``Exists``/``Subquery``), else for everyone.

    The model comes from the app registry: ``models.py`` imports this module
    for the manager, so importing it back would close a circle.
    """
    access_grant = apps.get_model("people", "AccessGrant")
    person = {"person": OuterRef("pk")} if correlated else {}
    grants = access_grant.objects.filter(
        **person,
        organisation_id=user.organisation_id,
        revoked_at__isnull=True,
    )
    if not user.organisation.uwv_access_enabled:
        grants = grants.filter(basis__in=[GrantBasis.APPLICATION, GrantBasis.CONSENT])
    return grants
