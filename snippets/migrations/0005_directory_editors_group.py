from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Directory editors"
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("snippets", "view_organisation"),
    ("snippets", "add_organisation"),
    ("snippets", "change_organisation"),
    ("snippets", "publish_organisation"),
    ("snippets", "view_service"),
    ("snippets", "view_organisationverification"),
    ("snippets", "view_directoryproblemreport"),
    ("snippets", "change_directoryproblemreport"),
]


def create_directory_editors(apps, schema_editor):
    """The "Directory editors" group: they keep the directory's contact details right, and
    receive the weekly verification digest (snippets/verification.py)."""
    # Permissions are normally created after all migrations; create them now so the group can
    # be given them in a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        if codename.startswith("publish_"):
            # Wagtail creates the publish permission of draftable snippets after migrating
            # (the same get_or_create): create it now to give it to the group.
            model = codename.removeprefix("publish_")
            permission, _ = Permission.objects.get_or_create(
                content_type=ContentType.objects.get(app_label=app_label, model=model),
                codename=codename,
                defaults={"name": f"Can publish {model}"},
            )
        else:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
        group.permissions.add(permission)


def remove_directory_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("snippets", "0004_organisation_verification_and_problem_reports"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_directory_editors, remove_directory_editors)]
