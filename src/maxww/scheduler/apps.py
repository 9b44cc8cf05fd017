from django.apps import AppConfig


class SchedulerConfig(AppConfig):
    name = "maxww.scheduler"
    verbose_name = "Geplande taken"
