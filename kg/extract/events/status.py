"""How a story knows an event: asserted, reported (by whom), denied (by whom) or intended.

The status comes from the predicates above the event's clause in the dependency tree
("Bloomberg reported that ...", "X denied that ...", "ready to ...", "will ..."), from
"according to X", from a parenthetical "..., they said", and from quotation marks around the
event with a reporting verb outside them. A negated or blocked event ("did not meet",
"refused to meet") gets no status at all: it did not happen.

Reported is kept for what the story keeps apart from: distancing verbs ("claimed", "alleged"),
unnamed sources, news outlets, "according to", quotations, and any party telling what was
done to its own side. A named official or state body telling an event with a plain reporting
verb ("X was arrested, the attorney general said") is news on the record: asserted, and
attributed to them (see `ontology/cues.tsv`, the "distance" value of report verbs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.events.syntax import (
    is_for_clause,
    is_mandated,
    subject_tokens,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.events.lexicon import Lexicon
    from kg.extract.events.roles import Participants

_COMPLEMENTS = ("ccomp", "xcomp", "pcomp")
#: Verbs that exercise what their object allows: "used its right to veto X", "seized the
#: chance to attack": the act is done, though the noun alone would only make it possible.
_EXERCISE = frozenset({"use", "exercise", "employ", "wield", "invoke", "seize", "take", "grab"})
_CONTENT_PREPS = ("of", "about", "on", "for", "to", "with")  # "charged with killing"
#: Conjunctions of a time clause, whose present tense tells the time of its main clause:
#: "will be ratified when the leaders meet" (a meeting still to come).
_TIME_MARKS = frozenset({"when", "once", "after", "before", "until", "till", "whenever"})


@dataclass(frozen=True, slots=True)
class Status:
    """A status with its source and the names of the cues that decided it."""

    status: str
    attributed_to: str | None = None
    source_text: str | None = None
    cues: tuple[str, ...] = ()


def _headline_future(clause: Token) -> bool:
    """A headline's "X to do Y", its future: a bare infinitive with "to" that heads the
    sentence or hangs on the noun that does ("Government to detain journalists")."""
    if clause.tag_ != "VB" or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    ):
        return False
    head = clause.head
    # the noun may be misparsed as the verb ("Belize government to detain": "Belize" a verb)
    noun = head.pos_ in ("NOUN", "PROPN") or (head.pos_ == "VERB" and head.ent_type_ != "")
    return clause.dep_ == "ROOT" or (
        clause.dep_ in ("acl", "relcl", "xcomp") and head.dep_ == "ROOT" and noun)


class StatusFinder:
    """Decide the status of events in one parsed article."""

    def __init__(self, participants: Participants, lexicon: Lexicon) -> None:
        self.participants = participants
        self.lexicon = lexicon

    def find(
        self,
        clause: Token,
        *,
        noun: Token | None,
        participants: Sequence[str],
        actors: Sequence[str] = (),
        light_intent: bool = False,
        refusal: bool = False,
    ) -> Status | None:
        """Status of the event whose clause head is `clause` (None: negated or blocked).

        With `refusal` the clause's own negation is the act ("did not allow X": a REJECT row
        with a "neg" condition), not a cancellation of it.

        A speaker telling of their own side's action ("we will help X", said the minister of
        one of the `actors`) is its source, not a third party: the event keeps the status its
        clause gives (asserted or intended) and is attributed to the speaker. An intention
        told by someone on either side (`participants`) is intended too.
        """
        lex = self.lexicon
        if noun is not None and any(
            c.dep_ in ("det", "neg") and lex.is_cue("negate", c.lower_) for c in noun.children
        ):
            return None
        cues: list[str] = ["intend-light"] if light_intent else []
        if noun is not None and clause.i != noun.i and lex.is_cue("deny", clause.lemma_.lower()):
            # "X denied responsibility for the attack": the act its support verb denies
            return Status("denied", *self._source(clause), (f"deny:{clause.lemma_.lower()}",))
        if noun is not None:
            # "a potential walkout", "the planned strike", "an upcoming visit": not yet done
            # ("the continuing offensive" goes on: a present participle is no plan)
            cues.extend(f"intend:{c.lemma_.lower()}" for c in noun.children
                        if c.dep_ == "amod" and c.tag_ != "VBG"
                        and lex.is_cue("intend", c.lemma_.lower()))
        if any(c.dep_ == "aux" and lex.is_cue("intend_aux", c.lower_) for c in clause.children
               ) or _going_to(clause):  # "Israel is going to retaliate": "will"
            cues.append("intend-aux")
        elif _headline_future(clause):
            cues.append("intend-to")  # "Botswana government to detain journalists"
        node = clause
        control = True  # still on the chain of complements that starts at the clause
        speaker: Status | None = None
        while True:
            if control and not (refusal and node.i == clause.i) and any(
                c.dep_ in ("neg", "advmod") and lex.is_cue("negate", c.lower_)
                for c in node.children
            ):
                return None  # "did not attack", "are rarely carried out": no act told
            if speaker is None:
                speaker = self._side_source(node)
            head = node.head
            if head.i == node.i:
                break
            dep = node.dep_
            if dep in ("prep", "advcl") and any(
                c.dep_ == "parataxis" and node.i > c.i > head.i for c in head.children
            ):
                break  # '"...," she said, before calling for X': the speaker's own act
            lemma = head.lemma_.lower()
            complement = dep in _COMPLEMENTS or is_for_clause(node) or (
                dep == "prep" and any(c.dep_ == "pcomp" or (
                    c.dep_ == "pobj" and lex.is_cue("intend", c.lemma_.lower()))
                    for c in node.children)  # "hinted at the possibility of cutting ties"
            )  # fmt: skip
            # what is said or denied is a clause or an "of/about" phrase, never a time adjunct:
            # "said after meeting X" asserts the meeting
            content = dep in ("ccomp", "xcomp") or (
                complement and dep == "prep" and node.lower_ in _CONTENT_PREPS
            )
            if control and complement:
                if lex.is_cue("block", lemma) or _not_yet(head):
                    return None  # "refused to attack", "have yet to agree": not done
                if lex.is_cue("intend", lemma) and not lex.is_cue("report", lemma) and (
                    lex.cue_value("intend", lemma) != "xcomp" or _to_infinitive(node)
                ):  # "was to ask": "be" intends only its infinitive ("is that X attacked")
                    cues.append(f"intend:{lemma}")
                elif self._mandates(head, node):
                    cues.append(f"mandate:{lemma}")  # "insisted that X withdraw"
            elif (
                control and dep == "dobj" and noun is not None and node.i == noun.i
                and lex.is_cue("intend", lemma) and not lex.is_cue("light", lemma)
            ):  # fmt: skip
                cues.append(f"intend:{lemma}")
            elif control and dep == "acl" and node.tag_ == "VB" and head.pos_ == "NOUN":
                if lex.is_cue("block", lemma) and head != noun and not (
                    head.dep_ == "dobj" and head.head.lemma_.lower() in _EXERCISE
                ):  # fmt: skip
                    # "the right to protest", "its refusal to attack": not done ("used its
                    # right to veto X", "took the chance to attack": done)
                    return None
                if lex.is_cue("intend", lemma):
                    cues.append(f"intend:{lemma}")  # "plans by X to join Y", "a bid to oust Y"
            if lex.is_cue("deny", lemma) and (content or self._denied_object(node, dep)):
                return Status("denied", *self._source(head), (*cues, f"deny:{lemma}"))
            if speaker is None and content and lex.is_cue("report", lemma) and not (
                cues and cues[-1] == f"mandate:{lemma}"
            ):
                speaker = Status("reported", *self._source(head), (f"report:{lemma}",))
            if control and _future_time(node, lex):
                cues.append(f"intend-time:{lemma}")  # "will be ratified when they meet"
            if dep not in (*_COMPLEMENTS, "prep", "conj", "dobj", "pobj"):
                control = False
            node = head
        if speaker is None:
            speaker = self._quoted(clause if noun is None else noun)
        intended = any(c.startswith(("intend", "mandate")) for c in cues)
        if speaker is None:
            return Status("intended" if intended else "asserted", cues=tuple(cues))
        cues.extend(speaker.cues)
        if intended and (self._is_party(speaker.attributed_to, participants)
                         or self._own_official(speaker, participants)):
            return Status("intended", speaker.attributed_to, speaker.source_text, tuple(cues))
        if not intended and (
            self._is_party(speaker.attributed_to, actors)
            or self._on_record(speaker, [p for p in participants if p not in actors])
            or self._tells_own_act(clause, speaker)
        ):
            return Status("asserted", speaker.attributed_to, speaker.source_text, tuple(cues))
        return Status("reported", speaker.attributed_to, speaker.source_text, tuple(cues))

    def _mandates(self, verb: Token, comp: Token) -> bool:
        """Whether `verb` asks for what its complement says ("insisted that X withdraw"): a
        trigger row of the verb with a "mandate" condition that the complement meets."""
        return any(
            t.need == "mandate" and is_mandated(comp, t.values)
            for t in self.lexicon.verb_triggers(verb.lemma_.lower())
        )

    def _on_record(self, speaker: Status, recipients: Sequence[str]) -> bool:
        """Whether a named official or state body tells the event with a plain reporting verb
        ("X was arrested, the attorney general said"): news on the record, not a claim the
        story keeps apart from, unless the speaker is on the side the event was done to."""
        key = speaker.attributed_to
        if key is None or self._plain_report(speaker) is None:
            return False
        entity = self.participants.entities[key]
        words = entity.label.lower().split()
        if entity.type == "Person":
            official = bool(entity.roles)
        else:
            official = any(self.lexicon.is_cue("enforcer", word) for word in words)
        return official and not self._is_party(key, recipients)

    def _plain_report(self, speaker: Status) -> str | None:
        """The reporting verb (lemma) a speaker tells the event with when it is the only cue and
        a plain one ("said", not the distancing "claimed"); None otherwise."""
        if len(speaker.cues) != 1 or not speaker.cues[0].startswith("report:"):
            return None
        verb = speaker.cues[0].split(":", 1)[1].lower()
        return None if self.lexicon.cue_value("report", verb) == "distance" else verb

    def _tells_own_act(self, clause: Token, speaker: Status) -> bool:
        """Whether a body tells its own act with a plain reporting verb, the act's subject a
        pronoun after it standing for the speaker ("the military said it had bombed the
        tunnels", "X said they fired the rockets"): on the record, as a named body telling it."""
        verb = self._plain_report(speaker)
        while clause.dep_ == "conj":  # "said it had bombed X and hit Y": the first verb's
            clause = clause.head
        if verb is None or clause.dep_ != "ccomp":
            return False
        if clause.head.lemma_.lower() != verb or clause.i < clause.head.i:
            return False  # not a quote before its verb ('"He attacked Y," said Z')
        return any(c.dep_ == "nsubj" and c.pos_ == "PRON" and c.lower_ in _SELF_PRONOUNS
                   for c in clause.children)  # fmt: skip

    def _denied_object(self, node: Token, dep: str) -> bool:
        """"rejected reports that ..." : the path enters a deny verb through such a noun."""
        return dep == "dobj" and self.lexicon.is_cue("deny_object", node.lemma_.lower())

    def _side_source(self, node: Token) -> Status | None:
        """"according to X" on this clause, or a parenthetical "..., X said"."""
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                for to in child.children:
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            return Status("reported", *self._speaker(obj), ("according-to",))
            if child.dep_ == "parataxis" and self.lexicon.is_cue("report", child.lemma_.lower()):
                return Status("reported", *self._source(child), (f"report:{child.lemma_}",))
        return None

    def _quoted(self, token: Token) -> Status | None:
        """An event inside quotation marks is the speaker's, if a reporting verb stands
        outside the quotes in the sentence that holds the quote's start or end."""
        best = self.participants.quote_reporter(token)
        if best is None:
            return None
        return Status("reported", *self._source(best), ("quote",))

    def _source(self, verb: Token) -> tuple[str | None, str | None]:
        subjects, _ = subject_tokens(verb)
        if not subjects:
            return None, None
        return self._speaker(subjects[0])

    def _speaker(self, token: Token) -> tuple[str | None, str | None]:
        keys, _ = self.participants.actors(token)
        if keys:
            return keys[0], None
        if token.pos_ in ("NOUN", "PROPN"):
            words = [t for t in token.subtree if t.dep_ not in ("punct", "relcl", "acl")]
            text = " ".join(t.text for t in words)
            return None, text or None
        return None, None

    def speaks_for(self, status: Status, participants: Sequence[str]) -> bool:
        """Whether the speaker of an intention is one of `participants`, acts for one of them
        or is a state's office holder telling it plainly (`_own_official`)."""
        return self._is_party(status.attributed_to, participants) or self._own_official(
            status, participants)

    def _is_party(self, speaker: str | None, participants: Sequence[str]) -> bool:
        """Whether the speaker is one of the event's parties or acts for one of them."""
        if speaker is None:
            return False
        if speaker in participants:
            return True
        entities = self.participants.entities
        entity = entities[speaker]
        if entity.affiliation in participants:
            return True
        labels = {entities[p].label for p in participants if p in entities}
        return entity.country is not None and entity.country in labels

    def _own_official(self, speaker: Status, participants: Sequence[str]) -> bool:
        """Whether a state's office holder the story ties to no body plainly tells a state's
        intention ("Slovakia could cut ties with X, Prime Minister Robert Fico said"): taken
        to speak for that state (not when accusing: "X accused Y of planning to invade")."""
        entities = self.participants.entities
        entity = entities.get(speaker.attributed_to or "")
        verbs = [c.split(":", 1)[1] for c in speaker.cues if c.startswith("report:")]
        plain = bool(verbs) and all(self.lexicon.cue_value("report", v) != "distance"
                                    for v in verbs)  # fmt: skip
        return (entity is not None and entity.type == "Person" and entity.affiliation is None
                and entity.country is None and plain
                and any(self.lexicon.is_cue("national", r) for r in entity.roles)
                and any(entities[p].type == "Country" for p in participants if p in entities))


#: Subject pronouns that, in the clause a party reports, stand for that party.
_SELF_PRONOUNS = ("it", "they", "we")


def _future_time(clause: Token, lexicon: Lexicon) -> bool:
    """Whether a clause in the present tense is the time clause of a verb in the future
    ("will respond when Israel attacks", "will be ratified Friday, when the leaders meet"):
    what it tells has not happened yet."""
    if clause.dep_ not in ("advcl", "relcl") or clause.tag_ not in ("VBP", "VBZ") or not any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_MARKS for c in clause.children
    ):  # fmt: skip
        return False
    main = clause.head
    while main.pos_ not in ("VERB", "AUX") and main.head.i != main.i:
        main = main.head  # "Friday, when ...": the verb the time noun goes with
    return any(c.dep_ == "aux" and lexicon.is_cue("intend_aux", c.lower_) for c in main.children)


#: Forms of "be" before "going to" (a blank pipeline has no lemmas).
_BE_FORMS = ("is", "are", "am", "was", "were", "be", "been", "'s", "'re", "'m")


def _going_to(clause: Token) -> bool:
    """Whether a clause is the infinitive of "be going to", the future ("Israel is going to
    retaliate"; not "went to protest", a purpose).

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("Israel is going to retaliate")
    >>> heads, deps, tags = [2, 2, 2, 4, 2], ["nsubj", "aux", "ROOT", "aux", "xcomp"], [
    ...     "NNP", "VBZ", "VBG", "TO", "VB"]
    >>> for tok, h, d, t in zip(doc, heads, deps, tags):
    ...     tok.head, tok.dep_, tok.tag_ = doc[h], d, t
    >>> _going_to(doc[4]), _going_to(doc[2])
    (True, False)
    """
    head = clause.head
    return (
        _to_infinitive(clause)
        and head.lower_ == "going"
        and head.tag_ == "VBG"
        and any(c.dep_ == "aux" and c.lower_ in _BE_FORMS for c in head.children)
    )


def _to_infinitive(clause: Token) -> bool:
    """An infinitive complement with "to" ("was to ask"; not "was protesting")."""
    return clause.dep_ == "xcomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _not_yet(head: Token) -> bool:
    """Whether a verb says its infinitive has not happened yet: "have yet to agree", "is yet
    to respond"."""
    return head.lemma_.lower() in ("have", "be") and any(
        c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children)
