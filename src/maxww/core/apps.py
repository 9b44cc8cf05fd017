import gc

from django.apps import AppConfig
from django.core.signals import request_finished
from django.utils.translation import gettext_lazy as _


def _freeze_after_first_request(**kwargs) -> None:
    """Move what the first request loaded into the GC's permanent generation.

    By the end of the first request a process holds its long-lived objects:
    modules, models, URL patterns, compiled templates, translation catalogues.
    The cyclic garbage collector would otherwise walk all of them again in
    every full collection, which the allocations of a busy page trigger a few
    times per request (about 3 ms of a 60 ms page). Frozen objects are only
    skipped by the collector; reference counting still frees them.
    """
    request_finished.disconnect(_freeze_after_first_request)
    gc.freeze()


class CoreConfig(AppConfig):
    name = "maxww.core"
    verbose_name = _("Basis")

    def ready(self) -> None:
        from . import admin_labels

        admin_labels.apply()
        request_finished.connect(_freeze_after_first_request)
