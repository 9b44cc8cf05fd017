"""``{% section_form form action submit %}``: one section's form on the traject page.

The traject page has eight of them. As an ``{% include %}`` of a small template
each cost about 0.3 ms of CPU around its (cached) fields; this tag makes the
same markup in Python: the form tag, the CSRF token, the errors that belong to
no field, the fields through ``{% form_fields %}`` and the submit button.
"""

from __future__ import annotations

from django import forms, template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from maxww.core.templatetags.form_fields import form_fields

register = template.Library()


def _csrf_input(context: template.Context) -> SafeString:
    """What ``{% csrf_token %}`` renders."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return SafeString("")
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token
    )


def _errors(form: forms.BaseForm) -> SafeString:
    errors = form.non_field_errors()
    if not errors:
        return SafeString("")
    joined = conditional_escape(" ").join(conditional_escape(e) for e in errors)
    return format_html(
        '<div class="utrecht-alert utrecht-alert--error" role="alert">'
        '<p class="utrecht-paragraph">{}</p></div>',
        mark_safe(joined),  # every message escaped above
    )


@register.simple_tag(takes_context=True)
def section_form(
    context: template.Context,
    form: forms.BaseForm,
    action: str,
    submit: str,
    multipart: bool = False,
) -> SafeString:
    """A POST form to ``action`` with ``form``'s fields and a ``submit`` button."""
    return format_html(
        '<form method="post" action="{}" novalidate{}>{}\n  {}\n  {}\n'
        '  <button type="submit" class="utrecht-button utrecht-button--primary-action">'
        "{}</button>\n</form>",
        action,
        SafeString(' enctype="multipart/form-data"') if multipart else "",
        _csrf_input(context),
        _errors(form),
        form_fields(form),
        submit,
    )
