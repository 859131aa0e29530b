"""The "Translators" group: what translating with wagtail-localize needs, and no more.

See docs/translators.md for what each permission is for. Editing and publishing content in the
default (source) language is refused to translators by hooks in pages/wagtail_hooks.py: Wagtail's
page permissions cannot be limited to a locale.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Translators"

# Model permissions: (app label, model, codename).
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    ("snippets", "organisation", "change_organisation"),
    ("snippets", "organisation", "publish_organisation"),
    ("snippets", "service", "change_service"),
    ("snippets", "author", "change_author"),
]

# Page permissions, granted on the tree root (depth 1) so that they cover every locale's tree.
PAGE_PERMISSIONS = ["change_page", "publish_page"]

# Wagtail's snippets app creates publish_<model> permissions after migrating (post_migrate);
# create the ones the group needs now, named as Wagtail names them, so a fresh database gets them.
EXTRA_PERMISSION_NAMES = {"publish_organisation": "Can publish organisation"}


def create_translators(apps, schema_editor):
    # Django creates model permissions after all migrations; create them now (see
    # community/migrations/0002_moderators_group.py).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, model, codename in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        if codename in EXTRA_PERMISSION_NAMES:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": EXTRA_PERMISSION_NAMES[codename]},
            )
        else:
            permission = Permission.objects.get(content_type=content_type, codename=codename)
        group.permissions.add(permission)

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:  # no page tree yet (Wagtail's own migrations normally create the root)
        return
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def remove_translators(apps, schema_editor):
    # The group is this migration's own: deleting it deletes its page permissions too.
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("snippets", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # After the migrations that give every admin group Wagtail's choose_image /
        # choose_document permissions (images' runs before pages 0001 already), so that the group
        # holds only the permissions below whatever order the migrations run in.
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_translators, remove_translators)]
