"""What the article says about each of its entities beyond their own mentions (issue #15).

Two facts the corpus-level vote in `kg.link.actors` reads: every label the model gives an
entity's names in the article, including the labels no candidate is made from ("the MacBook
Pro" as PRODUCT, "the Oscars" as EVENT), and whether the article is a sport story (several
words of sport reporting from ``ontology/non_actors.json``), whose people and clubs the model
alone finds stay out of the political graph; its institutions (`is_institution`) stay in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from kg.extract.entities.component import doc_text
from kg.extract.entities.gazetteer import Gazetteer
from kg.records import LocalEntity
from kg.text import fold

#: The genre of a sport story (`LocalEntity.genre`).
SPORT = "sport"
#: The genre of a business, technology-product or entertainment-industry story.
COMMERCE = "commerce"
#: spaCy labels of things that are no actors: a name the model gives these is voted on too.
THING_LABELS = frozenset({"PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
_LONGEST_CUE = 3  # words


def add_evidence(
    doc: Doc, entities: Sequence[LocalEntity], gazetteer: Gazetteer
) -> list[LocalEntity]:
    """Return `entities` with the article's genre and the thing labels of their names added."""
    words = re.findall(r"[a-z0-9]+", fold(doc_text(doc)))  # "free-agent": "free agent"
    genre = story_genre(words, gazetteer)
    things: Counter[tuple[str, str]] = Counter(
        (_name_key(ent.text), ent.label_) for ent in doc.ents if ent.label_ in THING_LABELS
    )
    if not things and not genre:
        return list(entities)
    out = []
    for entity in entities:
        # the police in a sport story is still the police, and in a commerce story a state's
        # body is still the state's
        body = entity.type != "Person" and is_institution(
            entity.label, gazetteer, state=genre == COMMERCE)  # fmt: skip
        kind = "" if body else genre
        names = {_name_key(n) for n in (entity.label, *entity.aliases)}
        extra = Counter({label: n for (name, label), n in things.items() if name in names})
        labels = entity.labels
        if extra:
            merged = Counter(dict(entity.labels)) + extra
            labels = tuple(sorted(merged.items(), key=lambda item: (-item[1], item[0])))
        out.append(replace(entity, labels=labels, genre=kind))
    return out


def is_institution(name: str, gazetteer: Gazetteer, *, state: bool = False) -> bool:
    """A name holding a word of a state's or society's bodies ("Parliament", "X Police").

    The police in a sport story is still the police; a word of the agents dictionaries,
    a description head or a place's institution noun marks it. With `state`, only a state's
    own bodies count: an institution noun or a group noun of a state sector (government,
    military, police, courts, legislature, intelligence), not "X Alliance".

    >>> from kg.paths import default_ontology_dir
    >>> from kg.extract.entities.gazetteer import load_gazetteer

    >>> gaz = load_gazetteer(default_ontology_dir())
    >>> is_institution("the Dover Police", gaz), is_institution("Dover Rovers", gaz)
    (True, False)
    >>> is_institution("Agility Alliance", gaz), is_institution("Agility Alliance", gaz, state=True)
    (True, False)
    """
    words = fold(name).split()
    if state:
        return any(w in gazetteer.institution_heads
                   or gazetteer.agents.get(w, "")[:3] in gazetteer.focus_sectors
                   for w in words)  # fmt: skip
    return any(
        word in gazetteer.agents or word in gazetteer.descriptions
        or word in gazetteer.institution_heads
        for word in words
    )


def story_genre(words: Iterable[str], gazetteer: Gazetteer) -> str:
    """`SPORT` or `COMMERCE` when the lower-cased `words` use enough cues of that genre (total
    and distinct; sport first), else "".

    >>> from kg.paths import default_ontology_dir
    >>> from kg.extract.entities.gazetteer import load_gazetteer

    >>> gaz = load_gazetteer(default_ontology_dir())
    >>> text = "the laptop has a faster processor , more software , apps and a longer battery life"
    >>> story_genre(text.split(), gaz), story_genre("the minister resigned".split(), gaz)
    ('commerce', '')
    """
    tokens = list(words)
    if _uses_cues(tokens, gazetteer.sport_cues, gazetteer.sport_story):
        return SPORT
    if _uses_cues(tokens, gazetteer.commerce_cues, gazetteer.commerce_story):
        return COMMERCE
    return ""


def is_sport_story(words: Iterable[str], gazetteer: Gazetteer) -> bool:
    """True when the lower-cased `words` use enough sport cues (total and distinct).

    >>> from kg.paths import default_ontology_dir
    >>> from kg.extract.entities.gazetteer import load_gazetteer

    >>> gaz = load_gazetteer(default_ontology_dir())
    >>> text = "the quarterback threw a touchdown ; the pitcher left the playoff game early"
    >>> is_sport_story(text.split(), gaz), is_sport_story("the minister resigned".split(), gaz)
    (True, False)
    """
    return _uses_cues(list(words), gazetteer.sport_cues, gazetteer.sport_story)


def _uses_cues(tokens: Sequence[str], cues: frozenset[str], enough: tuple[int, int]) -> bool:
    """Whether `tokens` use at least `enough` = (uses, distinct) of the cue words and phrases."""
    found: Counter[str] = Counter()
    for i in range(len(tokens)):
        for size in range(1, min(_LONGEST_CUE, len(tokens) - i) + 1):
            phrase = " ".join(tokens[i : i + size])
            if phrase in cues:
                found[phrase] += 1
    least, distinct = enough
    return sum(found.values()) >= least and len(found) >= distinct


def _name_key(text: str) -> str:
    text = fold(text)
    return text[4:] if text.startswith("the ") else text
