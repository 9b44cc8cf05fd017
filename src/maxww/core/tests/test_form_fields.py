"""{% form_fields %}: unbound forms come from the cache, never stale or shared wrongly."""

from datetime import date

from django import forms
from django.core.cache import cache
from django.template.loader import render_to_string

import pytest

from maxww.core.forms import UtrechtFormMixin
from maxww.core.templatetags.form_fields import form_fields

OPTIONS = [("a", "Eerste"), ("b", "Tweede")]


class _Form(UtrechtFormMixin, forms.Form):
    when = forms.DateField(
        label="Datum", widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label="Soort", choices=OPTIONS)
    note = forms.CharField(label="Notitie", required=False, help_text="Kort graag")


def _plain(form) -> str:
    return "".join(render_to_string("core/_field.html", {"field": f}) for f in form)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_an_unbound_form_renders_as_without_the_cache_and_then_from_it():
    form = _Form(prefix="x", initial={"when": date(2026, 3, 2)})
    first = form_fields(form)
    assert first == _plain(form)
    assert 'value="2026-03-02"' in first and "Kort graag" in first  # ISO for type=date
    again = _Form(prefix="x", initial={"when": date(2026, 3, 2)})
    assert form_fields(again) == first
    assert len(cache._cache) == 1  # one entry for both


def test_other_initial_values_choices_or_prefix_give_other_html():
    base = form_fields(_Form(prefix="x", initial={"when": date(2026, 3, 2)}))
    other_day = form_fields(_Form(prefix="x", initial={"when": date(2026, 3, 3)}))
    other_prefix = form_fields(_Form(prefix="y", initial={"when": date(2026, 3, 2)}))
    changed = _Form(prefix="x", initial={"when": date(2026, 3, 2)})
    changed.fields["kind"].choices = [*OPTIONS, ("c", "Derde")]
    more_choices = form_fields(changed)
    assert len({base, other_day, other_prefix, more_choices}) == 4
    assert "Derde" in more_choices and "Derde" not in base


def test_a_bound_form_with_errors_is_rendered_every_time():
    form = _Form({"x-kind": "zzz"}, prefix="x")
    assert not form.is_valid()
    html = form_fields(form)
    assert "utrecht-form-field--invalid" in html
    assert 'aria-invalid="true"' in html
    assert not cache._cache


def test_field_html_caches_a_valid_choice_and_renders_free_text_and_errors():
    from maxww.core.templatetags.form_fields import field_html

    def plain(field) -> str:
        return render_to_string("core/_field.html", {"field": field})

    form = _Form({"when": "2026-03-02", "kind": "b", "note": "<i>vrij</i>"})
    assert form.is_valid()
    first = field_html(form["kind"])
    assert first == plain(form["kind"]) and len(cache._cache) == 1
    assert field_html(form["kind"]) == first  # from the cache
    other = _Form({"when": "2026-03-02", "kind": "a"})
    assert other.is_valid() and field_html(other["kind"]) == plain(other["kind"])
    assert field_html(other["kind"]) != first and len(cache._cache) == 2
    note = field_html(form["note"])  # free text: never cached
    assert note == plain(form["note"]) and "&lt;i&gt;vrij&lt;/i&gt;" in note
    bad = _Form({"when": "2026-03-02", "kind": "zzz"})
    assert not bad.is_valid()
    assert field_html(bad["kind"]) == plain(bad["kind"]) and len(cache._cache) == 2
