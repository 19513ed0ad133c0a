"""One kind of error for mistakes a student can fix, shown as a single line."""


class CableKitError(ValueError):
    """A problem with the input, explained in one line that says what to do.

    In Jupyter the collection shows only this line, not a traceback.

    >>> str(CableKitError("Pass a word, e.g. 'army'."))
    "Pass a word, e.g. 'army'."
    """

    def _render_traceback_(self):  # IPython calls this instead of printing a traceback
        return [f"{type(self).__name__}: {self}"]
