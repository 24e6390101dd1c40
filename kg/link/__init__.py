"""Link: every article's analysis in, corpus-level `Actor`s and `Event`s out.

``actors`` clusters local entities across articles into canonical actors and places (and the
(article, entity) -> actor links); ``events`` merges event mentions that tell one occurrence
into `Event`s with their evidence. Both stream the analyses; neither needs spaCy.
"""
