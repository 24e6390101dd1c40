"""Entities of one article: parsed doc in, `Mention`s and `LocalEntity`s out.

``gazetteer`` holds the actor and place reference data; ``component`` is the spaCy component
that tags gazetteer names in the parse; ``finder`` classifies each span as a frozen
``Candidate`` and runs the passes in order (``groups``: institutions, acronyms, descriptions;
``people``: credits, titles and affiliations, news outlets), each taking a tuple of candidates
and returning a new one; ``resolve`` (no spaCy) groups the candidates into the story's entities.
"""
