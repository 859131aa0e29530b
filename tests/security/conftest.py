import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once per module (it takes seconds, and the fuzzer and the
    hostile-input table run hundreds of requests against it), in a transaction rolled back
    when the module is done. Tests also take ``db``: each runs in a savepoint inside it, so
    what one test stores is gone before the next."""
    from demo.content import load_demo_content

    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo_content(translations=False).article
        transaction.set_rollback(True)
