from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderators"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("community", "view_comment"),
    ("community", "change_comment"),
    ("community", "delete_comment"),
    ("community", "moderate_comment"),
]


def create_moderators(apps, schema_editor):
    """Give the "Moderators" group (Wagtail creates it for page moderation; created here if
    missing) what comment moderation needs: admin access and the comment permissions."""
    # Permissions are normally created after all migrations; create them now so the group can
    # be given them in a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_moderators(apps, schema_editor):
    # Wagtail's own migrations create a "Moderators" group for page moderation too: only take
    # back the comment permissions.
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="community")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_moderators, remove_moderators)]
