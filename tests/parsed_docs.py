"""Hand-built parsed spaCy Docs for unit tests of the event passes.

A test writes its sentence as a table, one token a row: ``word head dep pos [tag [lemma]]``,
with `head` the index of the head token (a root points at itself). The Doc then carries
exactly that parse, so a test pins the rule it is about, not what a statistical model
happens to output. Entities are given by surface text and become `Mention`s with the
character offsets the entity stage would give.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import spacy
from spacy.tokens import Doc

from kg.extract.events.lexicon import Lexicon, load_lexicon
from kg.records import LocalEntity, Mention

#: English lexical attributes (`lower_`, `like_num`...) as the real pipeline has them.
VOCAB = spacy.blank("en").vocab
ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
#: Tokens written without a space before them, so `doc.text` reads like the sentence.
_NO_SPACE_BEFORE = {".", ",", ":", ";", "'s", "n't", "?", "!", "”"}
#: Fine-grained tags a row may leave out, from its coarse part of speech.
_TAGS = {"VERB": "VBD", "AUX": "VBD", "NOUN": "NN", "PROPN": "NNP", "PRON": "PRP", "ADJ": "JJ",
         "ADP": "IN", "DET": "DT", "PUNCT": ".", "CCONJ": "CC", "PART": "TO", "ADV": "RB",
         "SCONJ": "IN", "NUM": "CD"}  # fmt: skip


def lexicon() -> Lexicon:
    """The bundled trigger and cue tables (data, not a model)."""
    return load_lexicon(ONTOLOGY)


def parse(table: str, *, ents: Sequence[str] | None = None) -> Doc:
    """A Doc with the parse written in `table` (and `ents` as IOB tags, e.g. "B-DATE").

    >>> doc = parse('''
    ...     Canada   1 nsubj PROPN
    ...     attacked 1 ROOT  VERB VBD attack
    ...     Mexico   1 dobj  PROPN
    ...     .        1 punct PUNCT
    ... ''')
    >>> doc.text, doc[1].lemma_, [t.text for t in doc[1].children]
    ('Canada attacked Mexico.', 'attack', ['Canada', 'Mexico', '.'])
    """
    rows = [line.split() for line in table.splitlines() if line.strip()]
    words = [row[0] for row in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE for i in range(len(rows))]
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        heads=[int(row[1]) for row in rows],
        deps=[row[2] for row in rows],
        pos=[row[3] for row in rows],
        tags=[row[4] if len(row) > 4 else _TAGS[row[3]] for row in rows],
        lemmas=[row[5] if len(row) > 5 else row[0].lower() for row in rows],
        ents=list(ents) if ents is not None else None,
    )


def mentions(doc: Doc, named: Mapping[str, LocalEntity]) -> list[Mention]:
    """A mention of its entity at every whole-word occurrence of each surface text."""
    found = []
    for text, entity in named.items():
        for match in re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", doc.text):
            found.append(Mention(match.start(), match.end(), text, "X", entity.key))
    return sorted(found, key=lambda m: m.start)
