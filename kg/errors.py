"""The one exception tree of `kg`.

::

    KgError
    ├── InputError          an input file or record cannot be read (path, line, reason)
    ├── OntologyError       ontology or reference data is missing or malformed
    │   └── UnknownTermError  a term the code asked for is not declared
    ├── ModelError          the spaCy pipeline cannot be loaded
    ├── QueryError          a SPARQL query cannot be parsed or run
    ├── StoreError          the output folder or store is missing or unreadable
    ├── SchedulerError      the Dask scheduler cannot be reached or the cluster cannot start
    ├── LimitError          a configured resource limit was hit (says which)
    └── ConfigError         a setting is not acceptable (e.g. a base IRI); also a ValueError

Every message says what went wrong, where, and what to try.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error `kg` raises on purpose."""


class InputError(KgError):
    """An input path, file or record cannot be read."""

    def __init__(self, path: str, reason: str, *, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class OntologyError(KgError):
    """Ontology or reference data is missing or malformed."""


class UnknownTermError(OntologyError):
    """A term the code asked for is not declared in the ontology."""


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded."""


class QueryError(KgError):
    """A SPARQL query cannot be parsed or run."""


class StoreError(KgError):
    """An output folder or store is missing or unreadable."""


class SchedulerError(KgError):
    """The Dask scheduler cannot be reached, or a local cluster cannot start."""


class LimitError(KgError):
    """A configured resource limit was hit; the message names the limit and how to raise it."""


class ConfigError(KgError, ValueError):
    """A setting given to kg (an option or argument value) is not acceptable.

    Also a `ValueError`, since it is one: code that caught the plain `ValueError` keeps working.
    """
