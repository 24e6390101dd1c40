"""Ingest: paths in, `Article` records out.

Takes files and folders (text, HTML, JSON/JSONL, CSV); gives cleaned, split, dated and
de-duplicated `Article` records. ``read`` walks and decodes the inputs into `RawDocument`s
(``decode`` guesses encodings), ``clean`` strips scrape noise, ``stories`` splits multi-story
pages, ``dating`` finds each story's date, ``dedupe`` merges copies of one story, and
``prepare`` runs them in order (in memory, or streamed through a cache). No NLP here.
"""
