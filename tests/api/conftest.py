"""Fixtures of the API tests (the shared ones are in tests/conftest.py)."""
