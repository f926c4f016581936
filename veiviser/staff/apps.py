from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "veiviser.staff"
    label = "staff"
    verbose_name = "Staff"
