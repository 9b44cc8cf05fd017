"""Dutch names in the admin for the apps we use from others (axes, django-otp, …).

Those packages ship no Dutch translation, so the admin index said "Access
attempts" and "TOTP devices". Only the display names change: migrations read
the models' original ``Meta``, which stays as it is.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

APP_NAMES = {
    "axes": _("Inlogbeveiliging"),
    "otp_static": _("Herstelcodes"),
    "otp_totp": _("Tweestapsverificatie"),
    "authtoken": _("API-tokens"),
    "django_tasks_database": _("Achtergrondtaken"),
}
MODEL_NAMES = {
    ("axes", "accessattempt"): (_("inlogpoging"), _("inlogpogingen")),
    ("axes", "accessfailurelog"): (
        _("mislukte inlogpoging"),
        _("mislukte inlogpogingen"),
    ),
    ("axes", "accesslog"): (_("inlogregistratie"), _("inloggeschiedenis")),
    ("axes", "accessattemptexpiration"): (
        _("verloop van inlogpoging"),
        _("verloop van inlogpogingen"),
    ),
    ("otp_static", "staticdevice"): (_("set herstelcodes"), _("sets herstelcodes")),
    ("otp_static", "statictoken"): (_("herstelcode"), _("herstelcodes")),
    ("otp_totp", "totpdevice"): (_("authenticator-app"), _("authenticator-apps")),
    ("authtoken", "token"): (_("API-token"), _("API-tokens")),
    ("authtoken", "tokenproxy"): (_("API-token"), _("API-tokens")),
    ("django_tasks_database", "dbtaskresult"): (
        _("resultaat achtergrondtaak"),
        _("resultaten achtergrondtaken"),
    ),
}


def apply() -> None:
    """Set the Dutch names on the installed apps and models."""
    for label, name in APP_NAMES.items():
        try:
            apps.get_app_config(label).verbose_name = name
        except LookupError:
            continue
    for (label, model_name), (single, plural) in MODEL_NAMES.items():
        try:
            meta = apps.get_model(label, model_name)._meta
        except LookupError:
            continue
        meta.verbose_name, meta.verbose_name_plural = single, plural
