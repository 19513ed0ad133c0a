"""One kind of error for mistakes a student can fix, shown as a single line."""
import numbers


class CableKitError(ValueError):
    """A problem with the input, explained in one line that says what to do.

    In Jupyter the collection shows only this line, not a traceback.

    >>> str(CableKitError("Pass a word, e.g. 'army'."))
    "Pass a word, e.g. 'army'."
    """

    def _render_traceback_(self):  # IPython calls this instead of printing a traceback
        return [f"{type(self).__name__}: {self}"]



class DamagedDataError(CableKitError):
    """A file in the collection's data/ folder is missing, empty or unreadable.

    Raised by the loaders in cablekit.data. The message names the file and the command that
    restores it, so ``check()`` can say "the data is damaged" rather than blame the answer.

    >>> isinstance(DamagedDataError("data/numbers.csv is missing"), CableKitError)
    True
    """


def require_text(text: object, name: str = "text") -> str:
    """``text`` unchanged if it is a str; anything else is a one-line error naming ``name``.

    >>> require_text("forces")
    'forces'
    >>> require_text(3)
    Traceback (most recent call last):
    ...
    cablekit.errors.CableKitError: text must be text (a str), not int; e.g. load_text().
    """
    if not isinstance(text, str):
        raise CableKitError(f"{str(name)[:40]} must be text (a str), not {type(text).__name__}; e.g. load_text().")
    return text


def require_flag(value: object, name: str = "flag") -> bool:
    """``value`` as a bool, for a yes/no option; anything but True/False (or 1/0) is a one-line error.

    >>> require_flag(True, "case_sensitive"), require_flag(0, "lower")
    (True, False)
    >>> require_flag("yes", "lower")
    Traceback (most recent call last):
    ...
    cablekit.errors.CableKitError: lower must be True or False, not str.
    """
    if isinstance(value, bool) or (type(value).__module__ == "numpy" and type(value).__name__ in ("bool", "bool_")):
        return bool(value)
    if isinstance(value, numbers.Integral) and value in (0, 1):
        return bool(value)
    raise CableKitError(f"{str(name)[:40]} must be True or False, not {type(value).__name__}.")
