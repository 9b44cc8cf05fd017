"""Factories for the portal: a client (person with a portal login)."""

from __future__ import annotations

from maxww.organisations.tests.factories import UserFactory
from maxww.people.tests.factories import PersonFactory


def make_client(username: str = "inwoner", **person_kwargs):
    """A person with a local portal login (role empty, no organisation)."""
    user = UserFactory(username=username, role="", organisation=None)
    person = PersonFactory(
        portal_user=user, email=f"{username}@example.org", **person_kwargs
    )
    return person, user
