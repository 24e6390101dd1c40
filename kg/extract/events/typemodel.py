"""A learned event-type model next to the trigger rules: a linear classifier over words.

The rules find an event (its trigger, actors and recipients) and give it the trigger row's type.
Where that type is one of a confused pair (AGREE/CONCEDE, RETREAT/CONCEDE, SANCTION/REJECT,
THREATEN and the act threatened), or the trigger is a verb the tables give many types found
by a dictionary row (a hand row has settled its verb's reading), or the sentence is a quote or
has a modal, the model reads the words around the trigger (about a
headline's length, as it was trained on headlines and lead sentences) and may give the event
another type when it is confident. It never adds or drops participants.

The model is a JSON file next to plover.ttl (kg:typeModel), written by
`scripts/train_type_model.py`: the types, a bias and a weight row per feature (stemmed word
unigrams and bigrams), and the rules of its use (`neighbours`, `ambiguous`, `threshold`,
`floor`, `open_threshold`, `margin`). Scoring is plain Python: no library at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import OntologyError
from kg.text import stable_hash

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_SUFFIXES = ("ing", "ed", "es", "s")
#: Quote marks: a quoted sentence often tells its act without the verb the tables know.
_QUOTES = ('"', "“", "”")


def stem(word: str) -> str:
    """Strip one inflection suffix so "accepted", "accepts" and "accepting" share a feature.

    >>> [stem(w) for w in ("accepted", "talks", "threatening", "yes")]
    ['accept', 'talk', 'threaten', 'yes']
    """
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def features(text: str) -> tuple[str, ...]:
    """The sorted, distinct features of a text: stemmed lower-case words and word pairs.

    >>> features("Rebels Accepted the terms")
    ('accept', 'accept the', 'rebel', 'rebel accept', 'term', 'the', 'the term')
    """
    words = [stem(w) for w in _WORD.findall(text.lower())]
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return tuple(sorted({*words, *pairs}))


def is_hedged(words: Iterable[tuple[str, str]]) -> bool:
    """Whether a sentence, as (text, fine tag) pairs, has a modal or a quote mark."""
    return any(tag == "MD" or text in _QUOTES or text == "``" for text, tag in words)


@dataclass(frozen=True, eq=False)
class TypeModel:
    """A loaded type model; `version` is a hash of its file (part of the lexicon's cache key).

    `weights` maps a feature to one weight per type, in `types` order. `neighbours` lists,
    per rule type, the types the model may give instead: a neighbour wins when its probability
    is at least `floor` and its share of the two types' probability at least `threshold`. For
    a trigger lemma in `ambiguous`, or a hedged sentence, the likeliest type wins when its
    probability is at least `open_threshold` and exceeds the rule type's by `margin`.
    """

    version: str
    types: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]] = field(repr=False)
    neighbours: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ambiguous: frozenset[str] = frozenset()
    threshold: float = 1.0
    floor: float = 0.0
    open_threshold: float = 1.0
    margin: float = 0.0

    def probabilities(self, text: str) -> dict[str, float]:
        """The model's probability of each type for a sentence (softmax of the linear scores)."""
        scores = list(self.bias)
        for feature in features(text):
            row = self.weights.get(feature)
            if row is not None:
                scores = [s + w for s, w in zip(scores, row, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {t: e / total for t, e in zip(self.types, exps, strict=True)}

    def retype(
        self,
        event_type: str,
        lemma: str,
        text: str,
        *,
        hedged: bool,
        supported: Collection[str] | None = None,
    ) -> str:
        """The type an event of `event_type` told by trigger `lemma` in `text` gets.

        `supported` (when given) are the types some word of `text` is a trigger of: the model
        settles between readings the words allow, it does not invent one ("arrested" is no
        THREATEN however the rest of the sentence reads).
        """
        allowed = dict(self.neighbours).get(event_type, ())
        if supported is not None:
            allowed = tuple(t for t in allowed if t in supported)
        opened = hedged or lemma in self.ambiguous
        if not allowed and not opened:
            return event_type
        probs = self.probabilities(text)
        current = probs.get(event_type, 0.0)
        if opened:
            best = max(self.types, key=lambda t: (probs[t], t))
            if (
                (supported is None or best in supported)
                and probs[best] >= self.open_threshold
                and probs[best] - current >= self.margin
            ):
                return best
        if allowed:
            # between neighbours only: the rule's type against the likeliest neighbour
            best = max(allowed, key=lambda t: (probs.get(t, 0.0), t))
            share = probs.get(best, 0.0)
            if share >= self.floor and share >= self.threshold * (share + current):
                return best
        return event_type


def load_type_model(path: Path, types: Iterable[str]) -> TypeModel:
    """Read a type model file; raise `OntologyError` when it is missing, malformed, or names a
    type plover.ttl (`types`) lacks."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        model = _model(data, stable_hash(text))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise OntologyError(
            f"{path}: cannot read the type model ({err}); rebuild it with "
            "`python scripts/train_type_model.py`"
        ) from err
    known = set(types)
    named = {*model.types, *dict(model.neighbours)}
    named.update(t for _, group in model.neighbours for t in group)
    if named - known:
        raise OntologyError(
            f"{path}: types {', '.join(sorted(named - known))} are not concepts of plover.ttl; "
            "retrain the model with `python scripts/train_type_model.py`"
        )
    return model


def _model(data: dict[str, Any], version: str) -> TypeModel:
    types = tuple(str(t) for t in data["types"])
    weights = {str(k): tuple(float(w) for w in v) for k, v in data["weights"].items()}
    if len(data["bias"]) != len(types) or any(len(v) != len(types) for v in weights.values()):
        raise ValueError("every weight row and the bias need one number per type")
    return TypeModel(
        version=version,
        types=types,
        bias=tuple(float(b) for b in data["bias"]),
        weights=weights,
        neighbours=tuple(
            (str(k), tuple(str(t) for t in v)) for k, v in sorted(data["neighbours"].items())
        ),
        ambiguous=frozenset(str(a) for a in data["ambiguous"]),
        threshold=float(data["threshold"]),
        floor=float(data["floor"]),
        open_threshold=float(data["open_threshold"]),
        margin=float(data["margin"]),
    )
