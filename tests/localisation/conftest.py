import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from tests.factories import article


@pytest.fixture
def es(db):
    return Locale.objects.get(language_code="es")


@pytest.fixture
def publish_on_commit(django_capture_on_commit_callbacks):
    """wagtail-localize publishes translations in ``transaction.on_commit``, which never comes
    in a test's transaction: run those callbacks at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def fill_strings(translation, spanish=lambda english: english):
    """Translate every string of ``translation`` as a translator would in the editor (by
    uploading a PO file); by default each string into itself. Returns the translation."""
    po = translation.export_po()
    for entry in po:
        if not entry.obsolete and not entry.msgstr:
            entry.msgstr = spanish(entry.msgid)
    assert translation.import_po(po) == []
    total, translated = translation.get_progress()
    assert translated == total
    return translation


@pytest.fixture
def translate(es, publish_on_commit):
    """Translate ``instance`` into Spanish as "Translate this page" does, translate every
    string, publish the translation, and return (translation, translated instance)."""

    def run(instance):
        with publish_on_commit():
            translate_object(instance, [es])
            translation = Translation.objects.get(
                source__object_id=instance.translation_key, target_locale=es
            )
            fill_strings(translation)
            translation.save_target(publish=True)
        return translation, translation.get_target_instance()

    return run


@pytest.fixture
def translated_article(translate):
    """An English article and its published Spanish translation: (page, translation, es page)."""
    page = article("naloxone-basics", title="Naloxone basics")
    translation, es_page = translate(page)
    return page, translation, es_page


@pytest.fixture
def translator(django_user_model):
    """A user whose only group is Translators (made by pages' migration)."""
    user = django_user_model.objects.create_user("translator", "translator@example.org", "pw")
    user.groups.add(Group.objects.get(name="Translators"))
    return user


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client
