from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoorlichtingConfig(AppConfig):
    name = "maxww.voorlichting"
    verbose_name = _("Voorlichting")
