"""The self-checks keep their written rule (cablekit/checks.py's docstring) for every registered question.

For each question the right forms and the wrong forms are derived here from its expected value:
numpy and pandas types, tuple/list/Series/array, a set given as a list, a Series for a dict,
floats rounded to 3 significant figures; one item missing, order reversed, an item repeated, a
key repeated in another case, a value off by one, a table where a number is wanted. Nothing is
copied from the code under test: the forms are built from the value alone.
"""
from __future__ import annotations

import dataclasses
import json

import nbformat
import numpy as np
import pandas as pd
import pytest
from nbclient import NotebookClient

from cablekit import REPO_DIR
from cablekit.checks import (QUESTIONS, Question, check, feedback, is_correct, lesson_modules, load_lesson, register,
                             same_answer)
from cablekit.errors import DamagedDataError


def _all_qids() -> list[str]:
    for lesson in lesson_modules():
        try:
            load_lesson(lesson)
        except Exception:  # reported by test_every_lesson_module_imports
            pass
    return sorted(qid for qid in QUESTIONS if not qid.startswith("doc-"))


QIDS = _all_qids()


#: qid -> (expected value, wrong examples, mistakes), each computed once per test session
_COMPUTED: dict[str, tuple] = {}


def _computed(qid: str) -> tuple:
    """A question's expected value, wrong examples and mistakes, computed once (the mistakes are
    computed the mistaken way and cost the most; the three tests below share them)."""
    if qid not in _COMPUTED:
        question = QUESTIONS[qid]
        _COMPUTED[qid] = (question.expected(), question.wrong_list(), question.mistake_list())
    return _COMPUTED[qid]


@pytest.fixture
def computed_once(monkeypatch):
    """Register a question with its expected answer, wrong examples and mistakes computed once, so
    that many forms check fast. What was given as a function stays a function (returning the
    stored values), so feedback still takes the same path."""
    def freeze(qid):
        question = QUESTIONS[qid]
        value, wrong, mistakes = _computed(qid)
        frozen = dataclasses.replace(
            question, expected=lambda: value,
            wrong_examples=(lambda: wrong) if callable(question.wrong_examples) else question.wrong_examples,
            mistakes=(lambda: mistakes) if callable(question.mistakes) else question.mistakes)
        monkeypatch.setitem(QUESTIONS, qid, frozen)
        return QUESTIONS[qid], value
    return freeze


# --------------------------------------------------------------------------- deriving forms

def _numpy(value):
    """The same value with numbers as numpy scalars."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return np.int64(value)
    if isinstance(value, float):
        return np.float64(value)
    return value


def _sig(value: float, figures: int) -> float | int:
    """``value`` rounded to ``figures`` significant figures, written as a person would (60, not 60.0)."""
    rounded = float(f"{value:.{figures}g}")
    return int(rounded) if rounded.is_integer() and abs(rounded) >= 10 ** (figures - 1) else rounded


def right_forms(expected, sig_figs: int = 3) -> list:
    """Natural ways of writing a right answer, derived from the expected value alone."""
    forms = [expected]
    if isinstance(expected, bool):
        return forms + [np.bool_(expected)]
    if isinstance(expected, int):
        return forms + [np.int64(expected), np.int32(expected) if abs(expected) < 2**31 else expected,
                        float(expected), np.float64(expected), pd.Series([expected]).iloc[0]]
    if isinstance(expected, float):
        return forms + [np.float64(expected), pd.Series([expected]).iloc[0], _sig(expected, sig_figs),
                        np.float64(_sig(expected, sig_figs)), _sig(expected, sig_figs + 1), _sig(expected, sig_figs - 1)]
    if isinstance(expected, str):
        return forms + [expected.upper(), f"  {expected} ", np.str_(expected)]
    if isinstance(expected, (list, tuple)):
        items = list(expected)
        return forms + [items, tuple(items), [_numpy(item) for item in items], pd.Series(items, dtype=object),
                        np.array(items, dtype=object)]
    if isinstance(expected, (set, frozenset)):
        items = sorted(expected, key=repr)
        return forms + [set(items), frozenset(items), items, tuple(items), items[::-1], pd.Series(items, dtype=object),
                        np.array(items, dtype=object)]
    if isinstance(expected, dict):
        forms += [{key: _numpy(value) for key, value in expected.items()}, dict(reversed(list(expected.items())))]
        if all(not isinstance(value, (list, dict, set, tuple)) for value in expected.values()):
            forms.append(pd.Series(expected))
        floats = {key: _sig(value, sig_figs) if isinstance(value, float) else value for key, value in expected.items()}
        return forms + [floats]
    return forms


def _off(value):
    """A value that differs: off by one for whole numbers, by 5% (or 1) for decimals, changed text."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value * 1.05 if abs(value) > 1e-6 else 1.0
    if isinstance(value, str):
        return value + "x"
    return None


def wrong_forms(expected) -> list[tuple[str, object]]:
    """Plausible wrong answers derived from the expected value: (what it is, the answer)."""
    forms = []
    if isinstance(expected, (bool, int, float, str)):
        forms.append(("a value off by one", _off(expected)))
        if isinstance(expected, int) and not isinstance(expected, bool):
            forms.append(("one less", expected - 1))
    if isinstance(expected, (list, tuple)):
        items = list(expected)
        if items:
            forms.append(("one item missing", items[:-1]))
            forms.append(("an item added twice", items + items[-1:]))
        if len(items) >= 2 and items[::-1] != items:
            forms.append(("order reversed", items[::-1]))
    if isinstance(expected, (set, frozenset)):
        items = sorted(expected, key=repr)
        if items:
            forms.append(("one item missing", items[:-1]))
            forms.append(("an item repeated", items + items[:1]))
            forms.append(("an extra item", items + ["an extra item"]))
    if isinstance(expected, dict) and expected:
        keys = list(expected)
        forms.append(("one key missing", {key: expected[key] for key in keys[:-1]}))
        first = keys[0]
        if isinstance(first, str) and first.upper() != first:
            forms.append(("a key repeated in another case", {**expected, first.upper(): _off(expected[first]) or 99}))
        if _off(expected[first]) is not None:
            forms.append(("a value off", {**expected, first: _off(expected[first])}))
    return forms


# --------------------------------------------------------------------------- the rule itself

def test_the_rule_for_numbers():
    assert same_answer(6, np.int64(6)) and same_answer(6, 6.0) and same_answer(6, np.float32(6))
    assert not same_answer(6, 7) and not same_answer(6, True) and not same_answer(1, True)
    assert same_answer(0.7288, 0.73) and same_answer(0.7288, 0.729) and same_answer(0.7288, np.float64(0.7288))
    assert not same_answer(0.7288, 0.72) and not same_answer(0.7288, float("nan"))
    assert not same_answer(0.7288, 0.728) and not same_answer(0.7288, 0.7) and not same_answer(9.05, 9.08)
    assert same_answer(9.05, 9.0523) and same_answer(0.1143, 0.11429) and not same_answer(0.1143, 0.12)
    assert same_answer(11.4, 11) and not same_answer(11.4, 11.0) and same_answer(59.7, 60) and not same_answer(59.7, 60.0)
    assert same_answer(100.5, 101) and same_answer(-0.0144, -0.0144)
    assert same_answer(0.7288, 0.7288, sig_figs=4) and not same_answer(0.7288, 0.73, sig_figs=4)


def test_the_rule_for_text_sequences_sets_and_dicts():
    assert same_answer("Rao Shushi", "  rao   shushi ") and not same_answer("4", 4)
    assert same_answer(["a", "b"], ("a", "b")) and same_answer(["a", "b"], pd.Series(["a", "b"]))
    assert same_answer([1, 2], np.array([1, 2])) and not same_answer(["a", "b"], ["b", "a"])
    assert same_answer({"a", "b"}, ["b", "a"]) and same_answer({"a", "b"}, np.array(["a", "b"]))
    assert not same_answer({"a", "b"}, ["a", "b", "b"]) and not same_answer({"a", "b"}, {"a", "b", "A"})
    assert same_answer({"i": 2, "we": 5}, pd.Series({"I": 2, "we": np.int64(5)}))
    assert not same_answer({"i": 2, "we": 5}, {"i": 2, "I": 99, "we": 5})


def test_messages_for_each_kind_of_problem():
    register(Question("doc-count", lambda: 6, "Count the rows.", int, (5,), mistakes=((0, "Compare with \"2\", in quotes."),)))
    register(Question("doc-set", lambda: {"will", "must"}, "Tag the words.", set, ()))
    register(Question("doc-dict", lambda: {"i": 2, "we": 5}, "Count both.", dict, ()))
    assert feedback("doc-count", np.int64(6)).line == "✅ doc-count: correct."
    assert feedback("doc-count", 0).line.startswith("❌ doc-count: not yet. Compare with \"2\", in quotes.")
    assert feedback("doc-count", 5).line.startswith("❌ doc-count: not yet. Hint: Count the rows.")
    table = feedback("doc-count", pd.DataFrame({"n": [6]}))
    assert table.status == "type" and "this should be a whole number; you gave a DataFrame" in table.line
    assert "not answered" not in feedback("doc-count", "6").line
    line = feedback("doc-count", ...).line
    assert line.startswith("⏳ doc-count: not answered yet.") and "Replace the ..." in line and "a whole number" in line
    line = feedback("doc-count", print("6")).line   # a beginner prints the answer instead of storing it
    assert line.startswith("⏳ doc-count: not answered yet: the answer holds None.") and "print(...)" in line
    assert "Replace the ..." not in line and "a whole number" in line
    assert "twice" in feedback("doc-set", ["will", "must", "will"]).line
    assert "same item" in feedback("doc-set", {"will", "Will", "must"}).line
    assert "differ only in case" in feedback("doc-dict", {"i": 2, "I": 99, "we": 5}).line
    assert feedback("doc-dict", {"i": 2, "we": ...}).status == "unanswered"


def test_a_decimal_cut_instead_of_rounded_is_told_to_round():
    register(Question("doc-share", lambda: 0.7288, "Divide hits by flagged.", float, (0.5,)))
    assert feedback("doc-share", 0.729).status == "correct" and feedback("doc-share", 0.73).status == "correct"
    cut = feedback("doc-share", 0.728).line
    assert cut.startswith("❌ doc-share: close, but not yet.") and "(0.7288 gives 0.729)" in cut and "Divide hits" in cut
    assert "close" not in feedback("doc-share", 0.5).line       # far off: the general hint alone
    register(Question("doc-whole", lambda: 60, "Count.", int, (59,)))
    assert "close" not in feedback("doc-whole", 59).line        # whole numbers are counted, not rounded


def test_damaged_data_is_never_blamed_on_the_student():
    def damaged():
        raise DamagedDataError("data/numbers.csv is empty. Restore it with: git checkout -- data/")

    def broken():
        raise FileNotFoundError("data/paragraphs.csv")

    register(Question("doc-damaged", damaged, "Count.", int, (1,)))
    register(Question("doc-broken", broken, "Count.", int, (1,)))
    for qid, named in (("doc-damaged", "data/numbers.csv"), ("doc-broken", "FileNotFoundError")):
        for answer in (6, 7, pd.DataFrame()):
            result = feedback(qid, answer)
            assert result.status == "damaged" and named in result.line and "checkout -- data/" in result.line
            assert "not yet" not in result.line and "not your mistake" in result.line
        assert feedback(qid, ...).status == "unanswered"
    with pytest.raises(DamagedDataError):
        is_correct("doc-damaged", 6)


def test_check_prints_exactly_one_line(capsys):
    for answer in (6, 7, ..., pd.DataFrame(), "six"):
        check("00-q1", answer)
    check("no-such-lesson-q1", 1)
    check("00-q99", 1)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 7 and lines[0] == "✅ 00-q1: correct."
    assert lines[5].startswith("⚠️") and lines[6].startswith("⚠️") and "00-q1" in lines[6]


# --------------------------------------------------------------------------- every registered question

@pytest.mark.parametrize("qid", QIDS)
def test_natural_right_forms_are_accepted(qid, computed_once):
    question, expected = computed_once(qid)
    for form in right_forms(expected, question.sig_figs):
        result = feedback(qid, form)
        assert result.status == "correct", f"{qid} refused {form!r} ({type(form).__name__}): {result.line}"


@pytest.mark.parametrize("qid", QIDS)
def test_plausible_wrong_forms_are_refused(qid, computed_once):
    _, expected = computed_once(qid)
    for what, form in wrong_forms(expected):
        result = feedback(qid, form)
        assert result.status != "correct", f"{qid} accepted {what}: {form!r}"
    if isinstance(expected, (bool, int, float)):
        table = feedback(qid, pd.DataFrame({"answer": [expected]}))
        assert table.status == "type" and "you gave a DataFrame" in table.line and "not answered" not in table.line
    if isinstance(expected, (set, frozenset)) and expected:
        items = sorted(expected, key=repr)
        assert "twice" in feedback(qid, items + items[:1]).line
    if isinstance(expected, dict) and expected and isinstance(next(iter(expected)), str):
        first = next(iter(expected))
        if first.upper() != first:
            line = feedback(qid, {**expected, first.upper(): _off(expected[first]) or 99}).line
            assert "differ only in case" in line


@pytest.mark.parametrize("qid", QIDS)
def test_wrong_examples_and_mistakes_are_refused_with_their_own_hints(qid, computed_once):
    question, expected = computed_once(qid)
    assert question.wrong_list(), f"{qid} needs at least one wrong example"
    for wrong in question.wrong_list():
        assert feedback(qid, wrong).status != "correct", f"{qid} accepted the wrong example {wrong!r}"
    seen = []
    for value, hint in question.mistake_list():
        assert not same_answer(expected, value, question.sig_figs), f"{qid}: the mistake {value!r} is the right answer"
        result = feedback(qid, value)
        assert result.status == "wrong", f"{qid}: the mistake {value!r} gave {result.line}"
        first_hint = next((h for v, h in seen if same_answer(v, value, question.sig_figs)), hint)
        assert first_hint in result.line, f"{qid}: the mistake {value!r} did not get its hint: {result.line}"
        seen.append((value, hint))
    for nothing in (..., None):
        assert feedback(qid, nothing).status == "unanswered"


@pytest.mark.parametrize("qid", QIDS)
def test_every_question_has_a_targeted_mistake(qid):
    assert _computed(qid)[2], f"{qid} has no mistakes=((value, hint), ...) for its commonest mistake"


# --------------------------------------------------------------------------- in a fresh Jupyter kernel
#
# One kernel (a fresh process, as a student's) runs these cells in turn; each test below reads
# its own cell's outputs. The cells do not depend on one another's results: the NameError and the
# other error come first, then the unanswered skeleton, then lesson 0's check (the first cell that
# loads any lesson module), then every lesson module imported afresh with its data loaders broken.

LESSON_0_ONLY = ("import sys\nfrom cablekit import check\ncheck('00-q1', 6)\n"
                 "print(sorted(m for m in sys.modules if m.startswith('cablekit.questions.lesson')))")

#: every lesson module imported with every data loader broken (modules loaded by an earlier cell
#: are dropped first, so each is imported afresh): a module that computes at import fails
NOTHING_AT_IMPORT = (
    "import json, importlib, sys\n"
    "import cablekit.data as data\n"
    "def broken(*args, **kwargs):\n"
    "    raise RuntimeError('computed at import')\n"
    "for name in ('load_text', 'load_table', 'load_paragraphs', 'load_metadata'):\n"
    "    setattr(data, name, broken)\n"
    "try:\n"
    "    import cablekit.keyness as keyness\n"
    "    keyness.reference_corpus = broken\n"
    "except ImportError:\n"
    "    pass\n"
    "from cablekit.checks import lesson_modules\n"
    "for loaded in [m for m in sys.modules if m.startswith('cablekit.questions.lesson')]:\n"
    "    del sys.modules[loaded]\n"
    "failed = {}\n"
    "for lesson in lesson_modules():\n"
    "    try:\n"
    "        importlib.import_module('cablekit.questions.lesson' + lesson)\n"
    "    except Exception as problem:\n"
    "        failed[lesson] = f'{type(problem).__name__}: {problem}'\n"
    "print(json.dumps({'tried': lesson_modules(), 'failed': failed}))\n"
)

KERNEL_CELLS = {
    "first_name_error": "check_me_later",   # before anything is imported, as after a restart
    "import": "import cablekit",
    "name_error": "check_me_later",
    "typo": "words_in_cable = 1394\nwords_in_cabel",
    "other_error": "import math\nmath.not_there",
    "skeleton": "import cablekit\nanswer = ...\nanswer",
    "lesson_0_only": LESSON_0_ONLY,
    "nothing_at_import": NOTHING_AT_IMPORT,
}


@pytest.fixture(scope="module")
def kernel_outputs() -> dict:
    """The outputs of each of KERNEL_CELLS, run in order in one fresh python3 kernel."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in KERNEL_CELLS.values()])
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True, shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(REPO_DIR)}}).execute()
    return {name: cell.outputs for name, cell in zip(KERNEL_CELLS, notebook.cells)}


def _stdout(outputs) -> str:
    """What a cell printed; it must have ended without an error."""
    assert not [o for o in outputs if o.output_type == "error"], outputs
    return "".join(o.text for o in outputs if o.output_type == "stream" and o.name == "stdout")


def test_every_lesson_module_imports_and_computes_nothing_at_import(kernel_outputs):
    """Each lesson module imports with every data loader broken: it computes nothing at import."""
    result = json.loads(_stdout(kernel_outputs["nothing_at_import"]).strip().splitlines()[-1])
    assert len(result["tried"]) >= 7, f"only these lesson modules were imported: {result['tried']}"
    assert result["failed"] == {}, f"lesson modules that compute at import (or fail to import): {result['failed']}"


def test_lesson_0_checks_load_only_lesson_0(kernel_outputs):
    lines = _stdout(kernel_outputs["lesson_0_only"]).splitlines()
    assert lines[0] == "✅ 00-q1: correct."
    assert lines[-1] == "['cablekit.questions.lesson00']"


NAME_ERROR_LINE = ("⚠️ NameError: `check_me_later` is not defined yet: run the cells above first "
                   "(Run > Run All Above Selected Cell), or check its spelling.")


def test_a_name_error_in_a_cell_is_one_line_in_jupyter(kernel_outputs):
    assert kernel_outputs["import"] == []
    for cell in ("first_name_error", "name_error"):   # the first one: the kernel settings import cablekit
        outputs = kernel_outputs[cell]
        assert [o.output_type for o in outputs] == ["stream"], cell
        assert outputs[0].text.strip().splitlines() == [NAME_ERROR_LINE], cell
    # a typo of a defined name: Python's "Did you mean" advice comes first
    typo = kernel_outputs["typo"]
    assert [o.output_type for o in typo] == ["stream"]
    assert typo[0].text.strip().splitlines() == [
        "⚠️ NameError: `words_in_cabel` is not defined. Did you mean `words_in_cable`? If not, run the cells above "
        "first (Run > Run All Above Selected Cell)."]
    # other errors keep their traceback
    assert [o.output_type for o in kernel_outputs["other_error"]] == ["error"]


def test_without_the_kernel_settings_a_first_name_error_is_a_traceback():
    """The control for the first cell above: with the kernel settings' exec_lines emptied, a kernel's
    first NameError is IPython's traceback, so the one line there comes from the settings that
    `tasks.py` (and Binder's postBuild) install into the environment."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("check_me_later")])
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True, shutdown_kernel="immediate",
                   extra_arguments=["--InteractiveShellApp.exec_lines=[]"],
                   resources={"metadata": {"path": str(REPO_DIR)}}).execute()
    outputs = notebook.cells[0].outputs
    assert [(o.output_type, o.get("ename")) for o in outputs] == [("error", "NameError")]


def test_an_unanswered_skeleton_shows_what_to_do_not_ellipsis(kernel_outputs):
    outputs = kernel_outputs["skeleton"]
    assert [o.output_type for o in outputs] == ["execute_result"], outputs
    assert outputs[0]["data"]["text/plain"] == "... (not answered yet: replace the ... with your code)"


def test_a_wrong_answer_on_changed_data_says_the_data_changed(monkeypatch):
    import cablekit.data

    register(Question("doc-changed", lambda: 6, "Count the rows.", int, (5,)))
    monkeypatch.setattr(cablekit.data, "damage", lambda: {"paragraphs.csv": "changed"})
    line = feedback("doc-changed", 5).line
    assert line.startswith("❌ doc-changed: not yet. Hint: Count the rows.") and "data/paragraphs.csv" in line
    assert feedback("doc-changed", 6).line == "✅ doc-changed: correct."
    monkeypatch.setattr(cablekit.data, "damage", lambda: {})
    assert feedback("doc-changed", 5).line == "❌ doc-changed: not yet. Hint: Count the rows."
