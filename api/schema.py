"""The schema served at /graphql/ and printed into frontend_contract/: grapple's, with our
fields (added through hooks, see wagtail_hooks.py) and the visibility rules of visibility.py
applied once it is built."""

from grapple.schema import schema as grapple_schema

from .visibility import harden

schema = harden(grapple_schema)
