from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectsConfig(AppConfig):
    name = "maxww.trajects"
    verbose_name = _("Trajecten")
