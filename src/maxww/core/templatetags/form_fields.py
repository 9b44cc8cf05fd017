"""``{% form_fields form %}``: a form's fields, each through ``core/_field.html``.

Django renders every widget (and every option of a select) through templates,
which makes forms the costliest part of a page with several of them: the
traject page has eight. A form renders the same HTML for the same fields,
values and choices, so it is rendered once per distinct content and kept in the
cache; the key is a fingerprint of all of that (choices from the database
included), so a changed choice list is never served stale. Cached are unbound
forms and valid filter forms made of choices only (their values are codes);
a form with free text or with errors carries what the user typed and is always
rendered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django import forms, template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy

register = template.Library()

CACHE_SECONDS = 3600


# Translated text of gettext_lazy labels (choices, field labels) per language.
# The same lazy objects (class attributes) come back on every request, and each
# str() of one is a catalogue lookup; a message's translation in one language
# does not change while the process runs. Only gettext_lazy's own proxies are
# kept (another lazy function may give a different text each time). Keyed by
# id() with the object kept alive in the value, so an id is never reused.
_GETTEXT_LAZY = type(gettext_lazy("x"))
_TRANSLATED: dict[tuple[int, str], tuple[object, str]] = {}
_TRANSLATED_MAX = 4096


def _text(value: object, language: str) -> str:
    if type(value) is not _GETTEXT_LAZY:
        return str(value)
    key = (id(value), language)
    hit = _TRANSLATED.get(key)
    if hit is not None:
        return hit[1]
    text = str(value)
    if len(_TRANSLATED) >= _TRANSLATED_MAX:  # lazies made per request: start over
        _TRANSLATED.clear()
    _TRANSLATED[key] = (value, text)
    return text


def _field_signature(
    form: forms.BaseForm, name: str, field: forms.Field, language: str
) -> str:
    widget = field.widget
    choices = getattr(field, "choices", None)
    return repr(
        (
            name,
            type(field).__qualname__,
            type(widget).__qualname__,
            widget.template_name,
            getattr(widget, "format", None),
            sorted((str(k), str(v)) for k, v in widget.attrs.items()),
            _text(field.label, language),
            _text(field.help_text, language),
            field.required,
            getattr(field, "conditional", False),
            field.disabled,
            field.show_hidden_initial,
            form[name].value(),
            None
            if choices is None
            else [(str(v), _text(label, language)) for v, label in choices],
        )
    )


def fingerprint(form: forms.BaseForm, only: str | None = None) -> str:
    """Everything an unbound form's field HTML depends on, hashed; with
    ``only``, everything that one field's HTML depends on."""
    language = get_language() or ""
    parts = [
        type(form).__module__,
        type(form).__qualname__,
        str(form.prefix),
        str(form.auto_id),
        str(form.label_suffix),
        str(form.use_required_attribute),
        str(form.is_bound),
        language,
    ]
    fields = form.fields.items() if only is None else [(only, form.fields[only])]
    parts += [_field_signature(form, n, f, language) for n, f in fields]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _render_field(field: forms.BoundField) -> SafeString:
    return render_to_string("core/_field.html", {"field": field})


def _render(form: forms.BaseForm) -> SafeString:
    # Safe: core/_field.html escapes every value it prints.
    return mark_safe("".join(_render_field(f) for f in form))


def _cached(key: str, render: Callable[[], str]) -> SafeString:
    """The HTML under ``key``, rendered (and kept) when the cache lacks it."""
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, str(html), CACHE_SECONDS)
    return mark_safe(html)  # made by core/_field.html, which escapes every value


def _cacheable(form: forms.BaseForm) -> bool:
    if not form.is_bound:
        return True
    return not form.errors and all(
        isinstance(f, forms.ChoiceField) for f in form.fields.values()
    )


@register.simple_tag
def form_fields(form: forms.BaseForm) -> SafeString:
    """The fields of ``form``, from the cache when nothing in them changed."""
    if not _cacheable(form):
        return _render(form)
    return _cached(f"form_fields:{fingerprint(form)}", lambda: _render(form))


@register.simple_tag
def field_html(field: forms.BoundField) -> SafeString:
    """One field through ``core/_field.html``; from the cache when it is a choice
    field without errors (its value is one of its choices, never free text)."""
    if not isinstance(field.field, forms.ChoiceField) or field.errors:
        return _render_field(field)
    key = f"field_html:{fingerprint(field.form, only=field.name)}"
    return _cached(key, lambda: _render_field(field))
