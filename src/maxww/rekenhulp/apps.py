from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RekenhulpConfig(AppConfig):
    name = "maxww.rekenhulp"
    verbose_name = _("Rekenhulp")
