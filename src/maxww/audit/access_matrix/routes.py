"""Enumerating the project's URLs: each one's policy per HTTP method and holders."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from maxww.policy.rules import CLIENT, RULES, Perm

from .table import MATRIX, METHODS


@dataclass(frozen=True)
class Route:
    """One URL pattern: its full name, route text, parameters and view."""

    name: str
    route: str
    params: tuple[tuple[str, str], ...]  # (name, converter or "regex")
    callback: Any = None


def _params(pattern) -> tuple[tuple[str, str], ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return tuple(
            (name, type(conv).__name__.lower()) for name, conv in converters.items()
        )
    regex = getattr(pattern.pattern, "_regex", None)
    if isinstance(regex, str):
        return tuple((name, "regex") for name in re.compile(regex).groupindex)
    return ()


def iter_routes(patterns=None, prefix: str = "", namespace: str = "", params=()):
    """Every URL pattern in the project, walking includes recursively."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from iter_routes(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                ns,
                params + _params(pattern),
            )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield Route(
                name=name or f"{namespace}<unnamed {prefix}{pattern.pattern}>",
                route=prefix + str(pattern.pattern),
                params=params + _params(pattern),
                callback=pattern.callback,
            )


def route_policy(route: Route) -> dict[str, Perm] | None:
    """The permission per HTTP method of a route, read from its view.

    A page decorated with ``@requires`` carries its table; a DRF view has a
    ``policy`` by action (viewsets: the router's method → action map) or by
    method. ``None`` when the view declares nothing.
    """
    callback = route.callback
    table = getattr(callback, "policy", None)
    if table is not None:
        return {m: p for m, p in table.items() if m != "HEAD"}
    cls = getattr(callback, "cls", None)
    policy = getattr(cls, "policy", None)
    if policy is None:
        return None
    actions = getattr(callback, "actions", None)
    if actions:  # a viewset: method -> action
        return {
            method.upper(): policy[action]
            for method, action in actions.items()
            if action in policy and method.upper() in METHODS
        }
    return {m.upper(): p for m, p in policy.items() if m.upper() in METHODS}


def matrix_key(name: str) -> str | None:
    """The matrix entry that covers a URL name (exact, or ``namespace:*``)."""
    if name in MATRIX:
        return name
    namespace = name.split(":", 1)[0] + ":*" if ":" in name else None
    if namespace and namespace in MATRIX:
        return namespace
    return None


def methods_of(route: Route) -> dict[str, Perm]:
    """The permission per method of a route: its view's, or the entry's."""
    policy = route_policy(route)
    if policy is None:
        key = matrix_key(route.name)
        policy = dict(MATRIX[key].external) if key else {}
    return policy


def is_staff_api(route: Route) -> bool:
    """A REST API view: never open to a portal client (``PolicyPermission``)."""
    from rest_framework.views import APIView

    cls = getattr(route.callback, "cls", None)
    return (
        isinstance(cls, type)
        and issubclass(cls, APIView)
        and not getattr(cls, "portal_api", False)
    )


def holders_of(route: Route, method: str) -> frozenset[str]:
    """The subjects that may use ``method`` on ``route`` (empty: none)."""
    perm = methods_of(route).get(method)
    if perm is None:
        return frozenset()
    holders = RULES[perm]
    return holders - {CLIENT} if is_staff_api(route) else holders


def routes_by_name() -> dict[str, Route]:
    """One route per URL name: the first pattern (not a format-suffix variant)."""
    result: dict[str, Route] = {}
    for route in iter_routes():
        if route.name not in result or (
            any(p == "format" for p, _ in result[route.name].params)
            and not any(p == "format" for p, _ in route.params)
        ):
            result[route.name] = route
    return result


MISSING_UUID = "00000000-0000-4000-8000-000000000000"


def missing_kwargs(route: Route) -> dict[str, str]:
    """Path arguments that point at nothing (a uuid or id that does not exist)."""
    kwargs = {}
    for name, kind in route.params:
        if name == "format":
            continue
        if "uuid" in kind or "uuid" in name:
            kwargs[name] = MISSING_UUID
        elif "int" in kind or name in {"pk", "id", "object_id"}:
            kwargs[name] = "999999"
        elif name == "code":
            kwargs[name] = "AM00"
        else:
            kwargs[name] = "onbekend"
    return kwargs


def example_uuid() -> str:
    return str(uuid.uuid4())


def unmatched_urls() -> Iterator[Route]:
    """URL patterns with no matrix entry."""
    for route in routes_by_name().values():
        if matrix_key(route.name) is None:
            yield route


def unpoliced_urls() -> Iterator[Route]:
    """URL patterns whose view declares no permission (and no external rule)."""
    for route in routes_by_name().values():
        if not methods_of(route):
            yield route
