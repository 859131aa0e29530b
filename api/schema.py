"""The schema served at /graphql/ and printed into frontend_contract/: grapple's, with our
fields (added through hooks, see wagtail_hooks.py), with the visibility rules of visibility.py
and the argument checks of arguments.py applied once it is built."""

from grapple.schema import schema as grapple_schema

from .arguments import guard_arguments
from .visibility import harden

schema = harden(grapple_schema)
guard_arguments(schema.graphql_schema)
