"""Wiring shared by the lessons' widgets: a callback that fails shows one line, not nothing.

Jupyter does not show an exception raised inside a widget callback (it goes to the log), so a
student would see the widget's output simply stay empty or stale. Every cablekit widget wraps
its callbacks with :func:`guarded`, which shows the problem as one line inside the widget.
"""
from __future__ import annotations

import functools
import html
from typing import Callable

from cablekit.errors import CableKitError


def one_line(problem: BaseException) -> str:
    """The problem as one short line: a CableKitError's own message, else its type and text.

    >>> one_line(CableKitError("Type a word, e.g. 'forces'."))
    "Type a word, e.g. 'forces'."
    >>> one_line(ZeroDivisionError("division by zero\\nmore"))
    'Something went wrong (ZeroDivisionError: division by zero more). Change the choice, or re-run the cell.'
    """
    text = " ".join(str(problem).split())[:300]
    if isinstance(problem, CableKitError):
        return text or type(problem).__name__
    detail = f"{type(problem).__name__}: {text}" if text else type(problem).__name__
    return f"Something went wrong ({detail}). Change the choice, or re-run the cell."


def message_html(text: str) -> str:
    """A one-line message as escaped HTML, for an HTML widget.

    >>> message_html("No match for '<b>'.")
    '<p role="status">No match for &#x27;&lt;b&gt;&#x27;.</p>'
    """
    return f'<p role="status">{html.escape(str(text))}</p>'


def guarded(callback: Callable, show: Callable[[str], None]) -> Callable:
    """``callback`` that, if it raises, calls ``show(one_line(problem))`` instead.

    >>> shown = []
    >>> safe = guarded(lambda change: 1 / 0, shown.append)
    >>> safe({"new": 1}); shown
    ['Something went wrong (ZeroDivisionError: division by zero). Change the choice, or re-run the cell.']
    """
    @functools.wraps(callback)
    def safe(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except Exception as problem:  # noqa: BLE001 - shown to the student instead of being lost
            show(one_line(problem))
            return None

    return safe
