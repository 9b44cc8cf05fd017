"""Applying the policy to the REST API.

- ``PolicyPermission`` (the project's only default permission class): a view
  declares ``policy = {"list": Perm.X, "create": Perm.Y, "withdraw": Perm.Z}``
  by viewset action, or by HTTP method in lower case for a plain ``APIView``.
  An action without an entry is refused (fail closed); a method the view does
  not route gets DRF's 405. Portal clients never pass: the staff API is for
  staff; the portal has its own pages.
- ``PersonScopedMixin``: the queryset starts from the people the user may see
  (``person_path`` names the way from the object to its person).
- ``AuditedMixin``: every successful response that showed or changed a person
  writes the access log, with the basis per person (``policy.audit``): lists
  and details, creates, updates and custom actions alike.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from maxww.audit.constants import Action

from .audit import log_read
from .rules import CLIENT, Perm, can, subject_of

_READ_FALLBACK = ("list", "retrieve", "get")


def required_perm(view: Any, request: Request) -> Perm | None:
    """The permission this request needs, or None when the view has no rule."""
    policy: dict[str, Perm] = getattr(view, "policy", None) or {}
    action = getattr(view, "action", None)
    key = action if action is not None else request.method.lower()
    if key in ("metadata", "options"):
        return next((policy[k] for k in _READ_FALLBACK if k in policy), None)
    if key == "head":
        key = "get" if "get" in policy else "retrieve"
    return policy.get(key)


def _routed(view: Any, request: Request) -> bool:
    """Whether the view has a handler for this method at all."""
    if hasattr(view, "action_map"):
        return request.method.lower() in view.action_map or request.method == "OPTIONS"
    return hasattr(view, request.method.lower())


class PolicyPermission(BasePermission):
    """Allow a request when the user holds the permission its action names."""

    message = "Uw rol heeft geen toegang tot deze handeling."

    def has_permission(self, request: Request, view: Any) -> bool:
        perm = required_perm(view, request)
        if perm == Perm.PUBLIC:
            return True
        user = request.user
        if not getattr(user, "is_authenticated", False):
            return False
        if subject_of(user) == CLIENT and not getattr(view, "portal_api", False):
            return False
        if not _routed(view, request):
            return True  # DRF answers 405 Method Not Allowed
        return perm is not None and can(user, perm)


def _follow(obj: Any, path: str) -> Any:
    for part in path.split("__"):
        obj = getattr(obj, part, None) if obj is not None else None
    return obj


class PersonScopedMixin:
    # Start every queryset from the people this user may see. (A comment, not a
    # docstring: drf-spectacular would show it as every viewset's description.)

    person_path = "person"

    def scope(self, queryset: QuerySet) -> QuerySet:
        from maxww.people.models import Person

        visible = Person.objects.visible_ids(self.request.user)
        return queryset.filter(**{f"{self.person_path}__in": visible})


_ACTION_BY_VIEW_ACTION = {
    "list": Action.LISTED,
    "retrieve": Action.VIEWED,
    "create": Action.CREATED,
    "update": Action.CHANGED,
    "partial_update": Action.CHANGED,
    "destroy": Action.DELETED,
}


class AuditedMixin:
    # Write the access log for each person a successful response touched. (A
    # comment, not a docstring: see PersonScopedMixin.)

    person_path = "person"
    audit_object_type = ""
    audit_purpose = "API"

    def get_object(self):
        obj = super().get_object()
        self._audited = [obj]
        return obj

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if args and kwargs.get("many"):
            self._audited = list(args[0])
        self._audit_serializer = serializer
        return serializer

    def audited_objects(self) -> list[Any]:
        objects = list(getattr(self, "_audited", []))
        serializer = getattr(self, "_audit_serializer", None)
        if not objects and serializer is not None:
            instance = getattr(serializer, "instance", None)
            if instance is not None and not isinstance(instance, list | QuerySet):
                objects = [instance]
        return objects

    def audit_action(self, request: Request) -> Action:
        action = getattr(self, "action", None)
        if action in _ACTION_BY_VIEW_ACTION:
            return _ACTION_BY_VIEW_ACTION[action]
        return Action.VIEWED if request.method in ("GET", "HEAD") else Action.CHANGED

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if 200 <= response.status_code < 300 and request.method != "OPTIONS":
            people = [_follow(o, self.person_path) for o in self.audited_objects()]
            log_read(
                user=request.user,
                people=people,
                action=self.audit_action(request),
                object_type=self.audit_object_type,
                purpose=f"{self.audit_purpose}: {getattr(self, 'action', '') or request.method.lower()}",
                request=request,
            )
        return response


def api_policy(**policy: Perm):
    """The policy of a function view made with ``@api_view`` (by method)."""

    def decorator(view):
        view.cls.policy = {
            method.lower(): Perm(perm) for method, perm in policy.items()
        }
        return view

    return decorator
