"""Events of one article: parsed doc and its entities in, `EventMention`s out.

``lexicon`` loads the trigger and cue tables; ``finder`` finds verbal and nominal triggers
and builds each event; ``syntax`` holds dependency helpers; ``index`` maps tokens to the
article's entities; ``roles`` finds actors and recipients (with ``reference`` for titles and
definite descriptions, ``agentless`` for acts without a named doer); ``status`` decides
asserted/reported/denied/intended; ``timex`` dates the event; ``candidate`` turns the pieces
into the record.
"""
