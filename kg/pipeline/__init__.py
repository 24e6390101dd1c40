"""The composition: the only package that knows the order of the stages.

``compose`` runs ingest -> extract -> link (and is what `kg.build` calls); ``cache`` keeps
prepared articles and per-article analyses on disk between runs; ``workers`` and
``distributed`` run the extraction in a process pool or on Dask; ``output`` owns the output
folder: its file names, writing every output, and reading a built folder back.

(Named ``pipeline`` rather than ``build`` so that it cannot shadow the `kg.build` function.)
"""
