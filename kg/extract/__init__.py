"""Extract: one `Article` in, one `ArticleAnalysis` out (mentions, local entities, events).

``nlp`` loads the spaCy pipeline; ``analyse`` runs a parsed article through the two
sub-stages: ``entities`` (which spans name actors or places, and which of them are one entity
inside the story) and ``events`` (PLOVER events with their roles, status, date and place).
Nothing here looks at another article; the result is what the build caches per article.
"""
