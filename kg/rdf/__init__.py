"""RDF: a `Corpus` in, RDF out, and everything done with it afterwards.

``iris`` is the only place IRIs are minted; ``dataset`` turns the corpus into quads (one named
graph per article); ``store`` writes graph.nq, graph.ttl and the pyoxigraph store (kept up to
date incrementally by ``store_update``); ``export``, ``query``, ``serve`` and ``push`` read
that store or send it to another one.
"""
