"""The highlighter behind lesson 3's widget: colour a text by rhetorical category.

The categories and their terms come from ``data/rhetoric_lexicon.csv`` (one row per term,
with the category and the reason it is there). Matching follows one rule, the same one the
lesson teaches: a term matches as a whole word or phrase, case-sensitively, except that a
term starting with a small letter also matches with a capital first letter (so "we" finds
"We", but "us" never finds "US"). Longer terms win over shorter ones ("more than" before
"more"). The editors' [insertions] are skipped unless ``keep_insertions=True``.

    highlight_html(text)    HTML: coloured spans (colour-blind-safe palette) and a legend
    highlight_plain(text)   the same as plain text: "[we: our] forces"
    find_terms(text)        one row per match: start, end, match, term, category
    category_counts(text)   matches per category
    highlighter_widget()    the ipywidgets browser used in the lesson
"""
from __future__ import annotations

import html
import re

import pandas as pd

from cablekit.data import POINT_ORDER, load_paragraphs, load_table
from cablekit.errors import CableKitError, require_flag, require_text
from cablekit.text import EDITORIAL_INSERTION, insertion_overlap

#: The categories in the order the legend shows them.
CATEGORIES = [
    "we",
    "adversary",
    "military-action",
    "evaluative-positive",
    "evaluative-negative",
    "intensifier",
    "comparative",
    "modal",
    "hedge",
    "certainty",
]

#: seaborn's "colorblind" palette (``sns.color_palette("colorblind").as_hex()``), one colour a category.
CATEGORY_COLOURS = dict(zip(CATEGORIES, [
    "#0173b2", "#d55e00", "#ca9161", "#029e73", "#cc78bc",
    "#de8f05", "#56b4e9", "#949494", "#ece133", "#fbafe4",
]))

#: Longest text the functions accept (the cable is about 8,600 characters).
MAX_CHARS = 200_000


def load_lexicon() -> pd.DataFrame:
    """The category lexicon from data/rhetoric_lexicon.csv (term, category, reason, example).

    >>> lexicon = load_lexicon()
    >>> list(lexicon.columns[:3])
    ['term', 'category', 'reason']
    """
    return load_table("rhetoric_lexicon")


def term_pattern(term: str) -> str:
    """The regular expression for one lexicon term (whole words; first letter may be a capital).

    >>> term_pattern("more than")
    '(?<!\\\\w)[mM]ore\\\\s+than(?!\\\\w)'
    >>> bool(re.search(term_pattern("us"), "the US government"))
    False
    """
    if not isinstance(term, str) or not term.strip():
        raise CableKitError("A lexicon term must be a non-empty piece of text, e.g. 'we'.")
    words = [re.escape(word) for word in term.split()]
    first = words[0]
    if first[0].islower():
        first = f"[{first[0]}{first[0].upper()}]{first[1:]}"
    return r"(?<!\w)" + r"\s+".join([first, *words[1:]]) + r"(?!\w)"


def _check_text(text: object) -> str:
    if not require_text(text).strip():
        raise CableKitError("The text is empty: give some words to highlight, e.g. load_text().")
    if len(text) > MAX_CHARS:
        raise CableKitError(f"The text has {len(text):,} characters; give at most {MAX_CHARS:,} (one document).")
    return text


def _check_lexicon(lexicon: object) -> pd.DataFrame:
    if lexicon is None:
        return load_lexicon()
    if not isinstance(lexicon, pd.DataFrame) or not {"term", "category"} <= set(lexicon.columns):
        raise CableKitError("The lexicon must be a DataFrame with columns 'term' and 'category', e.g. load_lexicon().")
    if lexicon.empty:
        raise CableKitError("The lexicon has no rows: add at least one term and its category.")
    unknown = sorted(set(lexicon["category"].astype(str)) - set(CATEGORIES))
    if unknown:
        raise CableKitError(f"Unknown category {unknown[0]!r}; use one of: {', '.join(CATEGORIES)}.")
    bad = lexicon["term"].map(lambda term: not isinstance(term, str) or not term.strip())
    if bad.any():
        raise CableKitError("Every lexicon term must be a non-empty piece of text.")
    return lexicon


def _check_categories(categories: object) -> list[str]:
    if categories is None:
        return list(CATEGORIES)
    if isinstance(categories, str):
        categories = [categories]
    if not isinstance(categories, (list, tuple, set, frozenset)) or not all(isinstance(c, str) for c in categories):
        raise CableKitError(f"Give categories as a list of names, e.g. ['we', 'adversary'], from: {', '.join(CATEGORIES)}.")
    unknown = sorted(set(categories) - set(CATEGORIES))
    if unknown:
        raise CableKitError(f"Unknown category {unknown[0][:40]!r}; use one of: {', '.join(CATEGORIES)}.")
    return [c for c in CATEGORIES if c in set(categories)]


def find_terms(text: str, lexicon: pd.DataFrame | None = None, categories=None,
               keep_insertions: bool = False) -> pd.DataFrame:
    """Every lexicon match in ``text``, in text order: start, end, match, term, category.

    >>> find_terms("We must flee.")[["match", "category"]].values.tolist()
    [['We', 'we'], ['must', 'modal'], ['flee', 'evaluative-negative']]
    >>> len(find_terms("After [we] finish."))
    0
    """
    text = _check_text(text)
    lexicon = _check_lexicon(lexicon)
    wanted = set(_check_categories(categories))
    keep_insertions = require_flag(keep_insertions, "keep_insertions")
    rows = lexicon[lexicon["category"].isin(wanted)]
    terms = sorted(dict(zip(rows["term"], rows["category"])).items(), key=lambda item: (-len(item[0]), item[0]))
    columns = ["start", "end", "match", "term", "category"]
    if not terms:
        return pd.DataFrame(columns=columns)
    # Every term pattern starts with the same look-behind; testing it once per position, before
    # the alternatives, gives the same matches several times faster.
    boundary = r"(?<!\w)"
    bodies = [term_pattern(term).removeprefix(boundary) for term, _ in terms]
    pattern = re.compile(boundary + "(?:" + "|".join(f"(?P<t{i}>{body})" for i, body in enumerate(bodies)) + ")")
    in_insertion = None if keep_insertions else insertion_overlap(text)
    found = []
    for match in pattern.finditer(text):
        if in_insertion and in_insertion(*match.span()):
            continue
        term, category = terms[int(match.lastgroup[1:])]
        found.append((*match.span(), match.group(0), term, category))
    return pd.DataFrame(found, columns=columns).astype({"start": int, "end": int})


def category_counts(text: str, lexicon: pd.DataFrame | None = None, keep_insertions: bool = False) -> pd.Series:
    """How many matches each category has in ``text`` (every category listed, zeros included).

    >>> category_counts("We will, we must.")[["we", "modal", "hedge"]].to_dict()
    {'we': 2, 'modal': 2, 'hedge': 0}
    """
    found = find_terms(text, lexicon, keep_insertions=keep_insertions)
    counts = found["category"].value_counts().reindex(CATEGORIES, fill_value=0).astype(int)
    counts.name, counts.index.name = "matches", "category"
    return counts


def _segments(text: str, found: pd.DataFrame, keep_insertions: bool):
    """Split text into (piece, category or None, is_insertion) in order."""
    marks = [(row.start, row.end, row.category) for row in found.itertuples()]
    if not keep_insertions:
        marks += [(m.start(), m.end(), None) for m in EDITORIAL_INSERTION.finditer(text)]
    marks.sort()
    position = 0
    for start, end, category in marks:
        if start > position:
            yield text[position:start], None, False
        yield text[start:end], category, category is None
        position = end
    if position < len(text):
        yield text[position:], None, False


def legend_html(categories=None) -> str:
    """The legend: one coloured swatch and name per category.

    >>> "modal" in legend_html(["modal"])
    True
    """
    items = []
    for category in _check_categories(categories):
        colour = CATEGORY_COLOURS[category]
        items.append(
            f'<span style="background:{colour}55;border-bottom:3px solid {colour};padding:0 4px;'
            f'margin-right:6px;white-space:nowrap">{html.escape(category)}</span>'
        )
    return '<div class="cablekit-legend" style="margin-bottom:6px;line-height:2">Legend: ' + " ".join(items) + "</div>"


def highlight_html(text: str, lexicon: pd.DataFrame | None = None, categories=None,
                   keep_insertions: bool = False) -> str:
    """The text as HTML, each lexicon match coloured by category, with a legend above.

    Everything from the text is HTML-escaped; each coloured span carries its category in a
    ``title`` (hover) and ``data-category``, so colour is never the only cue. The editors'
    [insertions] are shown in grey italics and not highlighted (unless ``keep_insertions``).

    >>> out = highlight_html("We <b>must</b> go.")
    >>> "&lt;b&gt;" in out and "<b>" not in out
    True
    >>> 'data-category="modal"' in out
    True
    """
    text = _check_text(text)
    chosen = _check_categories(categories)
    keep_insertions = require_flag(keep_insertions, "keep_insertions")
    found = find_terms(text, lexicon, chosen, keep_insertions)
    parts = []
    for piece, category, is_insertion in _segments(text, found, keep_insertions):
        escaped = html.escape(piece)
        if is_insertion:
            parts.append(f'<span title="editors\' insertion" style="color:#6b6b6b;font-style:italic">{escaped}</span>')
        elif category:
            colour = CATEGORY_COLOURS[category]
            parts.append(
                f'<span data-category="{category}" title="{category}" '
                f'style="background:{colour}55;border-bottom:3px solid {colour}">{escaped}</span>'
            )
        else:
            parts.append(escaped)
    body = '<div class="cablekit-text" style="white-space:pre-wrap;line-height:1.9">' + "".join(parts) + "</div>"
    return '<div class="cablekit-highlight">' + legend_html(chosen) + body + "</div>"


def highlight_plain(text: str, lexicon: pd.DataFrame | None = None, categories=None,
                    keep_insertions: bool = False) -> str:
    """The same highlighting as plain text: each match becomes "[category: words]".

    >>> highlight_plain("We must flee.")
    '[we: We] [modal: must] [evaluative-negative: flee].'
    """
    text = _check_text(text)
    found = find_terms(text, lexicon, categories, keep_insertions)
    out, position = [], 0
    for row in found.itertuples():
        out.append(text[position:row.start])
        out.append(f"[{row.category}: {row.match}]")
        position = row.end
    out.append(text[position:])
    return "".join(out)


def highlighter_widget(paragraphs: pd.DataFrame | None = None):
    """An ipywidgets browser: choose a point and categories, see the highlighted text.

    >>> type(highlighter_widget()).__name__
    'VBox'
    """
    import ipywidgets as widgets
    from IPython.display import HTML

    paragraphs = load_paragraphs() if paragraphs is None else paragraphs
    if not isinstance(paragraphs, pd.DataFrame) or not {"point", "text"} <= set(paragraphs.columns):
        raise CableKitError("Give the paragraphs table from load_paragraphs() (columns 'point' and 'text').")
    present = set(paragraphs["point"].astype(str))
    point = widgets.Dropdown(options=["whole cable"] + [p for p in POINT_ORDER if p in present],
                             value="whole cable", description="Point:")
    chosen = widgets.SelectMultiple(options=CATEGORIES, value=tuple(CATEGORIES), rows=len(CATEGORIES),
                                    description="Categories:")
    insertions = widgets.Checkbox(value=False, description="count the editors' [insertions]")
    output = widgets.Output()

    def redraw(*_):
        rows = paragraphs if point.value == "whole cable" else paragraphs[paragraphs["point"].astype(str) == point.value]
        output.outputs = ()
        if not chosen.value:
            output.append_stdout("Choose at least one category.\n")
            return
        output.append_display_data(HTML(highlight_html("\n\n".join(rows["text"]), categories=list(chosen.value),
                                                       keep_insertions=insertions.value)))

    for control in (point, chosen, insertions):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([point, insertions]), chosen, output])
