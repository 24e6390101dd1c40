"""Where the bundled ontology and reference data live.

In a source checkout (and an editable install) that is the top-level ``ontology/`` folder; in a
wheel it is installed as the package data ``kg._ontology`` (see pyproject.toml).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from kg.errors import OntologyError

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


def ontology_dir(folder: str | os.PathLike[str] | None = None) -> Path:
    """Return `folder` (or the default ontology folder) once it is known to exist.

    Every stage that reads reference data is given this folder; a missing one is a clear error
    before any work starts rather than a fall-back to the bundled data.

    >>> ontology_dir("/no/such/folder")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.OntologyError: /no/such/folder: no ontology folder here; ...
    """
    path = Path(folder) if folder is not None else default_ontology_dir()
    if not path.is_dir():
        raise OntologyError(
            f"{path}: no ontology folder here; pass the folder that holds kg.ttl, plover.ttl "
            f"and the reference data, or unset {ONTOLOGY_ENV} to use the bundled one"
        )
    return path
