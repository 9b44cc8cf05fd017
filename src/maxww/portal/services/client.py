"""Who the client is: the person linked to the logged-in portal user."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from maxww.people.models import Person

if TYPE_CHECKING:
    from maxww.organisations.models import User


def is_client(user: Any) -> bool:
    """A logged-in user without a staff role who is linked to a person."""
    return bool(
        getattr(user, "is_authenticated", False)
        and not getattr(user, "role", "")
        and not user.is_staff
        and not user.is_superuser
        and Person.objects.filter(portal_user=user).exists()
    )


def client_person(user: User) -> Person:
    """The person behind a client login; PermissionDenied for anyone else."""
    if not is_client(user):
        raise PermissionDenied(_("Deze pagina is alleen voor inwoners."))
    return Person.objects.select_related("municipality__region").get(portal_user=user)


@transaction.atomic
def link_portal_user(*, person: Person, username: str, password: str) -> User:
    """Create or reset the local (demo) login of a client."""
    from maxww.organisations.models import User

    user, _created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": person.first_name, "last_name": person.last_name},
    )
    user.role = ""
    user.organisation = None
    user.email = person.email
    user.set_password(password)
    user.save()
    Person.objects.filter(portal_user=user).exclude(pk=person.pk).update(
        portal_user=None
    )
    person.portal_user = user
    person.save(update_fields=["portal_user"])
    return user
