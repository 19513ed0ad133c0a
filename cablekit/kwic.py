"""Keyword in context (KWIC): every place a word or phrase occurs, with the text around it.

Lesson 2 uses :func:`kwic` behind a small widget (:func:`kwic_widget`). The search runs
paragraph by paragraph, so every line knows which of the cable's points it comes from.

    >>> kwic("servicing population", width=12)
      point          left                 match         right
    0     2  es from the   servicing population   at the forw
    1     3  rces of the   servicing population   at the forw
    2     3  rces of the   servicing population   numbering a
"""
from __future__ import annotations

import html
import numbers
import re
import unicodedata
from functools import lru_cache

import pandas as pd

from cablekit.data import POINT_ORDER, load_paragraphs
from cablekit.errors import CableKitError, require_flag
from cablekit.text import clean_text, column_texts, compatibility_form, remove_editorial_insertions
from cablekit.widgets import form, guarded, message_html

#: The columns every KWIC table has, even an empty one.
COLUMNS = ["point", "left", "match", "right"]
#: The longest query accepted (a word or a short phrase, not a paragraph).
MAX_QUERY = 200
#: The widest context accepted on either side, in characters.
MAX_WIDTH = 300
#: The most lines the widget shows (the cable's commonest word, "the", has far fewer); kwic() returns all.
MAX_LINES_SHOWN = 200


@lru_cache(maxsize=1)
def _cable_paragraphs() -> tuple[tuple[str, str], ...]:
    paragraphs = load_paragraphs()
    return tuple(zip(paragraphs["point"].astype(str), paragraphs["text"]))


def _as_paragraphs(source: object) -> tuple[tuple[str, str], ...]:
    if source is None:
        return _cable_paragraphs()
    if isinstance(source, str):
        return (("", clean_text(source, "source")),)
    if isinstance(source, pd.DataFrame) and {"point", "text"} <= set(source.columns):
        points = list(source["point"])
        return tuple((clean_text(_point_label(points[row]), f"Row {row} of the 'point' column"), text)
                     for row, text in column_texts(source["text"]))
    raise CableKitError("source must be None (the cable), a str, or a DataFrame with 'point' and 'text' columns.")


def _point_label(value: object) -> str:
    """A point label as text: "" when missing, 3 (not "3.0") for a whole number."""
    if pd.api.types.is_scalar(value) and not isinstance(value, str) and bool(pd.isna(value)):
        return ""
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral) and float(value).is_integer():
        return str(int(value))
    return str(value)


def query_pattern(query: object, case_sensitive: bool = False) -> re.Pattern:
    """The regular expression that finds ``query`` as whole words, spaces matching any whitespace.

    Regular-expression characters in the query are taken literally. The query is put in NFKC
    form, as :func:`kwic` puts the text, so an accent typed as a combining mark, or a ligature
    ("ﬁ"), still matches.

    >>> query_pattern("VKP(b)").pattern
    '(?<!\\\\w)VKP\\\\(b\\\\)(?!\\\\w)'
    >>> bool(query_pattern("coalition government").search("coalition\\ngovernment"))
    True
    """
    if not isinstance(query, str):
        raise CableKitError(f"query must be text (a str), not {type(query).__name__}; e.g. kwic('forces').")
    words = unicodedata.normalize("NFKC", clean_text(query, "query")).split()
    if not words:
        raise CableKitError("query is empty: type a word or phrase, e.g. 'forces'.")
    if len(query) > MAX_QUERY:
        raise CableKitError(f"query has {len(query):,} characters; search a word or short phrase (at most {MAX_QUERY}).")
    case_sensitive = require_flag(case_sensitive, "case_sensitive")
    body = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", 0 if case_sensitive else re.IGNORECASE)


def kwic(query: str, width: int = 40, case_sensitive: bool = False, source: object = None,
         keep_insertions: bool = True) -> pd.DataFrame:
    """Every occurrence of ``query`` with ``width`` characters of context on each side.

    Returns a DataFrame with columns point, left, match, right, in the order of the text
    (paragraph by paragraph, then left to right). ``source`` is None for the cable, a str,
    or a DataFrame with ``point`` and ``text`` columns (rows with a missing text are skipped).
    ``width`` is any whole number (a numpy integer too). With ``keep_insertions=False`` the
    editors' [insertions] are removed before searching. When nothing matches, the table is
    empty and ``result.attrs["message"]`` says so.

    >>> kwic("Moscow", width=15)["right"].tolist()
    ['.', ' and discuss wi', ' conduct the se']
    >>> kwic("A.B", source="Plan A.B, not AxB.")["match"].tolist()
    ['A.B']
    >>> kwic("fire", width=3, source="Ire, \ufb01re, FIRE")["match"].tolist() == ["\ufb01re", "FIRE"]
    True
    >>> empty = kwic("Taipei")
    >>> list(empty.columns), len(empty), empty.attrs["message"]
    (['point', 'left', 'match', 'right'], 0, "No match for 'Taipei' (case ignored).")
    """
    pattern = query_pattern(query, case_sensitive)
    case_sensitive = require_flag(case_sensitive, "case_sensitive")
    keep_insertions = require_flag(keep_insertions, "keep_insertions")
    if not isinstance(width, numbers.Integral) or isinstance(width, bool) or type(width).__name__ == "bool_" \
            or not 0 <= width <= MAX_WIDTH:
        raise CableKitError(f"width must be a whole number of characters from 0 to {MAX_WIDTH}, e.g. 40.")
    width = int(width)
    rows = []
    for point, text in _as_paragraphs(source):
        if not keep_insertions:
            text = remove_editorial_insertions(text)
        folded, origin = compatibility_form(text)  # search "ﬁre" as "fire"; show the text as written
        for found in pattern.finditer(folded):
            start, end = found.span() if origin is None else (origin[found.start()], origin[found.end() - 1] + 1)
            left = text[max(0, start - width):start]
            right = text[end:end + width] if width else ""
            rows.append((point, left.replace("\n", " "), text[start:end].replace("\n", " "), right.replace("\n", " ")))
    table = pd.DataFrame(rows, columns=COLUMNS)
    if source is None:
        table["point"] = pd.Categorical(table["point"], categories=POINT_ORDER, ordered=True)
    case = "case kept" if case_sensitive else "case ignored"
    shown = " ".join(clean_text(query).split())[:60]
    if table.empty:
        table.attrs["message"] = f"No match for {shown!r} ({case})."
    else:
        table.attrs["message"] = f"{len(table)} match{'es' if len(table) != 1 else ''} for {shown!r} ({case})."
    return table


def kwic_html(table: pd.DataFrame) -> str:
    """A KWIC table as HTML for the widget: every cell escaped, the left context right-aligned and
    the rest left-aligned. The alignment is written on each cell (inline styles), so it survives
    where a page's style sheets are dropped: JupyterLab shows a notebook that has not been run
    (the widget's saved snapshot) through a sanitizer that removes them.

    >>> page = kwic_html(kwic("a < b", source="if a < b and AT&T"))
    >>> "a &lt; b" in page and "AT&amp;T" in page and "<b" not in page.replace("<br", "")
    True
    """
    if not isinstance(table, pd.DataFrame) or list(table.columns) != COLUMNS:
        raise CableKitError("Give a table made by kwic(...).")
    style = {column: f"text-align: {'right' if column == 'left' else 'left'}; white-space: pre; padding: 0 6px"
             for column in COLUMNS}
    header = "".join(f'<th style="{style[column]}">{column}</th>' for column in COLUMNS)
    rows = "".join("<tr>" + "".join(f'<td style="{style[column]}">{html.escape(str(value))}</td>'
                                    for column, value in zip(COLUMNS, row)) + "</tr>"
                   for row in table.itertuples(index=False))
    return f'<table class="cablekit-kwic"><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>'


def kwic_widget(source: object = None):
    """A small ipywidgets form: a query box, a width slider and a case option, above the KWIC table.

    Every cell of the table is HTML-escaped; a problem is shown as one line in the form. At most
    MAX_LINES_SHOWN lines are shown, and the message says so; ``kwic()`` returns every line.

    >>> shown = kwic_widget()
    >>> type(shown).__name__, shown.children[1].value.startswith('<p role="status">21 matches for')
    ('Form', True)
    """
    import ipywidgets as widgets

    query = widgets.Text(value="forces", description="Word(s):", continuous_update=False)
    width = widgets.IntSlider(value=40, min=10, max=120, step=5, description="Width:")
    case = widgets.Checkbox(value=False, description="Match case", indent=False)
    result = widgets.HTML()

    def show_problem(message: str) -> None:
        result.value = message_html(message)

    def show(_change=None):
        table = kwic(query.value, width=width.value, case_sensitive=case.value, source=source)
        message = table.attrs["message"]
        if len(table) > MAX_LINES_SHOWN:
            message += f" The first {MAX_LINES_SHOWN} are shown; kwic(...) in a code cell gives them all."
            table = table.head(MAX_LINES_SHOWN)
        result.value = message_html(message) + ("" if table.empty else kwic_html(table))

    show = guarded(show, show_problem)
    for control in (query, width, case):
        control.observe(show, names="value")
    show()
    return form([widgets.HBox([query, width, case]), result], "The keyword-in-context widget")
