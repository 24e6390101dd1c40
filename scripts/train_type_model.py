"""Train the event-type model (ontology/type_model.json) from the NGEC stories and the lexicon.

    python scripts/train_type_model.py            # needs scikit-learn (dev dependency group)
    python scripts/train_type_model.py --check    # also print a held-out story-level score

Examples, each labelled with a PLOVER type of the current codebook (a DEMAND is a REQUEST):
the title and the lead sentence of every story in the TRAIN part of
`../shared/corpus/ngec_synthetic.jsonl` (split by `bench/ngec_split.py`: the held-out templates
are what `bench/events_bench.py --only ngec` measures, so they are never read for training);
the codebook's type and mode definitions; and the trigger rows of `ontology/triggers.tsv` and
`ontology/cameo_triggers.tsv` as short phrases ("accept demand"). No reference file is read.

The model is a multinomial logistic regression over `kg.extract.events.typemodel.features`
(stemmed words and word pairs), exported as rounded weights to JSON that kg scores in plain
Python. Deterministic: the examples and the vocabulary are sorted, the solver is deterministic
and single-threaded, and the weights are rounded, so the same data gives the same file.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "ngec_synthetic.jsonl"
CODEBOOK = SHARED / "lexicons" / "ngec" / "PLOVER_structured_codebook_updated.csv"
ONTOLOGY = ROOT / "ontology"
OUT = ONTOLOGY / "type_model.json"

sys.path.insert(0, str(ROOT))
from bench.ngec_split import current_label, split  # noqa: E402
from kg.extract.events.typemodel import features  # noqa: E402

#: Pairs of neighbouring types the rules confuse: the model may move an event between them.
CONFUSED = (
    ("AGREE", "CONCEDE"),
    ("RETREAT", "CONCEDE"),
    ("SANCTION", "REJECT"),
    ("THREATEN", "ASSAULT"),
    ("THREATEN", "COERCE"),
    ("THREATEN", "SANCTION"),
)
#: A trigger lemma whose table rows give at least this many types says little about the type.
AMBIGUOUS_TYPES = 3
#: Decision rule. The pair and open thresholds were chosen on a validation part of the train
#: stories (the train templates split again by `ngec_split`), never the held-out part: a
#: neighbour with 0.7 of the pair's probability is right 86% of the time there, a type at 0.6
#: 74%. The floor (a neighbour needs 0.3 itself: a flip between two unlikely types is noise)
#: came from the errors on the sample articles; the held-out part only compared the settings.
THRESHOLD, FLOOR, OPEN_THRESHOLD, MARGIN = 0.7, 0.3, 0.6, 0.2
#: Inverse regularisation strength; features seen in fewer examples are left out.
C, MIN_COUNT = 0.3, 3
#: Decimals kept in the file; smaller weights are dropped with their feature when all are 0.
DECIMALS = 3
TRIGGER_WEIGHT = 0.5

_SENTENCE = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[A-Z\"“])")


def lead(text: str) -> str:
    """The first sentence of a story."""
    return _SENTENCE.split(text.strip(), maxsplit=1)[0]


def story_examples(stories: list[dict]) -> list[tuple[str, str, float]]:
    """(text, type, weight): each story's title and lead sentence."""
    found = []
    for story in stories:
        label = current_label(story["label"])
        found.append((story["title"], label, 1.0))
        found.append((lead(story["text"]), label, 1.0))
    return found


def codebook_examples(types: set[str]) -> list[tuple[str, str, float]]:
    """The codebook's type and mode definitions."""
    found = []
    with CODEBOOK.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            label = current_label(row["event"].strip())
            if label in types:
                text = " ".join(row[k] for k in ("event_def", "mode_def") if row.get(k))
                found.append((text, label, 1.0))
    return found


def trigger_rows() -> list[tuple[str, str, str]]:
    """(lemma, type, condition values) of both trigger tables, NONE rows left out."""
    rows = []
    for name in ("triggers.tsv", "cameo_triggers.tsv"):
        for line in (ONTOLOGY / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if cells[2] != "NONE":
                values = [
                    v
                    for need in cells[4].split(";")
                    for v in need.partition("=")[2].split("|")
                    if v and not v.startswith("*")
                ]
                rows.append((cells[0], cells[2], " ".join(values[:3])))
    return rows


def trigger_examples(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, float]]:
    """Each trigger row as a short phrase: the lemma and its first condition values."""
    return [(f"{lemma} {values}".strip(), kind, TRIGGER_WEIGHT) for lemma, kind, values in rows]


def ambiguous(rows: list[tuple[str, str, str]]) -> list[str]:
    """Trigger lemmas the tables give `AMBIGUOUS_TYPES` or more types."""
    kinds: dict[str, set[str]] = {}
    for lemma, kind, _ in rows:
        kinds.setdefault(lemma, set()).add(kind)
    return sorted(lemma for lemma, found in kinds.items() if len(found) >= AMBIGUOUS_TYPES)


def train(examples: list[tuple[str, str, float]], types: list[str]) -> dict:
    """Fit the classifier and return the model file's content."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    examples = sorted(examples)
    counts = Counter(f for text, _, _ in examples for f in features(text))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    for r, (text, _, _) in enumerate(examples):
        for f in features(text):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocab)))
    labels = np.array([types.index(kind) for _, kind, _ in examples])
    weights = np.array([w for _, _, w in examples])
    model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced", solver="lbfgs")
    with threadpool_limits(limits=1):
        model.fit(matrix, labels, sample_weight=weights)
    coef = np.round(model.coef_, DECIMALS)
    kept = {f: [float(w) for w in coef[:, i]] for f, i in index.items() if np.any(coef[:, i])}
    return {
        "types": types,
        "bias": [float(b) for b in np.round(model.intercept_, DECIMALS)],
        "weights": kept,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="print the held-out story-level accuracy of the written model",
    )
    args = parser.parse_args(argv)
    stories = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    train_part, held_out = split(sorted(stories, key=lambda s: s["id"]))
    types = sorted({current_label(s["label"]) for s in stories})
    rows = trigger_rows()
    examples = story_examples(train_part) + codebook_examples(set(types))
    examples += [e for e in trigger_examples(rows) if e[1] in types]
    data = train(examples, types)
    neighbours: dict[str, set[str]] = {}
    for a, b in CONFUSED:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    data.update(
        neighbours={k: sorted(v) for k, v in sorted(neighbours.items())},
        ambiguous=ambiguous(rows),
        threshold=THRESHOLD,
        floor=FLOOR,
        open_threshold=OPEN_THRESHOLD,
        margin=MARGIN,
        source=f"scripts/train_type_model.py: {len(train_part)} NGEC train stories, codebook "
        f"definitions, {len(rows)} trigger rows; {len(data['weights'])} features",
    )
    OUT.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(data['weights'])} features, {OUT.stat().st_size // 1024} KiB")
    if args.check:
        check(held_out)
    return 0


def check(held_out: list[dict]) -> None:
    """Print the share of held-out stories whose title, lead or both (summed) the model types."""
    from kg.extract.events.typemodel import load_type_model

    model = load_type_model(OUT, _types())
    hits: Counter[str] = Counter()
    for story in held_out:
        label = current_label(story["label"])
        for name, text in (
            ("title", story["title"]),
            ("lead", lead(story["text"])),
            ("story", f"{story['title']} {story['text']}"),
        ):
            probs = model.probabilities(text)
            hits[name] += max(probs, key=lambda t: probs[t]) == label
    print(", ".join(f"{k} {v}/{len(held_out)} = {v / len(held_out):.2f}" for k, v in hits.items()))


def _types() -> list[str]:
    return json.loads(OUT.read_text(encoding="utf-8"))["types"]


if __name__ == "__main__":
    raise SystemExit(main())
