"""Form helpers: NL Design System (Utrecht) classes on every widget."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

_WIDGET_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    # Before RadioSelect: Django's CheckboxSelectMultiple subclasses it.
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.ClearableFileInput: "utrecht-textbox utrecht-textbox--html-input",
}


class ReadOnceChoiceIterator(forms.models.ModelChoiceIterator):
    """Choices from the field's own queryset, read once per form instance.

    Django's iterator runs a fresh query for every pass over the choices (on
    PostgreSQL through a server-side cursor: three round trips); a page that
    fingerprints a form before rendering it (``{% form_fields %}``) passes twice.
    The results live as long as the form, i.e. one request.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:  # fills and then reuses the queryset's cache
            yield self.choice(obj)


class ReadOnceModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices are read with one query per form."""

    iterator = ReadOnceChoiceIterator


def _html5_date_format(widget: forms.Widget) -> None:
    """``<input type=date>`` only takes ISO dates; a Dutch '15-12-2026' shows empty."""
    if not isinstance(widget, forms.DateInput | forms.DateTimeInput):
        return
    kind = widget.attrs.get("type") or getattr(widget, "input_type", "")
    if kind == "date":
        widget.format = "%Y-%m-%d"
    elif kind == "datetime-local":
        widget.format = "%Y-%m-%dT%H:%M"


class UtrechtFormMixin:
    """Add the Utrecht component classes and error ARIA to every widget.

    Fields named in ``conditionally_required`` are required by ``clean()`` in
    some cases; their label then does not say "(niet verplicht)".
    """

    conditionally_required: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.conditionally_required:
            if name in self.fields:
                self.fields[name].conditional = True
        for name, field in self.fields.items():
            widget = field.widget
            css = next(
                (c for t, c in _WIDGET_CLASSES.items() if isinstance(widget, t)),
                "utrecht-textbox utrecht-textbox--html-input",
            )
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            _html5_date_format(widget)
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-help"

    def full_clean(self) -> None:
        """Validate, then point invalid widgets at their error message.

        Done after validation (not in __init__) so that subclasses can still
        set querysets and choices before the form is cleaned.
        """
        super().full_clean()
        self._mark_invalid()

    def add_error(self, field, error) -> None:
        """Errors added after validation (by a view, from a service) are marked too."""
        super().add_error(field, error)
        self._mark_invalid()

    def _mark_invalid(self) -> None:
        for name in self._errors or {}:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-error"


class LoginForm(UtrechtFormMixin, AuthenticationForm):
    """The staff login form."""
