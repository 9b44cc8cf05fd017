"""The access policy: one place that says who may do what, applied everywhere.

- ``rules``: every permission (``Perm``), the roles that hold it (``RULES``),
  ``can(user, perm)`` and ``subject_of(user)`` (a role, the client, or nobody).
- ``objects``: the object rules after the permission (consent recipients, who
  may withdraw a consent, special-category data).
- ``views``: ``@requires(perm, methods=...)`` for HTML views and ``can`` for
  templates.
- ``drf``: ``PolicyPermission`` (the API's default permission class) with a
  per-action ``policy`` on each viewset, ``PersonScopedMixin`` and
  ``AuditedMixin`` (the access log for every person a response touched).
- ``audit``: ``log_read``, the access log with the basis per person.
- ``matrix``: the routes of the project with the permission per method, read
  from the views themselves (``docs/security/access-matrix.md``).
"""

from .rules import CASEWORK, CLIENT, RULES, STAFF_ROLES, Perm, can, holders, subject_of

__all__ = [
    "CASEWORK",
    "CLIENT",
    "RULES",
    "STAFF_ROLES",
    "Perm",
    "can",
    "holders",
    "subject_of",
]
