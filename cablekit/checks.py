"""Self-checks for the exercises: ``check("01-q3", answer)`` prints one line.

Each question is registered in ``cablekit/questions/lessonNN.py`` and loaded only when a
check first asks for it (qid "02b-q1" loads ``lesson02b.py``), so lesson 0's checks never
touch NLTK. Its expected answer is computed from data/ (usually a hand-made table) when the
check runs, so a check compares the student's computation with an independent record rather
than with a number typed into the code.

What counts as the same answer
------------------------------
One rule, used by every check (``same_answer`` implements it):

* **Numbers.** Any integer or float type is a number: Python's ``int`` and ``float``,
  numpy's (``np.int64(6)``, ``np.float64(0.5)``) and pandas' scalars alike. True and False
  are not numbers here. A whole-number answer must be exactly right (``6.0`` is 6). A
  decimal answer is right when it agrees with the expected value to 3 significant figures
  (it differs by at most half a unit in the third figure), or when it is the expected value
  correctly rounded to 2 figures, as a person rounds: for 0.7288, ``0.7288``, ``0.729`` and
  ``0.73`` are right; ``0.72``, ``0.728`` (cut, not rounded) and ``0.7`` are not; for 9.05,
  ``9.08`` is not; for 11.4, ``11`` is (2 figures) but ``11.0`` is not (3 figures, the last wrong). A task that needs more figures registers ``sig_figs=N`` and says so in its
  text (then N figures, or a correct rounding to N-1).
* **Text** is compared without regard to case or to extra spaces: ``"  rao   shushi "`` is
  ``"Rao Shushi"``. Text is never a number: ``4`` is not ``"4"``.
* **Sequences.** A list, tuple, pandas Series (its values) or 1-D numpy array is a sequence.
  Where the task asks for an order (a list), the items must match one by one, in order.
* **Sets.** Where order does not matter (a set), any of those sequences is also accepted,
  as is a Python set. But each item must appear once: an answer that names the same item
  twice (``["will", "will"]``, or ``{"Will", "will"}``, which differ only in case) is wrong,
  and the check says so, because a set answer never holds repeats.
* **Dictionaries.** A dict, or a Series (index -> value), is a mapping. Keys are compared
  like text (case and spaces ignored) and values by this rule. Two keys that differ only in
  case (``{"i": 2, "I": 99}``) are not merged: the answer is wrong, and the check says so.
* **Tables.** Where a DataFrame is asked for, the same values in the same rows and columns.
* Any other type (a DataFrame where a number is wanted, a number where text is wanted, a
  function that was not called) is told what it should be, e.g. "this should be a whole
  number; you gave a DataFrame (a table)". Only ``...`` and ``None`` are "not answered yet"; for None,
  the line says that ``print(...)`` shows a value but stores None.

What a check prints
-------------------
Exactly one line: ``✅ 00-q1: correct.``; ``❌`` with the hint for a known mistake (a
question's ``mistakes``) or its general hint; ``⏳ ... not answered yet`` naming what to do;
or ``⚠️`` when the check itself cannot run. When computing the expected answer fails, the
student is never blamed: the line names the damaged data file (``DamagedDataError`` from
cablekit.data) and says how to restore it. When an answer is wrong while files in data/ differ
from the collection's checksums, the line says so too, since the expected answer may have moved.
"""
from __future__ import annotations

import importlib
import math
import numbers
import pkgutil
import sys
from decimal import Decimal
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple

import numpy as np
import pandas as pd

from cablekit.errors import CableKitError, DamagedDataError

QUESTIONS: dict[str, "Question"] = {}

#: Significant figures a decimal answer needs unless a question asks for more.
DEFAULT_SIG_FIGS = 3

RESTORE = "restore it with `git checkout -- data/` in a terminal in the collection's folder (or download the collection again)"


# --------------------------------------------------------------------------- the rule

class Mismatch(Exception):
    """Why an answer differs from the expected one (internal to the rule).

    ``kind`` is "type" (wrong kind of value), "repeat" (a set or dict answer names one item
    twice) or "value" (the right kind, a different value).
    """

    def __init__(self, kind: str, message: str = ""):
        super().__init__(message)
        self.kind, self.message = kind, message


def is_number(value: Any) -> bool:
    """True for any int or float type (Python, numpy, pandas), never for True/False.

    >>> is_number(6), is_number(np.int64(6)), is_number(np.float32(0.5)), is_number(True), is_number("6")
    (True, True, True, False, False)
    """
    if isinstance(value, (bool, np.bool_)):
        return False
    return isinstance(value, numbers.Real) or (isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf")


def _is_sequence(value: Any) -> bool:
    if isinstance(value, np.ndarray):
        return value.ndim == 1
    return isinstance(value, (list, tuple, pd.Series, pd.Index, pd.api.extensions.ExtensionArray))


def describe(value: Any) -> str:
    """How a check names the kind of a value a student gave.

    >>> describe(np.int64(6)), describe(pd.DataFrame()), describe(["a"]), describe(print)
    ('a whole number (6)', 'a DataFrame (a table)', 'a list', 'a function (did you forget the ()?)')
    """
    if value is Ellipsis:
        return "..."
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return f"True/False ({bool(value)})"
    if is_number(value):
        number = np.asarray(value).item()
        if isinstance(number, numbers.Integral):
            return f"a whole number ({number})"
        return f"a decimal number ({number:g})"
    if isinstance(value, str):
        return f"text ({value[:30]!r})"
    if isinstance(value, pd.DataFrame):
        return "a DataFrame (a table)"
    if isinstance(value, pd.Series):
        return "a Series (a column of values)"
    if isinstance(value, np.ndarray):
        return f"a {value.ndim}-D array"
    if callable(value):
        return "a function (did you forget the ()?)"
    names = {list: "a list", tuple: "a tuple", set: "a set", frozenset: "a set", dict: "a dict"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return f"a {type(value).__name__}"


def _wanted(expected: Any) -> str:
    if isinstance(expected, (bool, np.bool_)):
        return "True or False"
    if is_number(expected):
        return "a whole number" if isinstance(np.asarray(expected).item(), numbers.Integral) else "a number"
    if isinstance(expected, str):
        return 'text in quotes ("like this")'
    if isinstance(expected, (set, frozenset)):
        return "a set (a list or tuple, each item once, is fine too)"
    if isinstance(expected, (list, tuple)):
        return "a list, in order"
    if isinstance(expected, dict):
        return "a dict (a Series works too)"
    if isinstance(expected, pd.DataFrame):
        return "a DataFrame"
    return describe(expected)


def _number(value: Any) -> float | int:
    return np.asarray(value).item()


def _text(value: str) -> str:
    return " ".join(value.lower().split())


def _key(item: Any) -> Any:
    """The form in which set items and dict keys are compared (text: case and spaces ignored)."""
    if isinstance(item, str):
        return _text(item)
    if is_number(item):
        number = _number(item)
        return int(number) if isinstance(number, float) and number.is_integer() else number
    if isinstance(item, tuple):
        return tuple(_key(part) for part in item)
    return item


def _items(value: Any) -> list:
    return list(value.to_numpy() if isinstance(value, (pd.Series, pd.Index)) else value)


def _show(item: Any) -> str:
    return repr(_number(item) if is_number(item) else item)[:60]


def _close(want: float, got: float | int, sig_figs: int) -> bool:
    """The rule for decimals: agrees to ``sig_figs`` figures, or is ``want`` rounded to one figure fewer."""
    if math.isnan(got) or math.isnan(want):
        return False
    if math.isinf(got) or math.isinf(want):
        return got == want
    if want == 0:
        return abs(got) <= 1e-12
    third = 10.0 ** (math.floor(math.log10(abs(want))) - (sig_figs - 1))  # a unit in the last figure that counts
    if abs(got - want) <= third / 2 * (1 + 1e-9):
        return True
    # the figures the answer is written with: 0.73 has 2, 11.0 has 3, 60 and 11000 have 1 and 2
    written = Decimal(repr(got)) if isinstance(got, float) else Decimal(int(got)).normalize()
    fewer = float(f"{want:.{sig_figs - 1}g}")  # the expected value rounded to one figure fewer
    return len(written.as_tuple().digits) <= sig_figs - 1 and math.isclose(got, fewer, rel_tol=1e-9)


def _compare(expected: Any, answer: Any, sig_figs: int, where: str = "") -> None:
    """Raise Mismatch unless ``answer`` is the same as ``expected`` under the rule above."""
    def wrong_type() -> Mismatch:
        return Mismatch("type", f"{where or 'this'} should be {_wanted(expected)}; you gave {describe(answer)}")

    if isinstance(expected, (bool, np.bool_)):
        if not isinstance(answer, (bool, np.bool_)):
            raise wrong_type()
        if bool(answer) != bool(expected):
            raise Mismatch("value")
    elif is_number(expected):
        if not is_number(answer):
            raise wrong_type()
        want, got = _number(expected), _number(answer)
        if isinstance(got, float) and math.isnan(got):
            raise Mismatch("value")
        if isinstance(want, numbers.Integral):
            if got != want:
                raise Mismatch("value")
        elif not _close(float(want), got, sig_figs):
            raise Mismatch("value")
    elif isinstance(expected, str):
        if not isinstance(answer, str):
            raise wrong_type()
        if _text(answer) != _text(expected):
            raise Mismatch("value")
    elif isinstance(expected, (set, frozenset)):
        if not (isinstance(answer, (set, frozenset)) or _is_sequence(answer)):
            raise wrong_type()
        seen: dict = {}
        for item in _items(answer):
            key = _key(item)
            try:
                if key in seen:
                    raise Mismatch("repeat", f"{_show(seen[key])} and {_show(item)} are the same item"
                                   if _show(seen[key]) != _show(item) else f"{_show(item)} appears twice")
                seen[key] = item
            except TypeError:  # an unhashable item (a list inside the answer)
                raise Mismatch("type", f"each item should be a single value; you gave {describe(item)} as an item") from None
        if set(seen) != {_key(item) for item in expected}:
            raise Mismatch("value")
    elif isinstance(expected, (list, tuple)):
        if isinstance(answer, (set, frozenset)):
            raise Mismatch("type", f"{where or 'this'} should be a list, in order; a set has no order")
        if not _is_sequence(answer):
            raise wrong_type()
        items = _items(answer)
        if len(items) != len(expected):
            raise Mismatch("value")
        for number, (want, got) in enumerate(zip(expected, items), start=1):
            _compare(want, got, sig_figs, f"item {number}")
    elif isinstance(expected, dict):
        if isinstance(answer, pd.Series):
            answer = dict(answer.items())
        if not isinstance(answer, dict):
            raise wrong_type()
        keys: dict = {}
        for key in answer:
            normal = _key(key)
            if normal in keys:
                raise Mismatch("repeat", f"the keys {keys[normal]!r} and {key!r} differ only in case or spaces: give each key once")
            keys[normal] = key
        wanted = {_key(key): key for key in expected}
        if set(keys) != set(wanted):
            raise Mismatch("value")
        for normal, key in wanted.items():
            _compare(expected[key], answer[keys[normal]], sig_figs, f"the value for {key!r}")
    elif isinstance(expected, pd.DataFrame):
        if not isinstance(answer, pd.DataFrame):
            raise wrong_type()
        try:
            pd.testing.assert_frame_equal(answer.reset_index(drop=True), expected.reset_index(drop=True),
                                          check_dtype=False, check_categorical=False, check_exact=False,
                                          rtol=5 * 10.0 ** -sig_figs)
        except AssertionError:
            raise Mismatch("value") from None
    else:
        try:
            same = bool(answer == expected)
        except Exception:
            same = False
        if not same:
            raise Mismatch("value")


def same_answer(expected: Any, answer: Any, sig_figs: int = DEFAULT_SIG_FIGS) -> bool:
    """True when ``answer`` counts as ``expected`` under the collection's rule (see the module docstring).

    >>> same_answer(6, np.int64(6)), same_answer(0.7288, 0.73), same_answer(0.7288, 0.72), same_answer(9.05, 9.08)
    (True, True, False, False)
    >>> same_answer({"a", "b"}, ["b", "a"]), same_answer({"a", "b"}, ["a", "b", "b"])
    (True, False)
    >>> same_answer({"i": 2}, {"i": 2, "I": 99}), same_answer({"i": 2}, pd.Series({"I": 2}))
    (False, True)
    """
    try:
        _compare(expected, answer, sig_figs)
    except Exception:  # a Mismatch, or an answer so odd that comparing it fails: not the same
        return False
    return True


# --------------------------------------------------------------------------- questions

def _same(expected: Any, answer: Any) -> bool:
    """The default comparison of a Question: the rule, at 3 significant figures."""
    return same_answer(expected, answer)


@dataclass(frozen=True)
class Question:
    """One self-checked exercise.

    qid: the id students pass, e.g. "00-q1" (lesson 00, question 1); lesson "02b" lives in
        cablekit/questions/lesson02b.py.
    expected: a function that computes the right answer from data/ when the check runs.
    hint: a nudge shown for a wrong answer; it must not give the answer away.
    answer_type: the type(s) a real answer has, used to say what is wanted before anything is
        computed (int: "a whole number"; float: "a number"; set: "a set"; ...).
    wrong_examples: plausible wrong answers; the tests prove the check refuses each. A tuple, or
        a function returning one (so that nothing is computed at import).
    mistakes: known wrong answers, each with its own hint: ``((28, "You also counted 'US'..."),)``.
        A tuple of (value, hint) pairs, or a function returning one.
    sig_figs: significant figures a decimal answer needs (default 3); a task asking for more
        must say so in its text.
    same: how to compare expected and answer (default: the rule in the module docstring).

    >>> Question("doc-q0", lambda: 2, "Count again.", int, (3,), mistakes=((1, "Count both."),)).mistake_list()
    ((1, 'Count both.'),)
    """

    qid: str
    expected: Callable[[], Any]
    hint: str
    answer_type: type | tuple
    wrong_examples: tuple | Callable[[], tuple] = ()
    mistakes: tuple | Callable[[], tuple] = ()
    sig_figs: int = DEFAULT_SIG_FIGS
    same: Callable[[Any, Any], bool] | None = field(default=None)

    def compare(self, expected: Any, answer: Any) -> None:
        """Raise ``Mismatch`` unless the answer is right (a custom ``same`` only says yes or no)."""
        if self.same is not None and self.same is not _same:
            if not self.same(expected, answer):
                raise Mismatch("value")
            return
        _compare(expected, answer, self.sig_figs)

    def wrong_list(self) -> tuple:
        """The wrong examples, computed now if they were given as a function."""
        return tuple(self.wrong_examples() if callable(self.wrong_examples) else self.wrong_examples)

    def mistake_list(self) -> tuple:
        """The (value, hint) pairs of known mistakes, computed now if given as a function."""
        return tuple(self.mistakes() if callable(self.mistakes) else self.mistakes)


class UnknownQuestion(CableKitError, KeyError):
    """No question has that id (a KeyError too, for code that expects one)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def register(question: Question) -> Question:
    """Add a question to the registry (lesson modules call this at import; compute nothing then).

    >>> q = register(Question("doc-q1", lambda: 2, "Count again.", int, (3,)))
    >>> is_correct("doc-q1", 2), is_correct("doc-q1", np.int64(2)), is_correct("doc-q1", 3)
    (True, True, False)
    """
    if not isinstance(question, Question) or not isinstance(question.qid, str) or not question.qid.strip():
        raise CableKitError("Register a Question(qid, expected, hint, answer_type, wrong_examples) with a text id.")
    QUESTIONS[question.qid] = question
    return question


def lesson_modules() -> list[str]:
    """The lesson ids that have question modules, e.g. ["00", "00b", "01", ...] (nothing imported).

    >>> "00" in lesson_modules()
    True
    """
    import cablekit.questions as package

    return sorted(module.name.removeprefix("lesson") for module in pkgutil.iter_modules(package.__path__)
                  if module.name.startswith("lesson"))


def load_lesson(lesson: str) -> None:
    """Import ``cablekit/questions/lesson<lesson>.py`` (once), which registers its questions.

    >>> load_lesson("00"); "00-q1" in QUESTIONS
    True
    """
    if not isinstance(lesson, str) or lesson not in lesson_modules():
        raise UnknownQuestion(f"There is no lesson {str(lesson)[:20]!r} with questions. "
                              f"Lessons: {', '.join(lesson_modules())}.")
    importlib.import_module(f"cablekit.questions.lesson{lesson}")


def _load_all_questions() -> None:
    """Import every lesson's questions (the tests and the rubrics need them all)."""
    for lesson in lesson_modules():
        load_lesson(lesson)


def _question(qid: Any) -> Question:
    if not isinstance(qid, str) or not qid.strip():
        raise UnknownQuestion(f"There is no question {str(qid)[:40]!r}. Give the id as text, e.g. check(\"00-q1\", answer).")
    qid = qid.strip()
    if qid in QUESTIONS:
        return QUESTIONS[qid]
    lesson = qid.split("-")[0]
    if lesson not in lesson_modules():
        raise UnknownQuestion(f"There is no question {qid[:40]!r}: ids look like \"00-q1\"; lessons: {', '.join(lesson_modules())}.")
    load_lesson(lesson)
    if qid not in QUESTIONS:
        known = ", ".join(sorted(q for q in QUESTIONS if q.split("-")[0] == lesson))
        raise UnknownQuestion(f"There is no question {qid[:40]!r}. Lesson {lesson}'s questions: {known}.")
    return QUESTIONS[qid]


def _type_name(answer_type: type | tuple) -> str:
    types = answer_type if isinstance(answer_type, tuple) else (answer_type,)
    if set(types) <= {int, float} and float in types:
        return "a number"
    names = {int: "a whole number", float: "a number", str: 'text in quotes ("like this")', list: "a list",
             tuple: "a list", dict: "a dict", set: "a set", frozenset: "a set", bool: "True or False",
             pd.DataFrame: "a DataFrame", pd.Series: "a Series"}
    return names.get(types[0], getattr(types[0], "__name__", str(types[0])))


def _unanswered(answer: Any) -> bool:
    """``...`` or None, or a container the student has not finished filling in (``[..., ...]``)."""
    if answer is Ellipsis or answer is None:
        return True
    if isinstance(answer, dict):
        return any(value is Ellipsis for value in answer.values())
    if isinstance(answer, (list, tuple, set)):
        return any(item is Ellipsis for item in answer)
    return False


# --------------------------------------------------------------------------- feedback

class Feedback(NamedTuple):
    """The outcome of a check: ``status`` (correct, wrong, type, unanswered, damaged, unknown) and its line."""

    status: str
    line: str


def _restore() -> str:
    try:
        from cablekit.data import restore_command

        return f"restore it with `{restore_command()}` in a terminal"
    except Exception:  # the data folder itself cannot be found: say the general remedy
        return RESTORE


def _changed_data() -> str:
    """A note naming data files that differ from the collection's checksums ("" when none do)."""
    try:
        from cablekit.data import damage

        changed = damage()
    except Exception:
        return ""
    if not changed:
        return ""
    names = ", ".join(f"data/{name}" for name in list(changed)[:3]) + (" and others" if len(changed) > 3 else "")
    verb = "differs" if len(changed) == 1 else "differ"
    return (f" (Note: {names} {verb} from the collection's copy, so the expected answer may have changed too; "
            f"{_restore()}.)")


def _damaged(qid: str, problem: Exception) -> Feedback:
    if isinstance(problem, DamagedDataError):
        return Feedback("damaged", f"⚠️ {qid}: cannot check your answer, because the collection's data is damaged "
                                   f"(this is not your mistake). {problem}")
    name = type(problem).__name__
    detail = " ".join(str(problem).split())[:160]
    return Feedback("damaged", f"⚠️ {qid}: cannot check your answer, because computing the right answer failed "
                               f"({name}: {detail}). This is not your mistake: the data or the collection is damaged; "
                               f"{_restore()}, and if that does not help, tell your instructor.")


def feedback(qid: str, answer: Any) -> Feedback:
    """What ``check`` would print, and its status, without printing.

    >>> feedback("00-q1", ...).status, feedback("00-q1", pd.DataFrame()).line.split(";")[0]
    ('unanswered', '❌ 00-q1: this should be a whole number')
    """
    try:
        question = _question(qid)
    except KeyError as problem:
        return Feedback("unknown", f"⚠️ {problem}")
    wanted = _type_name(question.answer_type)
    if answer is None:  # what print(...) gives, and a function without return: not the ... of the skeleton
        return Feedback("unanswered", f"⏳ {question.qid}: not answered yet: the answer holds None. Store the value "
                                      f"itself (print(...) only shows it, and gives None), run that cell, then this "
                                      f"one; the answer is {wanted}.")
    if _unanswered(answer):
        return Feedback("unanswered", f"⏳ {question.qid}: not answered yet. Replace the ... in the cell above with your "
                                      f"code, run that cell, then this one; the answer is {wanted}.")
    try:
        expected = question.expected()
    except Exception as problem:  # never blame the student for what the data or the code did
        return _damaged(question.qid, problem)
    try:
        question.compare(expected, answer)
        return Feedback("correct", f"✅ {question.qid}: correct.")
    except Mismatch as mismatch:
        difference = mismatch
    except Exception:  # a custom comparison that fails on an odd answer: that answer is not right
        difference = Mismatch("value")
    if difference.kind == "type":
        return Feedback("type", f"❌ {question.qid}: {difference.message}.")
    if difference.kind == "repeat":
        return Feedback("wrong", f"❌ {question.qid}: not yet: {difference.message} (an answer holds each item once). "
                                 f"Hint: {question.hint}")
    try:
        mistakes = question.mistake_list()
    except Exception:
        mistakes = ()
    note = _changed_data()
    for value, hint in mistakes:
        if same_answer(value, answer, question.sig_figs):
            return Feedback("wrong", f"❌ {question.qid}: not yet. {hint}{note}")
    if _near_miss(expected, answer):
        return Feedback("wrong", f"❌ {question.qid}: close, but not yet. If you rounded, round the exact value to "
                                 f"{question.sig_figs or 3} significant figures (0.7288 gives 0.729), don't cut it "
                                 f"(0.728). If not, hint: {question.hint}{note}")
    return Feedback("wrong", f"❌ {question.qid}: not yet. Hint: {question.hint}{note}")


def _near_miss(expected: Any, answer: Any) -> bool:
    """A number within 1% of a decimal answer: perhaps the right method, cut or rounded too far."""
    if not (is_number(expected) and is_number(answer)) or isinstance(answer, (bool, np.bool_)):
        return False
    exact, given = float(np.asarray(expected).item()), float(np.asarray(answer).item())
    return exact != 0 and not float(exact).is_integer() and abs(given - exact) <= 0.01 * abs(exact)


def is_correct(qid: str, answer: Any) -> bool:
    """True when ``answer`` is right for question ``qid``; never raises for a bad answer.

    Raises ``DamagedDataError`` (or the underlying error) when the expected answer cannot be
    computed, so that grading never marks a student down for damaged data.

    >>> is_correct("00-q1", ...), is_correct("00-q1", "6")
    (False, False)
    """
    result = feedback(qid, answer)
    if result.status == "damaged":
        question = _question(qid)
        question.expected()  # raises the real error for the grader
    return result.status == "correct"


def check(qid: str, answer: Any) -> None:
    """Print one line: correct; not yet (with a hint); of the wrong kind; not answered yet; or
    a warning that the data is damaged.

    >>> check("00-q1", ...)  # doctest: +ELLIPSIS
    ⏳ 00-q1: not answered yet. Replace the ... in the cell above with your code, run that cell, then this one; the answer is a whole number.
    """
    sys.stdout.write(feedback(qid, answer).line + "\n")  # one write: stored outputs never split the line
    sys.stdout.flush()
