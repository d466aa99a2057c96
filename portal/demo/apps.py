from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The `load_demo` command; installed by the development and test settings only."""

    name = "portal.demo"
    label = "demo"
    verbose_name = "Demo content"
