"""Hostile inputs: whatever a student types, a helper answers in one line or gives a sensible result.

Every public function in cablekit (found by introspection, as in test_cablekit.py) gets each
of the inputs below in each of its parameters, the other parameters keeping a valid value.
It must either return, or raise CableKitError with a one-line message; any other exception
would show the student a traceback. Functions that write files or run notebooks are left
out (they are the maintainers' commands, not the students' helpers). Every widget callback
gets the same inputs as its ``change["new"]``, and every text box of a widget is typed into.
"""
from __future__ import annotations

import importlib
import inspect
import math
import pkgutil
import time
from pathlib import Path

import pandas as pd
import pytest

import cablekit
from cablekit.checks import Question
from cablekit.errors import CableKitError

HOSTILE = {
    "empty": "",
    "space": " ",
    "whitespace": " \t\r\n ",
    "newline-only": "\n\n",
    "100k-chars": "x" * 100_000,
    "100k-words": "forces " * 14_286,
    "regex-metacharacters": r".*+?^$[](){}|\ ",
    "unclosed-bracket": "[",
    "regex-group": "(?P<name>",
    "backslash": "\\",
    "html": "<script>alert('x')</script><b>forces</b>&amp;",
    "chinese": "毛泽东致斯大林的电报",
    "cyrillic": "Товарищ Сталин!",
    "emoji": "🙂🇨🇳👍🏽",
    "long-unicode": "Сталин 毛 " * 12_000,
    "nul-and-control": "a\x00b\x1bc\x7f",
    "zero-width": "for\u200bces",
    "right-to-left": "\u202eforces",
    "format-string": "%s {0} {}",
    "path-like": "../../etc/passwd",
    "None": None,
    "zero": 0,
    "negative": -1,
    "float": 3.5,
    "nan": math.nan,
    "infinity": math.inf,
    "huge-int": 10**100,
    "bool": True,
    "empty-list": [],
    "list-of-words": ["forces", "Moscow"],
    "nested-list": [[1, 2], None],
    "tuple": ("forces",),
    "empty-dict": {},
    "dict": {"forces": 1, 2: None},
    "set": {"forces"},
    "bytes": b"forces",
    "ellipsis": ...,
    "object": object(),
    "empty-dataframe": pd.DataFrame(),
    "series": pd.Series(["forces", None]),
    "function": print,
    "numpy-int": __import__("numpy").int64(40),
    "numpy-bool": __import__("numpy").bool_(True),
    "lone-surrogate": "forces \ud800 here",
    "combining-accent": "cafe\u0301 forces",
    "ligature": "\ufb01re forces",
    "dataframe-missing-text": pd.DataFrame({"point": ["1", None, "3"], "text": ["forces", None, math.nan]}),
    "dataframe-number-text": pd.DataFrame({"point": ["1"], "text": [3]}),
    "dataframe-payload": pd.DataFrame({"point": ["<b>1</b>"], "text": ["<img src=x onerror=alert(1)> forces"]}),
    "empty-tuple": (),
    "wrong-length-tuple": ("person", "a", "b"),
    "dict-of-bad-tuples": {"Moscow": (), "Beiping": ("place",), "Tianjin": ("place", 3)},
}

#: Maintainers' commands: they write files or execute notebooks.
EXCLUDED = {
    "cablekit.manifest.write_manifest",
    "cablekit.exercises.write_exercises",
    "cablekit.exercises.regenerate",
    "cablekit.outputs.execute_in_place",
}
#: Modules of maintainers' tooling (building exercises/ and docs/), which no notebook calls:
#: their inputs are the repository's own files, not what a student types.
MAINTAINER_MODULES = {"cablekit.exercises", "cablekit.course", "cablekit.outputs"}
#: The answer keys of the exercises (cablekit/questions/): check() calls them, students never do.
ANSWER_KEYS = "cablekit.questions."

#: A valid value for each required parameter, by parameter name (then by "function.parameter").
VALID = {
    "text": "We must advance to Moscow [sic] with our forces.",
    "point": 1,
    "qid": "00-q1",
    "answer": 1,
    "query": "forces",
    "term": "we",
    "a": 10, "b": 20, "total_a": 100, "total_b": 1000,
    "target": ["we", "must", "go"],
    "reference": ["we", "go", "home"],
    "names": None,
    "cablekit.data.load_table.name": "paragraphs",
    "cablekit.errors.require_flag.value": True,
    "question": Question("doc-hostile", lambda: 1, "Count again.", int, (2,)),
    "cablekit.nltk_setup.download_command.names": ["stopwords"],
    "source": "### BEGIN SOLUTION\nx = 1\n### END SOLUTION",
    "cell_type": "code",
    "heading": "Keyness",
    "path": cablekit.REPO_DIR / "notebooks" / "00-start-here.ipynb",
    "category": "modal",
    "cablekit.kwic.kwic_html.table": __import__("cablekit.kwic").kwic.kwic("forces", source="our forces"),
    "values": ["We must.", None],
    "callback": lambda change=None: None,
    "show": lambda message: None,
    "problem": CableKitError("Type a word."),
    # functions other helpers own: samples so that they are tested too
    "value": 1,
    "lesson": "00",
    "expected": 1,
    "part_counts": [1, 2],
    "part_sizes": [10, 20],
    "p_values": [0.01, 0.04],
    "cablekit.keyness.reference_corpus.name": "truman",
    "k": 3, "n": 10,
    "cablekit.theme.show_table.table": __import__("pandas").DataFrame({"word": ["we"], "count": [27]}),
    "hide_index": True, "precision": 2, "formatter": None,
    "children": [__import__("ipywidgets").HTML("<b>3 matches</b>")],
    "cablekit.widgets.form.name": "The test widget",
    "root": __import__("ipywidgets").VBox([__import__("ipywidgets").HTML("<b>3 matches</b>")]),
}
#: Seconds any one call may take, even on 100,000 characters.
SLOW = 10


def public_functions():
    for module_info in pkgutil.walk_packages(cablekit.__path__, "cablekit."):
        module = importlib.import_module(module_info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            qualified = f"{module.__name__}.{name}"
            if not name.startswith("_") and function.__module__ == module.__name__ and name != "main" \
                    and qualified not in EXCLUDED and module.__name__ not in MAINTAINER_MODULES \
                    and not module.__name__.startswith(ANSWER_KEYS):
                yield qualified, function


def _valid(qualified: str, parameter: inspect.Parameter):
    for key in (f"{qualified}.{parameter.name}", parameter.name):
        if key in VALID:
            return VALID[key]
    if parameter.default is not inspect.Parameter.empty:
        return parameter.default
    raise AssertionError(f"add a valid sample for parameter {parameter.name!r} of {qualified} to VALID")


def cases():
    for qualified, function in public_functions():
        parameters = [p for p in inspect.signature(function).parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
        for parameter in parameters:
            yield pytest.param(qualified, function, parameter.name, id=f"{qualified.removeprefix('cablekit.')}({parameter.name})")


def answers_in_one_line(call, where: str):
    """Run call(); it must return or raise a one-line CableKitError, and not take long."""
    started = time.monotonic()
    try:
        result = call()
    except CableKitError as problem:
        message = str(problem)
        assert message.strip() and "\n" not in message, f"{where}: message is not one line: {message!r}"
        assert len(message) < 1000, f"{where}: message is {len(message)} characters long"
        result = problem
    except Exception as problem:  # noqa: BLE001 - this is what the test is looking for
        pytest.fail(f"{where}: {type(problem).__name__}: {str(problem)[:200]}")
    assert time.monotonic() - started < SLOW, f"{where}: took more than {SLOW} s"
    return result


@pytest.mark.parametrize("qualified, function, parameter", list(cases()))
def test_public_function_answers_every_hostile_input_in_one_line(qualified, function, parameter, capsys):
    signature = inspect.signature(function)
    arguments = {p.name: _valid(qualified, p) for p in signature.parameters.values()
                 if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    for label, value in HOSTILE.items():
        given = {**arguments, parameter: value}
        answers_in_one_line(lambda: function(**given), f"{qualified}({parameter}={label})")
    printed = capsys.readouterr().out
    for line in printed.splitlines():
        assert len(line) < 500, f"{qualified} printed a very long line"


def test_the_hostile_inputs_are_many_kinds():
    assert len(HOSTILE) >= 25
    assert len(list(public_functions())) >= 20


# ---- widget callbacks ---------------------------------------------------------------------

def _widgets(root):
    yield root
    for child in getattr(root, "children", ()):
        yield from _widgets(child)


def _callbacks(form):
    """(widget, trait name, callback) for every observer that cablekit attached to the form."""
    for widget in _widgets(form):
        for name, kinds in widget._trait_notifiers.items():
            for handler in kinds.get("change", []):
                if getattr(handler, "__module__", "").startswith("cablekit"):
                    yield widget, name, handler


WIDGETS = {
    "paragraph_browser": lambda: importlib.import_module("cablekit.browser").paragraph_browser(),
    "kwic_widget": lambda: importlib.import_module("cablekit.kwic").kwic_widget(),
    "highlighter_widget": lambda: importlib.import_module("cablekit.highlight").highlighter_widget(),
}


def _shown(form) -> str:
    """Everything the form's HTML and Output widgets show now, as text."""
    import ipywidgets as widgets

    texts = []
    for widget in _widgets(form):
        if isinstance(widget, widgets.HTML):
            texts.append(widget.value)
        elif isinstance(widget, widgets.Output):
            for output in widget.outputs:
                texts.append(output.get("text", "") + "".join(str(v) for v in output.get("data", {}).values()))
    return "\n".join(texts)


@pytest.mark.parametrize("factory", WIDGETS, ids=str)
def test_every_widget_callback_answers_every_hostile_input(factory):
    """No hostile value makes a callback fail unexpectedly: the widget shows a result or a
    CableKitError's one line, never "Something went wrong" (an exception cablekit did not expect)."""
    form = WIDGETS[factory]()
    callbacks = list(_callbacks(form))
    assert callbacks, f"{factory} has no callbacks to test"
    for widget, name, callback in callbacks:
        for label, value in HOSTILE.items():
            change = {"name": name, "old": getattr(widget, name), "new": value, "owner": widget, "type": "change"}
            answers_in_one_line(lambda: callback(change), f"{factory} callback {callback.__name__}({label})")
            assert "Something went wrong" not in _shown(form), f"{factory} callback {callback.__name__}({label})"


#: For each widget: the module attribute its callback calls, to make it fail on purpose.
CALLEES = {"paragraph_browser": "cablekit.browser.point_html", "kwic_widget": "cablekit.kwic.kwic",
           "highlighter_widget": "cablekit.highlight.highlight_html"}


@pytest.mark.parametrize("factory", WIDGETS, ids=str)
@pytest.mark.parametrize("failure", [CableKitError("Choose a point, e.g. 3."), RuntimeError("disk on fire\nsecond line")],
                         ids=["CableKitError", "RuntimeError"])
def test_a_callback_that_raises_shows_one_line_inside_the_widget(factory, failure, monkeypatch):
    """Jupyter drops exceptions raised in widget callbacks; the widget must show them instead."""
    assert set(CALLEES) == set(WIDGETS)
    form = WIDGETS[factory]()
    module, _, name = CALLEES[factory].rpartition(".")

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(importlib.import_module(module), name, fail)
    callbacks = list(_callbacks(form))
    widget, trait, callback = callbacks[0]
    new = {"paragraph_browser": "3", "kwic_widget": "Moscow", "highlighter_widget": "3"}[factory]
    callback({"name": trait, "old": getattr(widget, trait), "new": new, "owner": widget, "type": "change"})
    shown = _shown(form)
    first_line = str(failure).splitlines()[0]
    assert first_line in shown, f"{factory} did not show the failure: {shown[:300]!r}"
    message = [line for line in shown.splitlines() if first_line in line]
    assert len(message) == 1, "the message must be shown once"
    assert str(failure).replace("\n", " ") in message[0], "the message must be one line"


#: The widgets with a text box (the others offer only dropdowns, selections and checkboxes).
TYPED_WIDGETS = ["kwic_widget"]


def test_typed_widgets_lists_every_widget_with_a_text_box():
    import ipywidgets as widgets

    with_box = [factory for factory in WIDGETS
                if any(isinstance(w, (widgets.Text, widgets.Textarea)) for w in _widgets(WIDGETS[factory]()))]
    assert with_box == TYPED_WIDGETS


@pytest.mark.parametrize("factory", TYPED_WIDGETS, ids=str)
def test_typing_anything_into_a_widget_text_box_shows_a_result_or_one_line(factory):
    import ipywidgets as widgets

    form = WIDGETS[factory]()
    boxes = [w for w in _widgets(form) if isinstance(w, (widgets.Text, widgets.Textarea))]
    assert boxes, f"{factory} has no text box to type into"
    shown = [w for w in _widgets(form) if isinstance(w, (widgets.HTML, widgets.Output))]
    for box in boxes:
        for label, value in HOSTILE.items():
            if isinstance(value, str):
                answers_in_one_line(lambda: setattr(box, "value", value), f"{factory}: typed {label}")
                for view in shown:
                    if isinstance(view, widgets.HTML):
                        assert view.value.strip(), f"{factory}: nothing shown after typing {label}"


# ---- security: every HTML-producing helper escapes everything it is given -------------------

from html.parser import HTMLParser  # noqa: E402

import numpy as np  # noqa: E402

#: Text that would run a script, or break out of an attribute, if it reached the page unescaped.
PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    '"><svg onload="window.__pwned=3">',
    "'><iframe src=javascript:window.__pwned=4>",
    "</table></style><b>bold?</b>",
    "a < b and AT&T &amp; x > y",
]
#: Elements none of cablekit's HTML ever uses: finding one means a payload became markup.
FORBIDDEN = {"img", "script", "svg", "iframe", "b"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.handlers = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    parsed.close()
    return parsed


def _html_outputs(payload: str) -> dict[str, str]:
    """What every HTML-producing helper and widget makes of the payload, by a string and a
    DataFrame source, and as a name and a tooltip in lesson 1's browser."""
    import cablekit.browser as browser
    import cablekit.highlight as highlight
    import cablekit.kwic as kwic

    text = f"{payload} our forces {payload} must"
    frame = pd.DataFrame({"point": ["1", payload], "text": [text, payload + " forces"]})
    lexicon = pd.DataFrame({"term": ["forces", payload], "category": ["military-action", "we"]})
    html_of = lambda form: _shown(form)  # noqa: E731
    return {
        "kwic_html(str source)": kwic.kwic_html(kwic.kwic("forces", source=text)),
        "kwic_html(DataFrame source)": kwic.kwic_html(kwic.kwic("forces", source=frame)),
        "kwic_widget(str source)": html_of(kwic.kwic_widget(source=text)),
        "kwic_widget(DataFrame source)": html_of(kwic.kwic_widget(source=frame)),
        "kwic DataFrame HTML": kwic.kwic("forces", source=frame)._repr_html_(),
        "highlight.highlight_html(str)": highlight.highlight_html(text, lexicon=lexicon),
        "highlighter_widget(DataFrame source)": html_of(highlight.highlighter_widget(frame)),
        "browser.highlight_html(names)": browser.highlight_html(text, {"forces": ("person", payload), payload: "place"}),
    }


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_html_helper_escapes_every_cell(payload):
    for where, page in _html_outputs(payload).items():
        parsed = _parse(page)
        assert not FORBIDDEN & set(parsed.tags), f"{where}: the payload became markup: {set(parsed.tags) & FORBIDDEN}"
        assert not parsed.handlers, f"{where}: an on* attribute appeared: {parsed.handlers}"
        assert payload.split()[0] in "".join(parsed.text), f"{where}: the payload is not shown as text"
    shown = "".join(_parse(_html_outputs("a < b and AT&T")["kwic_widget(str source)"]).text)
    assert "a < b and AT&T" in " ".join(shown.split()), "harmless text must display as typed"


# ---- bad input: numpy numbers, Unicode, missing values, wrong shapes --------------------------

def test_numpy_integers_are_whole_numbers():
    from cablekit.browser import normalise_point
    from cablekit.keyness import g2, keyness, log_ratio
    from cablekit.kwic import kwic

    assert kwic("forces", width=np.int64(40)).equals(kwic("forces", width=40))
    assert kwic("forces", width=np.uint8(7)).equals(kwic("forces", width=7))
    with pytest.raises(CableKitError):
        kwic("forces", width=np.bool_(True))
    assert normalise_point(np.int64(3)) == "3"
    words = {"army": np.int64(3), "we": np.int32(5)}
    assert keyness(words, {"army": np.int64(1), "we": 9}).equals(keyness({"army": 3, "we": 5}, {"army": 1, "we": 9}))
    # counts whose products overflow int64 (5e9 * 7e9 > 9.2e18): the textbook formula in Python ints
    a, b, n1, n2 = 3_000_000_000, 4_000_000_000, 5_000_000_000, 6_000_000_000
    e1, e2 = n1 * (a + b) / (n1 + n2), n2 * (a + b) / (n1 + n2)
    expected = 2 * (a * math.log(a / e1) + b * math.log(b / e2))
    assert g2(*map(np.int64, (a, b, n1, n2))) == pytest.approx(expected, rel=1e-12)
    assert log_ratio(*map(np.int64, (a, b, n1, n2))) == pytest.approx(math.log2((a / n1) / (b / n2)))


def test_unicode_is_normalised_consistently():
    import re

    from cablekit.highlight import find_terms, term_pattern
    from cablekit.kwic import kwic
    from cablekit.text import cable_words

    combining, composed = "cafe\u0301", "caf\u00e9"
    assert cable_words(f"le {combining} noir") == ["le", composed, "noir"]
    assert cable_words("x\u0302yz ok") == ["x\u0302yz", "ok"]  # an accent with no composed form stays on its word
    assert len(kwic(combining, source=f"un {composed} et un {combining}")) == 2
    ligature = "\ufb01re"
    assert not re.search(term_pattern(ligature), "Ire at will")
    assert re.search(term_pattern(ligature), "Fire at will")
    lexicon = pd.DataFrame({"term": [ligature], "category": ["military-action"]})
    found = find_terms(f"Ire, fire and {ligature}!", lexicon)
    assert found["match"].tolist() == ["fire", ligature]
    assert [(row.start, row.end) for row in found.itertuples()] == [(5, 9), (14, 17)]  # positions in the text as given
    # kwic searches the same way, and shows the text as written
    for query in (ligature, "fire", "FIRE"):
        assert kwic(query, width=2, source=f"Ire, fire and {ligature}!")["match"].tolist() == ["fire", ligature]
    assert kwic("caf\u00e9", source=f"un {combining}")["match"].tolist() == [composed]


@pytest.mark.parametrize("call", ["kwic", "kwic-query", "kwic-DataFrame", "kwic-DataFrame-point", "highlight_html", "browser", "cable_words", "lexicon"])
def test_a_lone_surrogate_gets_one_line(call):
    import cablekit.browser as browser
    import cablekit.highlight as highlight
    from cablekit.kwic import kwic
    from cablekit.text import cable_words

    broken = "our forces \ud83d here"
    calls = {
        "kwic": lambda: kwic("forces", source=broken),
        "kwic-query": lambda: kwic("forces\udc00"),
        "kwic-DataFrame": lambda: kwic("forces", source=pd.DataFrame({"point": ["1"], "text": [broken]})),
        "kwic-DataFrame-point": lambda: kwic("forces", source=pd.DataFrame({"point": ["1\udc00"], "text": ["forces"]})),
        "highlight_html": lambda: highlight.highlight_html(broken),
        "browser": lambda: browser.highlight_html(broken),
        "cable_words": lambda: cable_words(broken),
        "lexicon": lambda: highlight.find_terms("our forces", pd.DataFrame({"term": ["forces\ud800"], "category": ["we"]})),
    }
    with pytest.raises(CableKitError) as problem:
        calls[call]()
    message = str(problem.value)
    assert "\n" not in message and "surrogate" in message
    message.encode("utf-8")  # the message itself can be displayed


def test_missing_and_non_text_values_in_a_dataframe_source():
    from cablekit.highlight import highlighter_widget
    from cablekit.kwic import kwic, kwic_widget

    frame = pd.DataFrame({"point": ["1", "2", "3", None], "text": ["our forces", None, math.nan, "more forces"]})
    assert kwic("forces", source=frame)[["point", "match"]].values.tolist() == [["1", "forces"], ["", "forces"]]
    for bad in ([3], [b"forces"], [["forces"]]):
        with pytest.raises(CableKitError, match="Row 0 of the 'text' column"):
            kwic("forces", source=pd.DataFrame({"point": ["1"], "text": bad}))
        form = kwic_widget(source=pd.DataFrame({"point": ["1"], "text": bad}))
        assert "Row 0 of the" in _shown(form)
        assert "Row 0 of the" in _shown(highlighter_widget(pd.DataFrame({"point": ["1"], "text": bad})))
    assert "no text" in _shown(highlighter_widget(pd.DataFrame({"point": ["1"], "text": [None]})))
    assert "forces" in _shown(highlighter_widget(frame))


@pytest.mark.parametrize("value", [(), ("person",), ("person", "tip", "extra"), ("person", 3), [], ("nobody", "tip"), 3, None])
def test_wrong_name_table_shapes_get_one_line(value):
    from cablekit.browser import find_spans

    with pytest.raises(CableKitError) as problem:
        find_spans("Du Yuming went to Moscow.", {"Du Yuming": value})
    assert "\n" not in str(problem.value) and "Du Yuming" in str(problem.value)
    assert find_spans("Du Yuming", {"Du Yuming": ("person", "tip")}) == [(0, 9, "person", "tip")]


# ---- NLTK faults: fake NLTK data folders ------------------------------------------------------

def _fake_nltk_data(root: Path) -> Path:
    """A folder NLTK accepts as holding every resource: empty folders, and a real VADER zip."""
    import shutil

    import nltk

    from cablekit.nltk_setup import NLTK_RESOURCES

    for path in NLTK_RESOURCES.values():
        if not path.endswith(".zip"):
            (root / path).mkdir(parents=True, exist_ok=True)
    vader = Path(str(nltk.data.find("sentiment/vader_lexicon.zip")))
    (root / "sentiment").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(vader, root / "sentiment" / "vader_lexicon.zip")
    for path in [root, *root.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    return root


@pytest.fixture
def only_fake_nltk_data(tmp_path, monkeypatch):
    import nltk

    root = _fake_nltk_data(tmp_path / "nltk_data")
    monkeypatch.setattr(nltk.data, "path", [str(root)])
    monkeypatch.setattr("cablekit.nltk_setup.nltk.download", lambda *a, **k: pytest.fail("must not download"))
    return root


def test_fake_nltk_data_is_complete(only_fake_nltk_data):
    from cablekit.nltk_setup import setup_nltk

    assert setup_nltk() == []


@pytest.mark.parametrize("size", [0, 100, 30_000])
def test_a_truncated_zip_is_named_with_its_fix(only_fake_nltk_data, size):
    from cablekit.nltk_setup import NLTKDataMissing, setup_nltk

    damaged = only_fake_nltk_data / "sentiment" / "vader_lexicon.zip"
    damaged.write_bytes(damaged.read_bytes()[:size])
    with pytest.raises(NLTKDataMissing) as problem:
        setup_nltk()
    message = str(problem.value)
    assert "\n" not in message
    assert "vader_lexicon" in message and str(damaged) in message and "Delete that file" in message
    assert f"python -m nltk.downloader -d {only_fake_nltk_data} vader_lexicon" in message


def test_a_truncated_corpus_zip_is_named_too(only_fake_nltk_data):
    import shutil

    from cablekit.nltk_setup import NLTKDataMissing, setup_nltk

    shutil.rmtree(only_fake_nltk_data / "corpora" / "stopwords")
    (only_fake_nltk_data / "corpora" / "stopwords.zip").write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(NLTKDataMissing) as problem:
        setup_nltk()
    assert "stopwords" in str(problem.value) and "stopwords.zip" in str(problem.value) and "Delete" in str(problem.value)


def test_a_world_writable_nltk_folder_says_chmod(only_fake_nltk_data, recwarn):
    from cablekit.nltk_setup import NLTKDataMissing, setup_nltk

    only_fake_nltk_data.chmod(0o777)
    started = time.monotonic()
    with pytest.raises(NLTKDataMissing) as problem:
        setup_nltk()
    assert time.monotonic() - started < 5
    message = str(problem.value)
    assert "\n" not in message and f"chmod go-w {only_fake_nltk_data}" in message


# ---- scale: find_terms grows with the text, not the lexicon ------------------------------------

def _vader_lexicon() -> pd.DataFrame:
    from nltk.sentiment import SentimentIntensityAnalyzer

    scores = SentimentIntensityAnalyzer().lexicon
    return pd.DataFrame({"term": list(scores),
                         "category": ["evaluative-positive" if v > 0 else "evaluative-negative" for v in scores.values()]})


def _reference_find_terms(text: str, lexicon: pd.DataFrame) -> list[tuple[int, int, str]]:
    """The lesson's rule done the slow, obvious way: every term's matches separately, then
    left to right, at each place the longest term (ties alphabetical), never overlapping."""
    import re

    from cablekit.highlight import term_pattern

    terms = dict(zip(lexicon["term"], lexicon["category"]))
    candidates = []
    for term, category in terms.items():
        for match in re.finditer(term_pattern(term), text):
            candidates.append((match.start(), -len(term), term, match.end(), category))
    chosen, position = [], 0
    for start, _, term, end, category in sorted(candidates):
        if start >= position:
            chosen.append((start, end, category))
            position = end
    return chosen


def test_find_terms_agrees_with_the_obvious_method_on_a_big_lexicon():
    from cablekit import load_text
    from cablekit.highlight import find_terms, load_lexicon

    vader = _vader_lexicon()
    sample = vader.sample(1500, random_state=1)
    sample = pd.concat([sample, vader[~vader["term"].str.match(r"\w")], load_lexicon()[["term", "category"]]])
    sample = sample.drop_duplicates("term", keep="last")
    text = load_text() + "\n:) (-: <3 ok :-( we're fine, well-being... MORE THAN more than We"
    found = find_terms(text, sample, keep_insertions=True)
    assert len(found) > 200
    assert [(r.start, r.end, r.category) for r in found.itertuples()] == _reference_find_terms(text, sample)


def test_a_7000_term_lexicon_on_the_cable_is_fast():
    from cablekit import load_text
    from cablekit.highlight import find_terms

    vader = _vader_lexicon()
    assert len(vader) >= 7000
    text = load_text()
    started = time.perf_counter()
    found = find_terms(text, vader)  # first call: includes building the lookup
    first = time.perf_counter() - started
    started = time.perf_counter()
    find_terms(text, vader)
    again = time.perf_counter() - started
    assert len(found) > 20
    # the goal is 0.2 s (the benchmark measures it); the bound here is generous for a busy machine
    assert first < 1.0 and again < 0.5, f"find_terms took {first:.2f} s (then {again:.2f} s) with {len(vader)} terms"


@pytest.mark.parametrize("fault", ["truncated zip", "world-writable folder"])
def test_the_nltk_command_prints_one_line_for_each_fault(tmp_path, fault):
    """``python -m cablekit nltk`` (postBuild, tasks.py) in a fresh Python: exactly one line on
    stderr, with the fix, and none of NLTK's own warnings or tracebacks."""
    import os
    import subprocess
    import sys

    root = _fake_nltk_data(tmp_path / "nltk_data")
    vader = root / "sentiment" / "vader_lexicon.zip"
    if fault == "truncated zip":
        vader.write_bytes(vader.read_bytes()[:5000])
        expected = f"python -m nltk.downloader -d {root} vader_lexicon"
    else:
        root.chmod(0o777)
        expected = f"chmod go-w {root}"
    env = {**os.environ, "NLTK_DATA": str(root), "HOME": str(tmp_path),
           "https_proxy": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9"}
    code = ("import nltk; nltk.data.path[:] = [%r]; from cablekit.nltk_setup import main; raise SystemExit(main())"
            % str(root))
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    lines = [line for line in result.stderr.splitlines() if line.strip() and "cablekit: warning" not in line]
    assert result.returncode == 1
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
