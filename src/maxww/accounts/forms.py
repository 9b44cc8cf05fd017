"""Forms for the second login step and the 2FA setup."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maxww.core.forms import UtrechtFormMixin


class TokenForm(UtrechtFormMixin, forms.Form):
    """A six-digit code from the app, or a recovery code."""

    token = forms.CharField(
        label=_("Verificatiecode"),
        max_length=16,
        help_text=_(
            "De zescijferige code uit uw authenticator-app, of een van uw herstelcodes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )
