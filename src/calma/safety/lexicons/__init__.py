"""Crisis lexicons for the languages other than English, one module per language.

Each module defines `LEXICON`, a dict of regular expressions written for accent-free,
lower-case text (`calma.safety.intl.plain`): "está" is matched as "esta", "müde" as "mude",
"ß" as "ss". The keys are the same in every language (see `calma.safety.intl`), so a reviewer
can read one language's rules next to another's. English keeps its own, richer modules
(`lexicon.py`, `signals.py`) and the sentence-embedding classifier.
"""
