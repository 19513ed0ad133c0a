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
