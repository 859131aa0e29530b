"""The public schema as SDL, stable from one process to the next."""

from graphql import print_schema
from grapple.registry import registry


def stabilise_interface_order() -> None:
    """Give every grapple-built type its interfaces, and their fields, in name order.

    grapple collects a model's interfaces in a set, whose order changes from one process to
    the next; graphene then orders ``implements`` and the fields taken from the interfaces
    accordingly, so the printed schema would change on every run. Called just before the
    schema is built (see wagtail_hooks.py), after grapple has built its types.
    """
    for graphene_type in registry.models.values():
        meta = getattr(graphene_type, "_meta", None)
        interfaces = getattr(meta, "interfaces", ())
        if len(interfaces) < 2:
            continue
        ordered = tuple(sorted(interfaces, key=lambda interface: interface._meta.name))
        fields = {}
        for interface in ordered:
            fields.update((name, meta.fields[name]) for name in interface._meta.fields)
        fields.update(meta.fields)
        # graphene freezes type options once built; these two are only reordered, not changed.
        object.__setattr__(meta, "interfaces", ordered)
        object.__setattr__(meta, "fields", fields)


def schema_sdl() -> str:
    from grapple.schema import schema

    return print_schema(schema.graphql_schema) + "\n"
