"""The contract proven with the clients frontend teams use (issue 15).

- Every operation asks for ``__typename`` in each selection set: a persisted query runs the
  registered file, not the client's copy (to which Apollo and urql add ``__typename``), and
  without it their normalised caches key nothing and match no fragment.
"""

from graphql import FieldNode, parse, visit
from graphql.language import Visitor

from api import contract


class _SelectionSetsWithoutTypename(Visitor):
    def __init__(self):
        super().__init__()
        self.missing: list[str] = []

    def enter_field(self, node: FieldNode, *_):
        selections = node.selection_set.selections if node.selection_set else ()
        if selections and not any(
            isinstance(selection, FieldNode) and selection.name.value == "__typename"
            for selection in selections
        ):
            self.missing.append(node.name.value)


def test_every_selection_set_of_every_operation_asks_for_its_typename():
    missing = {}
    for operation in contract.load_operations():
        visitor = _SelectionSetsWithoutTypename()
        visit(parse(operation.text), visitor)
        if visitor.missing:
            missing[operation.file] = visitor.missing
    assert not missing, (
        "These fields' selection sets have no __typename, so a normalised cache cannot key "
        f"what a persisted query answers: {missing}"
    )
