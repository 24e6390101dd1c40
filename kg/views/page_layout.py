"""Communities of the drawn graph and, for large graphs, a starting layout built from them.

vis-network spends most of a large page's load time pulling randomly placed nodes together
(issue #16: 5,000 actors took 13.3 s to come to rest). Placing each community as a disc of
nodes, the most connected in the middle, and the discs on a spiral, largest first, gives the
physics a start it only has to refine, in a few stabilisation iterations.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import networkx as nx

from kg.views.analytics import communities

#: Above this many drawn actors the page starts from this layout and only refines it.
LAYOUT_FROM = 500
#: Stabilisation iterations that refine the starting layout (from random: STABILIZATION_ITERATIONS).
REFINE_ITERATIONS = 25
#: Golden angle: successive points on a sunflower spiral never line up.
GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
#: Distance between neighbouring nodes in a disc, in vis-network canvas units.
SPACING = 45.0
#: Extra room between discs, so communities read as groups.
DISC_GAP = 1.35


def drawn_communities(nodes: Sequence[str], pairs: Mapping[tuple[str, str], int]
                      ) -> list[list[str]]:
    """Louvain communities of the drawn graph (ties summed over both directions), largest first.

    >>> drawn_communities(["a", "b", "c"], {("a", "b"): 2, ("b", "a"): 1})
    [['a', 'b'], ['c']]
    """
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for (source, target), weight in pairs.items():
        before = graph.get_edge_data(source, target, {"weight": 0})["weight"]
        graph.add_edge(source, target, weight=before + weight)
    return communities(graph)


def sunflower(count: int, spacing: float) -> list[tuple[float, float]]:
    """`count` evenly spread points in a disc, the first at the centre.

    >>> sunflower(2, 10.0)[0], [round(v, 2) for v in sunflower(2, 10.0)[1]]
    ((0.0, 0.0), [-7.37, 6.75])
    """
    return [(spacing * math.sqrt(k) * math.cos(k * GOLDEN_ANGLE),
             spacing * math.sqrt(k) * math.sin(k * GOLDEN_ANGLE)) for k in range(count)]


def disc_layout(groups: Sequence[Sequence[str]], weight: Mapping[str, float]
                ) -> dict[str, tuple[float, float]]:
    """A position per node: one disc per group (heaviest nodes inside), discs on a spiral.

    >>> disc_layout([["a", "b"]], {"a": 1, "b": 2})["b"]
    (0.0, 0.0)
    """
    positions: dict[str, tuple[float, float]] = {}
    area = 0.0  # nodes already placed: the next disc goes just outside them
    for index, group in enumerate(groups):
        radius = SPACING * math.sqrt(area + len(group) / 2.0) * DISC_GAP if index else 0.0
        cx, cy = radius * math.cos(index * GOLDEN_ANGLE), radius * math.sin(index * GOLDEN_ANGLE)
        ranked = sorted(group, key=lambda n: (-weight.get(n, 0.0), n))
        for node, (x, y) in zip(ranked, sunflower(len(ranked), SPACING), strict=True):
            positions[node] = (round(cx + x, 1), round(cy + y, 1))
        area += len(group) * DISC_GAP
    return positions
