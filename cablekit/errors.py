"""One kind of error for mistakes a student can fix, shown as a single line."""
import numbers
import sys


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


# --------------------------------------------------------------------------- NameError in Jupyter

def _name_error_handler(shell, etype, value, tb, tb_offset=None):
    """Show a NameError raised by a student's own cell as one line that says what to do: a close
    name that is defined (a typo, as Python's own "Did you mean" would say), else run the cells above."""
    import builtins
    import difflib

    frames = []
    while tb is not None:
        frames.append(tb.tb_frame.f_code.co_filename)
        tb = tb.tb_next
    in_cell = bool(frames) and ("ipykernel" in frames[-1] or frames[-1].startswith("<ipython-input"))
    name = getattr(value, "name", None)
    if not in_cell or not name:
        return shell.showtraceback((etype, value, value.__traceback__), tb_offset=tb_offset)
    defined = [known for known in [*shell.user_ns, *dir(builtins)] if not known.startswith("_")]
    close = difflib.get_close_matches(name, defined, n=1, cutoff=0.75)
    if close:
        print(f"⚠️ NameError: `{name}` is not defined. Did you mean `{close[0]}`? If not, run the cells above "
              f"first (Run > Run All Above Selected Cell).", file=sys.stderr)
    else:
        print(f"⚠️ NameError: `{name}` is not defined yet: run the cells above first "
              f"(Run > Run All Above Selected Cell), or check its spelling.", file=sys.stderr)
    return None


def install_name_error_hint() -> bool:
    """In IPython/Jupyter, show a NameError from a notebook cell as one line instead of a traceback.

    Called when cablekit is imported; does nothing (returns False) outside IPython.

    >>> from IPython import get_ipython
    >>> install_name_error_hint() == (get_ipython() is not None)
    True
    """
    ipython = sys.modules.get("IPython")  # not imported: not in IPython (and importing it would cost 0.1 s)
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    if NameError not in getattr(shell, "custom_exceptions", ()):
        shell.set_custom_exc((NameError,), _name_error_handler)
    formatter = getattr(getattr(shell, "display_formatter", None), "formatters", {}).get("text/plain")
    if formatter is not None:  # a skeleton's `answer = ...` shows what to do, not the word "Ellipsis"
        formatter.singleton_printers[id(...)] = lambda value, printer, cycle: printer.text(
            "... (not answered yet: replace the ... with your code)")
    return True
