"""Entities of one article: parsed doc in, `Mention`s and `LocalEntity`s out.

``gazetteer`` holds the actor and place reference data; ``component`` is the spaCy component
that tags gazetteer names in the parse; ``finder`` walks the parse and classifies each span as
a candidate (helped by ``people`` for names with titles and affiliations and ``groups`` for
descriptions and organisations named by their parts); ``resolve`` (no spaCy) groups the
candidates into the story's entities.
"""
