"""The paragraph browser behind lesson 1's widget: a point of the cable with its marks shown.

Three things are highlighted: the editors' [square-bracket insertions], the people named
(data/people.csv) and the places named (data/places.csv). ``point_html`` gives HTML for the
notebook; ``point_text`` gives the same as plain text for places where HTML or widgets do not
render; ``paragraph_browser`` wires a drop-down to them. The text is always HTML-escaped.
"""
from __future__ import annotations

import numbers
import re
from functools import lru_cache
from html import escape

from cablekit.data import POINT_ORDER, load_paragraphs, load_table
from cablekit.errors import CableKitError
from cablekit.text import EDITORIAL_INSERTION, clean_text, insertion_overlap
from cablekit.widgets import form, guarded, message_html

#: Inline styles, so the colours show in JupyterLab, on GitHub's renderer and in exported HTML.
STYLES = {
    "editorial": "background:#e6e6e6;border:1px dashed #555;padding:0 2px",
    "person": "background:#cfe2f3;border-bottom:2px solid #0b5394",
    "place": "background:#fce5cd;border-bottom:2px dotted #b45f06",
}
#: How the plain-text version marks each kind of span.
PLAIN = {"editorial": ("⟦", "⟧"), "person": ("«", "»"), "place": ("‹", "›")}

#: Hidden on screen, read by screen readers, shown as text where styles are stripped (GitHub).
_SCREEN_READER_ONLY = ("position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
                       "clip:rect(0,0,0,0);white-space:nowrap;border:0")

_POINT_WORD = re.compile(r"^(?:point\s*)?(\d{1,2})\.?$", re.I)


@lru_cache(maxsize=1)
def cable_names() -> dict[str, tuple[str, str]]:
    """Every name in the people and places tables: spelling -> (category, tooltip).

    >>> cable_names()["Yao Soushi"]
    ('person', 'person: Rao Shushi (identification: high)')
    """
    names = {}
    for category, table, standard in (("person", "people", "standard_name"), ("place", "places", "modern_name")):
        for row in load_table(table).itertuples(index=False):
            tip = f"{category}: {getattr(row, standard)} (identification: {row.confidence})"
            names[row.name_in_text] = (category, tip)
    return names


def _check_names(names: object) -> dict[str, tuple[str, str]]:
    if names is None:
        return cable_names()
    shape = 'Give names as a dict, e.g. {"Du Yuming": "person", "Suizhou": ("place", "place: Xuzhou")}'
    if not isinstance(names, dict) or not all(isinstance(k, str) and k.strip() for k in names):
        raise CableKitError(shape + ".")
    checked = {}
    for name, value in names.items():
        name = clean_text(name, "A name")
        if isinstance(value, (tuple, list)):
            if len(value) != 2 or not all(isinstance(part, str) for part in value):
                raise CableKitError(f"{name[:40]!r} maps to {type(value).__name__} of {len(value)}; "
                                    f"a pair must be (category, tooltip), both text. {shape}.")
            category, tip = value
        else:
            category, tip = value, f"{value}: {name}"
        if category not in ("person", "place"):
            raise CableKitError(f"The category of {name[:40]!r} must be 'person' or 'place', not {str(category)[:30]!r}.")
        checked[name] = (category, clean_text(tip, "A tooltip"))
    return checked


def find_spans(text: str, names: dict | None = None) -> list[tuple[int, int, str, str]]:
    """The highlighted stretches of ``text``: (start, end, category, tooltip), in text order.

    Editorial insertions win over names inside them; longer names win over shorter ones;
    names match whole words only. ``names`` maps spelling -> "person"/"place", or to a pair
    (category, tooltip) (default: every name in data/people.csv and data/places.csv). Positions
    are in the NFC-normalised text (the same text unless it has combining accents).

    >>> find_spans("Beiping [Beijing] and Tianjin", {"Beiping": "place", "Beijing": "place"})
    [(0, 7, 'place', 'place: Beiping'), (8, 17, 'editorial', 'editorial insertion')]
    """
    text = clean_text(text)
    names = _check_names(names)
    spans = [(m.start(), m.end(), "editorial", "editorial insertion") for m in EDITORIAL_INSERTION.finditer(text)]
    if names:
        ordered = sorted(names, key=lambda name: (-len(name), name))
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in ordered) + r")(?!\w)")
        in_insertion = insertion_overlap(text)
        for match in pattern.finditer(text):
            if in_insertion(*match.span()):
                continue  # the name sits inside an editorial insertion
            category, tip = names[match.group()]
            spans.append((match.start(), match.end(), category, tip))
    return sorted(spans)


def highlight_html(text: str, names: dict | None = None) -> str:
    """``text`` as HTML, escaped, with insertions and names wrapped in styled ``<span>``s.

    >>> page = highlight_html("<b>Du Yuming</b> [sic]", {"Du Yuming": "person"})
    >>> page.startswith('&lt;b&gt;<span class="person"') and 'title="person: Du Yuming">Du Yuming<span' in page
    True
    >>> "> (person: Du Yuming)</span></span>&lt;/b&gt;" in page
    True
    """
    text = clean_text(text)
    pieces, position = [], 0
    for start, end, category, tip in find_spans(text, names):
        pieces.append(escape(text[position:start]))
        label = "" if category == "editorial" else f'<span style="{_SCREEN_READER_ONLY}"> ({escape(tip)})</span>'
        pieces.append(f'<span class="{category}" style="{STYLES[category]}" title="{escape(tip)}">'
                      f"{escape(text[start:end])}{label}</span>")
        position = end
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def highlight_text(text: str, names: dict | None = None) -> str:
    """``text`` as plain text: ⟦insertion⟧, «person», ‹place›.

    >>> highlight_text("Mao Zedong went to Moscow [sic].", {"Mao Zedong": "person", "Moscow": "place"})
    '«Mao Zedong» went to ‹Moscow› ⟦[sic]⟧.'
    """
    text = clean_text(text)
    pieces, position = [], 0
    for start, end, category, _ in find_spans(text, names):
        left, right = PLAIN[category]
        pieces.append(text[position:start] + left + text[start:end] + right)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def normalise_point(point: object) -> str:
    """The point label the data uses, from what a student might type.

    Accepts 1-12 (as a number or text, "point 3" too), "salutation", "closing", "signature".

    >>> normalise_point(3), normalise_point(" Point 12 "), normalise_point("Closing")
    ('3', '12', 'closing')
    """
    choices = "salutation, 1 ... 12, closing or signature"
    if isinstance(point, bool) or type(point).__name__ == "bool_" or not isinstance(point, (numbers.Integral, str)):
        raise CableKitError(f"Choose a point ({choices}), not a {type(point).__name__}.")
    label = str(int(point)) if isinstance(point, numbers.Integral) else point.strip().lower()
    match = _POINT_WORD.match(label)
    if match:
        label = str(int(match.group(1)))
    if label not in POINT_ORDER:
        raise CableKitError(f"There is no point {str(point)[:30]!r}. Choose {choices}.")
    return label


def _point_paragraphs(point: object) -> tuple[str, list[str]]:
    """The point's title ("Point 3", "Closing") and its paragraphs' texts."""
    label = normalise_point(point)
    paragraphs = load_paragraphs()
    title = f"Point {label}" if label.isdigit() else label.capitalize()
    return title, list(paragraphs.loc[paragraphs["point"] == label, "text"])


def point_html(point: object) -> str:
    """One point of the cable as HTML, with insertions, people and places highlighted.

    >>> html = point_html(1)
    >>> html.startswith('<div class="cable-point">') and 'title="editorial insertion">[sic]</span>' in html
    True
    """
    title, texts = _point_paragraphs(point)
    body = "".join(f"<p>{highlight_html(text)}</p>" for text in texts)
    legend = " ".join(f'<span style="{STYLES[c]}">{name}</span>'
                      for c, name in (("editorial", "[editors' insertion]"), ("person", "person"), ("place", "place")))
    return f'<div class="cable-point"><h4>{title}</h4>{body}<p><small>Key: {legend}</small></p></div>'


def point_text(point: object) -> str:
    """One point of the cable as plain text, marked ⟦insertion⟧, «person», ‹place›.

    >>> print(point_text("1"))
    Point 1
    Received your telegram dated 28 ⟦[sic]⟧ November.
    <BLANKLINE>
    Will act in accordance with this telegram. When the currently ongoing two large military operations are finished, then I will go to ‹Moscow›.
    """
    title, texts = _point_paragraphs(point)
    return title + "\n" + "\n\n".join(highlight_text(text) for text in texts)


def paragraph_browser(start: object = "1"):
    """A drop-down of the cable's parts and the chosen point, highlighted (an ipywidgets VBox).

    >>> type(paragraph_browser("2")).__name__
    'Form'
    """
    import ipywidgets as widgets

    choice = widgets.Dropdown(options=[(p if not p.isdigit() else f"point {p}", p) for p in POINT_ORDER],
                              value=normalise_point(start), description="Show:")
    shown = widgets.HTML(point_html(choice.value))

    def show_problem(message: str) -> None:
        shown.value = message_html(message)

    def update(change):
        shown.value = point_html(change["new"])

    update = guarded(update, show_problem)
    choice.observe(update, names="value")
    return form([choice, shown], "The paragraph browser")
