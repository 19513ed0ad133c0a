"""cablekit: the plumbing shared by every notebook in the collection.

Lesson code stays in the notebooks; this package only finds files, loads the data,
prepares NLTK, sets the plotting theme and runs the exercises' self-checks.

>>> from cablekit import load_text
>>> load_text().startswith("Comrade Stalin!")
True
"""
import importlib

from cablekit.errors import install_name_error_hint

#: Each public name and the module that defines it. A name's module is imported when the name is
#: first used, so that `python -m cablekit manifest --check`, say, does not wait half a second for
#: pandas and NLTK.
_HOMES = {
    **dict.fromkeys(["DATA_DIR", "REPO_DIR", "POINT_ORDER", "load_metadata", "load_paragraphs", "load_table",
                     "load_text", "table_names"], "cablekit.data"),
    **dict.fromkeys(["NLTK_RESOURCES", "setup_nltk"], "cablekit.nltk_setup"),
    **dict.fromkeys(["show_table", "use_theme"], "cablekit.theme"),
    **dict.fromkeys(["check", "is_correct"], "cablekit.checks"),
}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'cablekit' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


install_name_error_hint()  # in Jupyter, a NameError in a cell is one line that says what to do
