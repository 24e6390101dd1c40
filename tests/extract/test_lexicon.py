"""The event lexicon: loading, lookups and error messages."""

from __future__ import annotations

import dataclasses
import importlib.util
import pickle
import shutil
import sys
from pathlib import Path

import pytest

from kg.errors import OntologyError, UnknownTermError
from kg.extract.events.lexicon import load_lexicon
from kg.ontology import load_ontology

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
SCRIPTS = ONTOLOGY.parent / "scripts"


def script(name: str):
    """A script of `scripts/` as a module (scripts are no package)."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module
# the 16 types of the current PLOVER codebook (REQUEST absorbs the old DEMAND)
PLOVER_TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
                "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT",
                "THREATEN")  # fmt: skip


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(ONTOLOGY)


def copy_ontology(tmp_path: Path) -> Path:
    for name in ("kg.ttl", "plover.ttl", "triggers.tsv", "cameo_triggers.tsv", "cues.tsv",
                 "discards.json", "type_model.json", "judgments.tsv"):
        shutil.copy(ONTOLOGY / name, tmp_path / name)
    return tmp_path


def test_lexicon_declares_the_sixteen_plover_types(lexicon):
    assert lexicon.types == PLOVER_TYPES


def test_lexicon_first_matching_row_wins_for_a_lemma(lexicon):
    rows = [r for r in lexicon.verb_triggers("call") if r.source == "kg"]
    assert [(r.type, r.need, r.values) for r in rows] == [
        ("ACCUSE", "judge", ("neg",)),  # "called the attack unacceptable": first
        ("SUPPORT", "judge", ("pos",)),
        ("MOBILIZE", "obj", ("soldier", "troop", "reservist", "reserve", "guardsman", "militia",
                             "militiaman")),
        ("CONSULT", "obj", ("*person",)),
        ("CONCEDE", "prt", ("off",)),
        ("REQUEST", "prep", ("on", "upon")),
        ("REQUEST", "prep", ("for",)),
    ]


def test_lexicon_generated_rows_follow_the_hand_rows_of_a_lemma(lexicon):
    rows = lexicon.verb_triggers("send")
    sources = [r.source.split(":")[0] for r in rows]
    # the hand rows are corrections on top: every one of them before the first CAMEO row
    assert sources.index("cameo") == sources.count("kg") == 5
    envoy, forces, police, aid, deployed = (r for r in rows if r.source == "kg")
    assert (envoy.type, envoy.mode, envoy.need) == ("CONSULT", "visit", "obj")
    assert (forces.type, forces.mode, forces.more) == ("MOBILIZE", "troops", (("prep", ("into",)),))
    assert (police.type, police.need, police.values[0]) == ("AID", "obj", "officer")
    # forces sent to a party are aid; sent anywhere else, a deployment
    assert (aid.type, aid.more) == ("AID", (("pobj", ("to", "*party")),))
    assert (deployed.type, deployed.mode, deployed.more) == ("MOBILIZE", "troops", ())


def test_lexicon_a_covered_verb_keeps_the_hand_table_s_say_when_it_stands_alone(lexicon):
    # "insist" is an event in the hand table only with a mandate or "on": the CAMEO row that
    # makes every "insisted" a REQUEST is left out, its conditional rows stay
    rows = lexicon.verb_triggers("insist")
    assert all(r.need is not None for r in rows)
    # a verb only CAMEO knows keeps its unconditional row
    assert [(r.type, r.mode, r.source, r.need) for r in lexicon.verb_triggers("deplore")] == [
        ("ACCUSE", "disapprove", "cameo:111", None)]


def test_lexicon_reads_several_conditions_and_no_event_rows(tmp_path):
    from kg.extract.events.lexicon import NO_EVENT, load_lexicon

    folder = copy_ontology(tmp_path)
    (folder / "cameo_triggers.tsv").write_text(
        "# lemma\tpos\ttype\tmode\tneeds\tpreps\tcameo\n"
        "airlift\tVERB\tMOBILIZE\ttroops\tobj=troop|soldier;prep=to\t-\t154\n"
        "airlift\tVERB\tNONE\t-\tobj=parcel\t-\t---\n", encoding="utf-8")
    # the dictionary's "no event" rows come first (`_row_rank`)
    second, first = load_lexicon(folder).verb_triggers("airlift")
    assert (first.need, first.values, first.more, first.source) == (
        "obj", ("troop", "soldier"), (("prep", ("to",)),), "cameo:154")
    assert first.conditions == (("obj", ("troop", "soldier")), ("prep", ("to",)))
    assert (second.type, second.mode) == (NO_EVENT, None)


def test_lexicon_dictionary_no_event_rows_stop_a_hand_row_without_conditions(tmp_path):
    # hand conditions, the dictionary's "no event" conditions, the hand row alone, then the
    # dictionary's other rows: "fought racism" is no attack, "fought alongside" stays the hand
    # row's
    from kg.extract.events.lexicon import load_lexicon

    folder = copy_ontology(tmp_path)
    (folder / "triggers.tsv").write_text(
        (folder / "triggers.tsv").read_text(encoding="utf-8")
        + "brawl\tVERB\tREJECT\t-\tobj=claim\t-\nbrawl\tVERB\tASSAULT\t-\t-\twith\n",
        encoding="utf-8")
    (folder / "cameo_triggers.tsv").write_text(
        "# lemma\tpos\ttype\tmode\tneeds\tpreps\tcameo\n"
        "brawl\tVERB\tCOOPERATE\t-\tobj=alongside\t-\t062\n"
        "brawl\tVERB\tNONE\t-\tobj=racism\t-\t---\n"
        "brawl\tVERB\tASSAULT\t-\t-\t-\t190\n", encoding="utf-8")
    rows = load_lexicon(folder).verb_triggers("brawl")
    assert [(r.type, r.values, r.source) for r in rows] == [
        ("REJECT", ("claim",), "kg"), ("NONE", ("racism",), "cameo:---"),
        ("ASSAULT", (), "kg"), ("COOPERATE", ("alongside",), "cameo:062")]


def test_lexicon_reads_a_prepositional_object_condition(tmp_path):
    from kg.extract.events.lexicon import load_lexicon

    folder = copy_ontology(tmp_path)
    (folder / "cameo_triggers.tsv").write_text(
        "# lemma\tpos\ttype\tmode\tneeds\tpreps\tcameo\n"
        "consign\tVERB\tCOERCE\tarrest\tpobj=to:gallows|prison\t-\t173\n", encoding="utf-8")
    (row,) = load_lexicon(folder).verb_triggers("consign")
    # the preposition first, then the lemmas its object may have
    assert row.conditions == (("pobj", ("to", "gallows", "prison")),)


def test_lexicon_cameo_phrase_with_an_object_conditions_on_that_object():
    sets = {"&TREATY": ["peace treaty", "accord"]}
    convert = script("make_cameo_triggers").pattern_conditions
    assert convert("(TO GALLOWS)", sets) == ("pobj=to:gallow|gallows", False)
    assert convert("(TO &TREATY)", sets) == ("pobj=to:accord|treaty", False)
    assert convert("(TO +)", sets) == ("prep=to", False)  # an actor: the recipient phrase
    assert convert("FIRE (TO A FLAG)", sets) == ("obj=fire;pobj=to:flag", False)


def test_lexicon_general_verbs_of_unspecified_codes_need_their_object(lexicon):
    # CAMEO 060, 050, 080 and 040 list "lead", "unveil", "pass", "go": alone they tell no
    # cooperation, concession or meeting ("a committee headed by X", "passed a check"); the
    # rows of the patterns that name an object stay, and the verbs that act alone are hand rows
    assert all(row.need is not None for verb in ("lead", "head", "manage", "unveil", "reveal",
                                                 "pass", "approve", "retire", "go", "face")
               for row in lexicon.verb_triggers(verb))  # fmt: skip
    assert [r.type for r in lexicon.verb_triggers("lead") if r.values == ("delegation",)] == [
        "AGREE"]
    assert [(r.type, r.need, r.source) for r in lexicon.verb_triggers("cede")][0] == (
        "CONCEDE", None, "kg")


def test_lexicon_is_broad(lexicon):
    assert len(lexicon.triggers) >= 300


@pytest.mark.parametrize(
    ("category", "lemma", "expected"),
    [("report", "say", True), ("deny", "deny", True), ("intend_aux", "will", True),
     ("negate", "never", True), ("light", "hold", True), ("report", "attack", False)],
)  # fmt: skip
def test_lexicon_cue_lookup(lexicon, category, lemma, expected):
    assert lexicon.is_cue(category, lemma) is expected


def test_lexicon_light_verb_retype_value(lexicon):
    assert lexicon.cue_value("light", "provide") == "SUPPORT>AID"
    assert lexicon.cue_value("light", "hold") is None


def test_lexicon_default_recipient_prepositions_come_from_the_scheme(lexicon):
    assert lexicon.default_preps("ASSAULT") == ("against", "at", "into", "on")
    assert lexicon.default_preps("SANCTION") == ("against", "on", "to")


def test_lexicon_protest_targets_the_state_of_its_place_and_implies_protesters(lexicon):
    assert lexicon.place_target_types == ("PROTEST",)
    assert lexicon.implied_doer("PROTEST") == ("protesters", "CVLOPP")
    assert lexicon.implied_doer("ASSAULT") is None


def test_lexicon_modifier_rows_are_no_noun_triggers_of_their_own(lexicon):
    """"general" names a strike only as its modifier: "the general said" is no event."""
    assert lexicon.noun_triggers("general") == ()
    assert [(t.type, t.mode, t.values) for t in lexicon.modifier_triggers("general")] == [
        ("PROTEST", "strike", ("strike",))]


def test_lexicon_unknown_cue_category_names_the_choices(lexicon):
    with pytest.raises(UnknownTermError, match="cue category 'reprot'"):
        lexicon.is_cue("reprot", "say")


def test_lexicon_survives_pickling_for_worker_processes(lexicon):
    copy = pickle.loads(pickle.dumps(lexicon))
    assert (copy.version, copy.verb_triggers("meet"), copy.implied_doers,
            copy.modifier_triggers("hunger"), copy.judgment(["unacceptable"])) == (
        lexicon.version,
        lexicon.verb_triggers("meet"),
        lexicon.implied_doers,
        lexicon.modifier_triggers("hunger"),
        lexicon.judgment(["unacceptable"]),
    )


def test_lexicon_version_changes_with_the_data(tmp_path, lexicon):
    folder = copy_ontology(tmp_path)
    with (folder / "triggers.tsv").open("a", encoding="utf-8") as out:
        out.write("parley\tVERB\tCONSULT\t-\t-\twith\n")
    changed = load_lexicon(folder)
    assert changed.version != lexicon.version
    assert changed.verb_triggers("parley")[0].type == "CONSULT"


def test_lexicon_unknown_type_names_file_and_line(tmp_path):
    folder = copy_ontology(tmp_path)
    lines = (folder / "triggers.tsv").read_text(encoding="utf-8").splitlines()
    lines.append("parley\tVERB\tCHAT\t-\t-\t-")
    (folder / "triggers.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(UnknownTermError, match=rf"triggers.tsv:{len(lines)}: type 'CHAT'"):
        load_lexicon(folder)


def test_lexicon_subject_condition_is_a_crowd_or_lemmas(tmp_path, lexicon):
    # "protesters marched": the row holds only for a civilian crowd
    assert [t.conditions for t in lexicon.verb_triggers("march") if t.type == "PROTEST"][1] == (
        ("subj", ("*crowd",)),)
    # the dictionary's subject patterns: "a plane crash killed 20" is no attack
    assert any(t.type == "NONE" and t.conditions == (("subj", ("crash",)),)
               for t in lexicon.verb_triggers("kill"))
    folder = copy_ontology(tmp_path)
    lines = (folder / "triggers.tsv").read_text(encoding="utf-8").splitlines()
    lines.append("march\tVERB\tPROTEST\tdemo\tsubj=\t-")
    (folder / "triggers.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="a subject condition is subj=\\*crowd or"):
        load_lexicon(folder)


def test_lexicon_judgment_condition_and_ratings(tmp_path, lexicon):
    # "called the attack unacceptable": a row holds for a negative or a positive judgment,
    # read off the shipped ratings (VADER): disapproval below zero, praise above
    assert [t.conditions for t in lexicon.verb_triggers("call")][:2] == [
        (("judge", ("neg",)),), (("judge", ("pos",)),)]
    assert lexicon.judgment(["unacceptable"]) < 0 < lexicon.judgment(["great", "success"])
    assert lexicon.judgment(["talks"]) == 0.0
    folder = copy_ontology(tmp_path)
    with (folder / "triggers.tsv").open("a", encoding="utf-8") as out:
        out.write("dub\tVERB\tACCUSE\t-\tjudge=bad\t-\n")
    with pytest.raises(OntologyError, match="a judgment is judge=neg or judge=pos"):
        load_lexicon(folder)


def test_lexicon_wrong_column_count_is_reported(tmp_path):
    folder = copy_ontology(tmp_path)
    with (folder / "cues.tsv").open("a", encoding="utf-8") as out:
        out.write("report\tsay\n")
    with pytest.raises(OntologyError, match="expected 3 tab-separated columns, found 2"):
        load_lexicon(folder)


def test_lexicon_missing_scheme_says_what_to_pass(tmp_path):
    folder = copy_ontology(tmp_path)
    (folder / "plover.ttl").unlink()
    with pytest.raises(OntologyError, match="plover.ttl: PLOVER scheme not found; pass the kg"):
        load_lexicon(folder)


def test_lexicon_missing_trigger_table_names_it(tmp_path):
    folder = copy_ontology(tmp_path)
    (folder / "triggers.tsv").unlink()
    with pytest.raises(OntologyError, match="triggers.tsv: lexicon table not found"):
        load_lexicon(folder)


def test_lexicon_takes_its_scheme_from_a_loaded_ontology(tmp_path, lexicon):
    # the loaded ontology decides the types: one without AGREE refuses AGREE rows
    ontology = load_ontology(ONTOLOGY)
    assert load_lexicon(ONTOLOGY, ontology=ontology).triggers == lexicon.triggers
    without = dataclasses.replace(
        ontology, types=tuple(t for t in ontology.types if t.code != "AGREE"))
    with pytest.raises(UnknownTermError, match=r"triggers.tsv:\d+: type 'AGREE'"):
        load_lexicon(ONTOLOGY, ontology=without)


def test_lexicon_reads_partitive_instrument_and_speaker_cues():
    lexicon = load_lexicon(ONTOLOGY)
    assert (
        lexicon.is_cue("partitive", "package"),
        lexicon.is_cue("instrument", "retaliate"),
        lexicon.cue_value("pronoun", "we"),
        lexicon.cue_value("pronoun", "latter"),
        lexicon.cue_value("proxy", "government"),
    ) == (True, True, "speaker_side", "latter", "state")


def test_lexicon_reads_type_flags_and_receiving_light_verbs(lexicon):
    assert (
        lexicon.open_types,
        lexicon.reciprocal_types,
        lexicon.cue_value("light", "receive"),
        lexicon.is_cue("enforcer", "police"),
    ) == (
        ("CONCEDE", "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT"),
        ("AGREE", "ASSAULT", "CONSULT", "COOPERATE"),
        "recipient",
        True,
    )


@pytest.mark.parametrize(("level", "text", "expected"), [
    ("sentence", "The Boxing  match was close.", "Boxing  match"[:6]),
    ("sentence", "Boxers met the minister.", None),  # whole words only
    ("story", "She won the French Open on Sunday.", "French Open"),
    ("story", "The minister visited France.", None),
])
def test_lexicon_discards_match_whole_words(lexicon, level, text, expected):
    assert lexicon.discards(level, text) == expected
