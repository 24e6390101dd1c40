"""Where the bundled ontology and reference data live.

In a source checkout (and an editable install) that is the top-level ``ontology/`` folder; in a
wheel it is installed as the package data ``kg._ontology`` (see pyproject.toml).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

#: Environment variable that points `kg` at another ontology/reference-data folder.
ONTOLOGY_ENV = "KG_ONTOLOGY_DIR"


def default_ontology_dir() -> Path:
    """Return the ontology folder: $KG_ONTOLOGY_DIR, the checkout's ``ontology/``, or package
    data."""
    override = os.environ.get(ONTOLOGY_ENV)
    if override:
        return Path(override)
    checkout = Path(__file__).resolve().parent.parent / "ontology"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("kg._ontology")))
