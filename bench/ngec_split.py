"""Split the NGEC synthetic stories into train and held-out parts by their title template.

The rule, for any script that trains on `ngec_synthetic.jsonl` and must not see the held-out part:
group the templates (`template_id`) by their stories' `label` (every template has one label);
within each label, order its templates by the SHA-256 hex digest of the `template_id` (UTF-8),
ties by the id itself; the first ceil(20% of that label's templates) are held out, with all their
stories, and every other template is train. So no title template is seen in both parts, every
type has held-out stories (a plain 20% hash bucket leaves types with 10 templates empty), and
the split never depends on the order of the file.

    from bench.ngec_split import split
    train, held_out = split(stories)        # stories: the file's records, as dicts
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

#: Share of each label's templates held out.
HELD_OUT_SHARE = 0.20

#: Labels of older PLOVER versions mapped to the current codebook: a demand is a REQUEST.
OLD_LABELS = {"DEMAND": "REQUEST"}


def template_key(template_id: str) -> tuple[str, str]:
    """Return the template's stable rank key within its label.

    >>> template_key("fec7bb3e6f")[0][:8]
    '6a0ec85e'
    """
    return hashlib.sha256(template_id.encode("utf-8")).hexdigest(), template_id


def held_out_templates(stories: Iterable[Mapping[str, str]]) -> frozenset[str]:
    """Return the template ids of the held-out part."""
    by_label: dict[str, set[str]] = defaultdict(set)
    for story in stories:
        by_label[story["label"]].add(story["template_id"])
    held: set[str] = set()
    for templates in by_label.values():
        ranked = sorted(templates, key=template_key)
        held.update(ranked[: math.ceil(HELD_OUT_SHARE * len(ranked))])
    return frozenset(held)


def split(stories: Sequence[Mapping[str, str]]) -> tuple[list, list]:
    """Return (train stories, held-out stories), each in the input order."""
    held = held_out_templates(stories)
    train = [s for s in stories if s["template_id"] not in held]
    return train, [s for s in stories if s["template_id"] in held]


def current_label(label: str) -> str:
    """Return the label as a type of the current PLOVER codebook (DEMAND becomes REQUEST)."""
    return OLD_LABELS.get(label, label)
