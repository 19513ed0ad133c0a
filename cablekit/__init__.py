"""cablekit: the plumbing shared by every notebook in the collection.

Lesson code stays in the notebooks; this package only finds files, loads the data,
prepares NLTK, sets the plotting theme and runs the exercises' self-checks.

>>> from cablekit import load_text
>>> load_text().startswith("Comrade Stalin!")
True
"""
from cablekit.data import (
    DATA_DIR,
    REPO_DIR,
    POINT_ORDER,
    load_metadata,
    load_paragraphs,
    load_table,
    load_text,
    table_names,
)
from cablekit.nltk_setup import NLTK_RESOURCES, setup_nltk
from cablekit.theme import show_table, use_theme
from cablekit.checks import check, is_correct

__all__ = [
    "DATA_DIR",
    "REPO_DIR",
    "POINT_ORDER",
    "NLTK_RESOURCES",
    "check",
    "is_correct",
    "load_metadata",
    "load_paragraphs",
    "load_table",
    "load_text",
    "setup_nltk",
    "table_names",
    "show_table",
    "use_theme",
]
