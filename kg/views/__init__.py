"""Views: a `Corpus` (and the `kg.ontology.Ontology` for type colours and polarity) in, things
people read out.

``page`` writes the offline interactive network page (its data from ``page_data``, communities
and a large graph's starting layout from ``page_layout``, its own script and style in
``assets/``); ``analytics`` computes network statistics with networkx and
writes GraphML; ``report`` renders `kg extract`'s answer.
"""
