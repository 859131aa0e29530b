import pytest


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    """The task worker and the scheduler close "old" database connections between tasks, as
    long-running processes should. Each test here runs inside a transaction that is rolled back
    at its end, and on PostgreSQL closing the connection there ends the test's transaction (the
    connection is not in autocommit mode, which Django takes as "unusable"): in tests they
    keep it."""
    import django_tasks_db.management.commands.db_worker as db_worker

    from cms import scheduler

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)
