"""The highlighter behind lesson 3's widget: colour a text by rhetorical category.

The categories and their terms come from ``data/rhetoric_lexicon.csv`` (one row per term,
with the category and the reason it is there). Matching follows one rule, the same one the
lesson teaches: a term matches as a whole word or phrase, case-sensitively, except that a
term starting with a small letter also matches with a capital first letter (so "we" finds
"We", but "us" never finds "US"). Longer terms win over shorter ones ("more than" before
"more"). The editors' [insertions] are skipped unless ``keep_insertions=True``. Text and
terms are compared in Unicode's compatibility form (NFKC), so the ligature "ﬁ" is "fi".
Matching looks each word of the text up in a table of the terms' first words, so a lexicon of
thousands of terms (VADER's 7,500) costs hardly more than one of ten.

    highlight_html(text)    HTML: each category its own line or box and colour, a legend, a list
    highlight_plain(text)   the same as plain text: "[we: our] forces"
    find_terms(text)        one row per match: start, end, match, term, category
    category_counts(text)   matches per category
    highlighter_widget()    the ipywidgets browser used in the lesson
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from functools import lru_cache

import pandas as pd

from cablekit.data import POINT_ORDER, load_paragraphs, load_table
from cablekit.errors import CableKitError, require_flag
from cablekit.text import EDITORIAL_INSERTION, clean_text, column_texts, compatibility_form, insertion_overlap
from cablekit.widgets import form, guarded

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

#: One colour a category, for its line or box. Chosen so that every pair stays apart (CIE76
#: ΔE >= 20) in normal vision and under simulated deuteranopia, protanopia and tritanopia
#: (Machado, Oliveira and Fernandes 2009), and each has at least 3:1 contrast on white
#: (tests/test_hostile_inputs.py checks both).
CATEGORY_COLOURS = {
    "we": "#4466ee",
    "adversary": "#aa0000",
    "military-action": "#ee6600",
    "evaluative-positive": "#006644",
    "evaluative-negative": "#aa2288",
    "intensifier": "#6600ee",
    "comparative": "#cc66cc",
    "modal": "#888888",
    "hedge": "#8822aa",
    "certainty": "#00aa66",
}

#: The cue that does not depend on colour: each category has its own kind of line or box
#: (or weight), so the categories differ by shape, not only by tint. {c} is the colour. Only
#: borders and weight: JupyterLab's sanitizer (a notebook opened before it is run) keeps them,
#: but drops text-decoration.
CATEGORY_MARKS = {
    "we": "border-bottom:3px solid {c}",
    "adversary": "border:2px solid {c}",
    "military-action": "border-bottom:4px double {c}",
    "evaluative-positive": "border:3px double {c}",
    "evaluative-negative": "border:2px dashed {c}",
    "intensifier": "font-weight:bold;border-bottom:1px solid {c}",
    "comparative": "border-top:2px solid {c};border-bottom:2px solid {c}",
    "modal": "border-bottom:3px dotted {c}",
    "hedge": "border-bottom:3px dashed {c}",
    "certainty": "border:2px dotted {c}",
}

#: In words, for the legend's screen-reader text and the plain-text version of the key.
CATEGORY_MARK_NAMES = {
    "we": "solid underline",
    "adversary": "solid box",
    "military-action": "double underline",
    "evaluative-positive": "double box",
    "evaluative-negative": "dashed box",
    "intensifier": "bold, thin underline",
    "comparative": "lines above and below",
    "modal": "dotted underline",
    "hedge": "dashed underline",
    "certainty": "dotted box",
}

#: Hidden on screen, read by screen readers, and shown as text where styles are stripped
#: (GitHub's notebook view removes style attributes).
_SCREEN_READER_ONLY = ("position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
                       "clip:rect(0,0,0,0);white-space:nowrap;border:0")


def mark_style(category: str) -> str:
    """The inline CSS of one category's marks: a light tint plus its own line or box.

    >>> mark_style("modal")
    'background:#8888881f;border-bottom:3px dotted #888888;padding:0 1px'
    """
    if not isinstance(category, str) or category not in CATEGORY_MARKS:
        raise CableKitError(f"Unknown category {str(category)[:40]!r}; use one of: {', '.join(CATEGORIES)}.")
    colour = CATEGORY_COLOURS[category]
    return f"background:{colour}1f;" + CATEGORY_MARKS[category].format(c=colour) + ";padding:0 1px"


#: Longest text the functions accept (the cable is about 8,600 characters).
MAX_CHARS = 200_000


def load_lexicon() -> pd.DataFrame:
    """The category lexicon from data/rhetoric_lexicon.csv (term, category, reason, example).

    >>> lexicon = load_lexicon()
    >>> list(lexicon.columns[:3])
    ['term', 'category', 'reason']
    """
    return load_table("rhetoric_lexicon")


def _normal_term(term: str) -> str:
    """A lexicon term as matching sees it: NFKC form, single spaces, no lone surrogates."""
    if term.isascii():  # nothing to normalise: the fast path for nearly every term
        return " ".join(term.split())
    term = clean_text(term, "A lexicon term")
    return " ".join(unicodedata.normalize("NFKC", term).split())


def _capital_variant(word: str) -> str | None:
    """``word`` with a capital first letter, if it starts with a small letter that has one."""
    first = word[:1]
    if first.islower() and len(first.upper()) == 1 and first.upper() != first:
        return first.upper() + word[1:]
    return None


def term_pattern(term: str) -> str:
    """The regular expression for one lexicon term (whole words; first letter may be a capital).

    The term is first put in NFKC form, so "ﬁre" (with the ligature) is "fire" and never
    matches "Ire".

    >>> term_pattern("more than")
    '(?<!\\\\w)[mM]ore\\\\s+than(?!\\\\w)'
    >>> bool(re.search(term_pattern("us"), "the US government"))
    False
    >>> term_pattern("\ufb01re")
    '(?<!\\\\w)[fF]ire(?!\\\\w)'
    """
    if not isinstance(term, str) or not term.strip():
        raise CableKitError("A lexicon term must be a non-empty piece of text, e.g. 'we'.")
    words = [re.escape(word) for word in _normal_term(term).split()]
    if not words:
        raise CableKitError("A lexicon term must be a non-empty piece of text, e.g. 'we'.")
    first = words[0]
    capital = _capital_variant(first)
    if capital:
        first = f"[{first[0]}{capital[0]}]{first[1:]}"
    return r"(?<!\w)" + r"\s+".join([first, *words[1:]]) + r"(?!\w)"


def _check_text(text: object) -> str:
    text = clean_text(text)
    if not text.strip():
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
    unknown = sorted(set(map(str, lexicon["category"].unique())) - set(CATEGORIES))
    if unknown:
        raise CableKitError(f"Unknown category {unknown[0][:40]!r}; use one of: {', '.join(CATEGORIES)}.")
    for row, term in enumerate(lexicon["term"].tolist()):
        if not isinstance(term, str) or not term.strip():
            raise CableKitError(f"Every lexicon term must be a non-empty piece of text; row {row} holds {str(term)[:30]!r}.")
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


_WORD_RUN = re.compile(r"\w+")


class _Lookup:
    """The lexicon as lookup tables: candidates by the first word of a term (and by the first
    character, for the few terms that start with punctuation, e.g. VADER's ":)").

    Each candidate is (sort key, term, category, matcher); a matcher is None for a one-word
    term (finding the word is the match) or a compiled pattern tried where the word starts.
    Candidates under one key are sorted longest term first, as the lesson's rule says.
    """

    def __init__(self, pairs: tuple[tuple[str, str], ...]):
        by_word: dict[str, list] = {}
        by_char: dict[str, list] = {}
        for term, category in pairs:
            normal = _normal_term(term)
            key = (-len(normal), normal)
            first = _WORD_RUN.match(normal)
            if first:
                word = first.group()
                one_word = first.end() == len(normal)
                entry = [key, normal, category, None if one_word else term_pattern(normal).removeprefix(r"(?<!\w)")]
                for variant in filter(None, (word, _capital_variant(word))):
                    by_word.setdefault(variant, []).append(entry)
            else:
                entry = [key, normal, category, term_pattern(normal)]
                by_char.setdefault(normal[0], []).append(entry)
        for table in (by_word, by_char):
            for entries in table.values():
                entries.sort(key=lambda entry: entry[0])
        self.by_word, self.by_char = by_word, by_char
        self.char_starts = re.compile("[" + "".join(re.escape(c) for c in sorted(by_char)) + "]") if by_char else None

    def matches(self, text: str):
        """(start, end, term, category) for every match in ``text``, left to right, never overlapping."""
        starts = [(m.start(), self.by_word.get(m.group(), ())) for m in _WORD_RUN.finditer(text)]
        starts = [(start, entries) for start, entries in starts if entries]
        if self.char_starts is not None:
            starts += [(m.start(), self.by_char[m.group()]) for m in self.char_starts.finditer(text)]
            starts.sort(key=lambda item: item[0])
        position = 0
        for start, entries in starts:
            if start < position:
                continue
            for entry in entries:
                _, term, category, matcher = entry
                if matcher is None:
                    end = start + len(term)   # the whole word is the term
                else:
                    if isinstance(matcher, str):  # compiled on first use: most terms never need it
                        matcher = entry[3] = re.compile(matcher)
                    found = matcher.match(text, start)
                    if not found:
                        continue
                    end = found.end()
                yield start, end, term, category
                position = end
                break


@lru_cache(maxsize=8)
def _lookup(pairs: tuple[tuple[str, str], ...]) -> _Lookup:
    return _Lookup(pairs)


def find_terms(text: str, lexicon: pd.DataFrame | None = None, categories=None,
               keep_insertions: bool = False) -> pd.DataFrame:
    """Every lexicon match in ``text``, in text order: start, end, match, term, category.

    ``start`` and ``end`` are positions in ``text`` (after NFC normalisation, which changes
    nothing unless the text has combining accents); ``term`` is the lexicon's term in NFKC form.
    The time grows with the length of the text, hardly with the size of the lexicon.

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
    columns = ["start", "end", "match", "term", "category"]
    pairs = tuple(dict(zip(rows["term"], rows["category"])).items())  # a repeated term: its last row wins
    if not pairs:
        return pd.DataFrame(columns=columns).astype({"start": int, "end": int})
    normal, origin = compatibility_form(text)
    in_insertion = None if keep_insertions else insertion_overlap(text)
    found = []
    for start, end, term, category in _lookup(pairs).matches(normal):
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        if in_insertion and in_insertion(start, end):
            continue
        found.append((start, end, text[start:end], term, category))
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
    """The legend: each category's name drawn in its own mark, with the mark named in words.

    >>> "modal" in legend_html(["modal"])
    True
    """
    items = []
    for category in _check_categories(categories):
        items.append(
            f'<li style="display:inline-block;margin:0 10px 4px 0;list-style:none">'
            f'<span style="{mark_style(category)}">{html.escape(category)}</span> '
            f'<small>({html.escape(CATEGORY_MARK_NAMES[category])})</small></li>'
        )
    return ('<div class="cablekit-legend" style="margin-bottom:6px;line-height:2">'
            '<strong>Key</strong> (each category has its own line or box, and colour):'
            '<ul aria-label="Key to the marks" style="margin:0;padding:0">' + "".join(items) + "</ul></div>")


def _marked_list(found: pd.DataFrame, chosen: list[str]) -> str:
    """A text list of what is marked, by category: reachable by keyboard and screen reader."""
    items = []
    for category in chosen:
        words = Counter(found.loc[found["category"] == category, "match"].map(lambda m: " ".join(m.split())))
        if not words:
            continue
        listed = ", ".join(f"{html.escape(word)}" + (f" ×{n}" if n > 1 else "")
                           for word, n in sorted(words.items(), key=lambda item: (-item[1], item[0])))
        items.append(f"<li><strong>{html.escape(category)}</strong> ({sum(words.values())}): {listed}</li>")
    body = "<ul>" + "".join(items) + "</ul>" if items else "<p>Nothing is marked.</p>"
    return (f'<details class="cablekit-marked"><summary>What is marked, as a list '
            f"({len(found)} marks)</summary>{body}</details>")


def highlight_html(text: str, lexicon: pd.DataFrame | None = None, categories=None,
                   keep_insertions: bool = False) -> str:
    """The text as HTML, each lexicon match marked by category, a key above and a list below.

    Everything from the text is HTML-escaped. Each category has its own kind of line or box
    as well as a colour, so colour is never the only cue. Each mark carries its category as
    text that screen readers read (hidden on screen; shown as "(modal)" where styles are
    stripped, e.g. on GitHub), and a list below the text, which a keyboard opens, names every
    marked word by category. The editors' [insertions] are shown in grey italics and not
    highlighted (unless ``keep_insertions``).

    >>> out = highlight_html("We <b>must</b> go.")
    >>> "&lt;b&gt;" in out and "<b>" not in out
    True
    >>> 'data-category="modal"' in out and "(modal)</span>" in out
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
            parts.append(f'<span title="editors\' insertion" style="color:#595959;font-style:italic">{escaped}</span>')
        elif category:
            parts.append(
                f'<span class="cablekit-mark" data-category="{category}" title="{category}" style="{mark_style(category)}">'
                f'{escaped}<span style="{_SCREEN_READER_ONLY}"> ({category})</span></span>'
            )
        else:
            parts.append(escaped)
    body = '<div class="cablekit-text" style="white-space:pre-wrap;line-height:2.1">' + "".join(parts) + "</div>"
    return '<div class="cablekit-highlight">' + legend_html(chosen) + body + _marked_list(found, chosen) + "</div>"


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

    A problem (e.g. a row that is not text) is shown as one line inside the widget.

    >>> type(highlighter_widget()).__name__
    'Form'
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
    insertions = widgets.Checkbox(value=False, description="count the editors' [insertions]", indent=False,
                                  style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
    output = widgets.Output()

    def show_problem(message: str) -> None:
        output.outputs = ()
        output.append_stdout(message + "\n")

    def redraw(*_):
        rows = paragraphs if point.value == "whole cable" else paragraphs[paragraphs["point"].astype(str) == point.value]
        if not chosen.value:
            show_problem("Choose at least one category.")
            return
        texts = [text for _, text in column_texts(rows["text"])]
        if not texts:
            show_problem("This part has no text to highlight.")
            return
        page = highlight_html("\n\n".join(texts), categories=list(chosen.value), keep_insertions=insertions.value)
        output.outputs = ()
        output.append_display_data(HTML(page))

    redraw = guarded(redraw, show_problem)
    for control in (point, chosen, insertions):
        control.observe(redraw, names="value")
    redraw()
    return form([widgets.HBox([point, insertions]), chosen, output], "The highlighter")
