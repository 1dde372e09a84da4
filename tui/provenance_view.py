"""The provenance view (``p``): who comes from whom, as a tree with coverage and evidence."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Tree
from textual.widgets.tree import TreeNode

from corpus.lookup import Lookup
from corpus.relation import Relation
from tui.safe_text import inert
from tui.sources_list import article_name


def node_label(lookup: Lookup, k: int, relation: Relation | None) -> Text:
    """ "Courier · syndicated · 92% of it in Wire · evidence…" (plain for a root)."""
    c = lookup.comparison
    label = Text(article_name(c.articles[k]), style="bold")
    role = c.provenance.roles[k]
    if relation is None:
        label.append(f" · {role}")
        return label
    label.append(f" · {relation.kind}")
    label.append(
        f" · {relation.derived_in_source:.0%} of it found in the source, "
        f"{relation.source_in_derived:.0%} of the source kept"
    )
    if relation.evidence:
        label.append(f"\n  {inert(relation.evidence)}", style="dim")
    return label


class ProvenanceScreen(ModalScreen[int | None]):
    """The derivation tree; ``enter`` on an article opens it beside its source."""

    HELP = """\
## Provenance
Originals (and independent reports) at the top, the articles derived from each below them:
syndicated copies, rewrites and translations, with how much of each is found in its source
and the evidence (times, credits in the text, containment). `enter` opens an article beside
its source; `escape` goes back.
"""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Back", id="provenance_back"),
        Binding("p", "dismiss(None)", "Back", show=False, id="provenance_close"),
    ]

    def __init__(self, lookup: Lookup) -> None:
        super().__init__()
        self.lookup = lookup

    def compose(self) -> ComposeResult:
        with Vertical(id="provenance", classes="dialog"):
            yield Label(
                "Who comes from whom (enter: open beside its source, escape: back)",
                classes="dialog-title",
            )
            yield Tree[int](Text("Story"), id="tree")

    def on_mount(self) -> None:
        tree: Tree[int] = self.query_one(Tree)
        tree.show_root = False
        prov = self.lookup.comparison.provenance
        derived_by = {r.derived: r for r in prov.relations if prov.sources[r.derived] == r.source}
        children: dict[int | None, list[int]] = {}
        for k, src in enumerate(prov.sources):
            children.setdefault(src, []).append(k)

        def add(parent: TreeNode[int], k: int, seen: frozenset[int]) -> None:
            node = parent.add(node_label(self.lookup, k, derived_by.get(k)), data=k, expand=True)
            for child in children.get(k, []):
                if child not in seen:
                    add(node, child, seen | {child})
            if not node.children:
                node.allow_expand = False

        for root in children.get(None, []):
            add(tree.root, root, frozenset({root}))
        tree.root.expand()
        tree.focus()
        tree.move_cursor(tree.root.children[0] if tree.root.children else None)

    def on_tree_node_selected(self, event: Tree.NodeSelected[int]) -> None:
        if event.node.data is not None:
            self.dismiss(event.node.data)
