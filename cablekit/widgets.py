"""Wiring shared by the lessons' widgets: a callback that fails shows one line, not nothing; a
saved widget still shows something readable where it cannot run.

Jupyter does not show an exception raised inside a widget callback (it goes to the log), so a
student would see the widget's output simply stay empty or stale. Every cablekit widget wraps
its callbacks with :func:`guarded`, which shows the problem as one line inside the widget.

A widget runs only in a live kernel. Where it cannot (JupyterLab before a downloaded notebook is
run, or a page that shows only saved outputs), another form of the saved output is shown; for an
ipywidgets box that is "VBox(children=(HBox(...". Every cablekit widget is a :func:`form`, whose
saved output also holds a snapshot: a note saying how to use it, and what it showed when it was
saved (tests/test_browser.py checks what JupyterLab shows; website/build.py uses it for the site).
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


#: The line above a saved widget's snapshot, as HTML (website/build.py puts the site's own note instead).
SNAPSHOT_NOTE = ("<p><em>An interactive widget: run this cell in JupyterLab to use it. Until then, this is what "
                 "it showed when the notebook was saved.</em></p>\n")


def snapshot_html(root) -> str:
    """What a widget shows now, as HTML: the value of every HTML widget in it and every Output
    widget's HTML (or escaped text), in order.

    >>> import ipywidgets as widgets
    >>> snapshot_html(widgets.VBox([widgets.Text("x"), widgets.HTML("<b>3 matches</b>")]))
    '<b>3 matches</b>'
    """
    import ipywidgets as widgets

    parts = []
    if isinstance(root, widgets.HTML):
        parts.append(root.value)
    elif isinstance(root, widgets.Output):
        for output in root.outputs:
            data = output.get("data", {})
            if "text/html" in data:
                parts.append(data["text/html"])
            elif output.get("text"):
                parts.append(f"<pre>{html.escape(output['text'])}</pre>")
    for child in getattr(root, "children", ()):
        parts.append(snapshot_html(child))
    return "".join(parts)


@functools.lru_cache(maxsize=None)
def _form_class():
    import ipywidgets as widgets

    class Form(widgets.VBox):
        """An ipywidgets VBox whose saved output also holds a plain line and an HTML snapshot."""

        def _repr_mimebundle_(self, **kwargs):
            bundle = super()._repr_mimebundle_(**kwargs)
            if bundle:  # ipywidgets gives none for a widget that has no view
                bundle["text/plain"] = f"{self.name}: an interactive widget; run this cell in JupyterLab to use it."
                bundle["text/html"] = SNAPSHOT_NOTE + snapshot_html(self)
            return bundle

    return Form


def form(children: list, name: str):
    """A box of ``children`` (an ipywidgets VBox) that, where the widget cannot run, shows ``name``
    and a snapshot of what it shows now (see the module's docstring). JupyterLab prefers the live
    widget wherever it can show it.

    >>> import ipywidgets as widgets
    >>> bundle = form([widgets.HTML("<b>3 matches</b>")], "The test widget")._repr_mimebundle_()
    >>> bundle["text/plain"]
    'The test widget: an interactive widget; run this cell in JupyterLab to use it.'
    >>> bundle["text/html"].endswith("<b>3 matches</b>"), "application/vnd.jupyter.widget-view+json" in bundle
    (True, True)
    """
    import ipywidgets as widgets

    if not isinstance(children, (list, tuple)) or not all(isinstance(c, widgets.Widget) for c in children):
        raise CableKitError("form() takes a list of ipywidgets widgets, e.g. [widgets.HTML('...')].")
    if not isinstance(name, str) or not name.strip() or len(name) > 80 or "\n" in name:
        raise CableKitError("form() needs the widget's name: a short line of text, e.g. 'The highlighter'.")
    box = _form_class()(children=list(children))
    box.name = name
    return box
