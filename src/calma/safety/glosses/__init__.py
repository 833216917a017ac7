"""Bilingual lexicons for `calma.safety.gloss`: one module per language (es, pt, fr, de), written for Calma.

Each module has WORDS ("source=english; ..."), VERBS (lemmas with their English base/past and
flags: R reflexive with a clitic, M takes a to-infinitive, B a bare one), IRREGULAR forms,
PHRASES (multi-word expressions, glossed as one), ENDINGS and `verb_class`.
"""
