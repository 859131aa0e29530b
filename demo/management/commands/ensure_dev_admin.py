"""``manage.py ensure_dev_admin``: a superuser admin/admin for local development only."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"


class Command(BaseCommand):
    help = (
        "Create the superuser “admin” with password “admin” if it does not exist. "
        "Development only: refuses to run unless DEBUG is on."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a development admin account: DEBUG is off. "
                "Use `manage.py createsuperuser` instead."
            )
        User = get_user_model()
        user = User._default_manager.filter(**{User.USERNAME_FIELD: USERNAME}).first()
        if user is None:
            User._default_manager.create_superuser(
                **{User.USERNAME_FIELD: USERNAME}, email="", password=PASSWORD
            )
            self.stdout.write(f"Created superuser “{USERNAME}”.")
        elif not (user.is_superuser and user.check_password(PASSWORD)):
            self.stdout.write(
                self.style.WARNING(
                    f"User “{USERNAME}” already exists and was left unchanged; it is not a "
                    f"superuser with password “{PASSWORD}”."
                )
            )
            return
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Admin: http://127.0.0.1:8000/admin/  user: {USERNAME}  password: {PASSWORD} "
                "(development only)"
            )
