from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "maxww.demo"
    verbose_name = "Demo"
