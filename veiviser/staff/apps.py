from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "veiviser.staff"
    label = "staff"
    verbose_name = "Staff"

    def ready(self) -> None:
        # loadcontent must not silently replace what editors did in the database.
        from veiviser.content import history
        from veiviser.staff.history import editorial_history

        history.register(editorial_history)
