"""The access matrix: every URL, the permission per HTTP method, and who holds it.

Who may do what is not written here: it is read from the views themselves
(``@requires`` on a page, ``policy`` on a viewset) and the roles from
``maxww.policy.rules``. This module adds what a reader of
``docs/security/access-matrix.md`` needs besides: what each URL is about, its
legal basis, and what an anonymous visitor or a refused role gets.

``audit/tests/test_access_matrix.py`` drives every URL with every HTTP method (and
each custom API action) as every role, as a portal client and anonymously,
and compares the answer with the policy. A URL without a policy on its view,
or without an entry here, fails the test.

Person-level pages add the second gate the table does not show per row: the
legal basis (``Person.objects.visible_to``). A role that may open a page still
gets 404 for a person outside its caseload, consent or application.

Modules: ``table`` (``MATRIX`` with an ``Access`` per URL name, the anonymous
and refused outcomes, ``SUBJECTS``, ``METHODS``), ``routes`` (``Route``,
``routes_by_name``, ``methods_of``, ``holders_of``, the URLs without an entry
or a policy), ``doc`` (``as_markdown``, ``permissions_markdown``, ``write_doc``).
"""

from .doc import as_markdown, permissions_markdown, write_doc
from .routes import (
    Route,
    holders_of,
    is_staff_api,
    matrix_key,
    methods_of,
    missing_kwargs,
    routes_by_name,
    unmatched_urls,
    unpoliced_urls,
)
from .table import (
    ADMIN_LOGIN,
    API,
    FORBIDDEN,
    LOGIN,
    MATRIX,
    METHODS,
    PORTAL_LOGIN,
    PUBLIC,
    REDIRECT,
    SUBJECTS,
    Access,
)

__all__ = [
    "ADMIN_LOGIN",
    "API",
    "FORBIDDEN",
    "LOGIN",
    "MATRIX",
    "METHODS",
    "PORTAL_LOGIN",
    "PUBLIC",
    "REDIRECT",
    "SUBJECTS",
    "Access",
    "Route",
    "as_markdown",
    "holders_of",
    "is_staff_api",
    "matrix_key",
    "methods_of",
    "missing_kwargs",
    "permissions_markdown",
    "routes_by_name",
    "unmatched_urls",
    "unpoliced_urls",
    "write_doc",
]
