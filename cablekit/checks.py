"""Self-checks for the exercises: ``check("01-q3", answer)`` prints one line.

Each question is registered in ``cablekit/questions/lessonNN.py``. Its expected answer
is computed from data/ (usually a hand-made table), so a check compares the student's
computation with an independent record rather than with a number typed into the code.
"""
from __future__ import annotations

import importlib
import math
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

from cablekit.errors import CableKitError

QUESTIONS: dict[str, "Question"] = {}


def _same(expected: Any, answer: Any) -> bool:
    """Equality that forgives what a student should not be marked down for."""
    if isinstance(expected, float) or isinstance(answer, float):
        try:
            return math.isclose(float(expected), float(answer), rel_tol=1e-3, abs_tol=1e-6)
        except (TypeError, ValueError):
            return False
    if isinstance(expected, str):
        return isinstance(answer, str) and " ".join(answer.lower().split()) == " ".join(expected.lower().split())
    if isinstance(expected, (set, frozenset)):
        try:
            return {_normal(item) for item in answer} == {_normal(item) for item in expected}
        except TypeError:
            return False
    if isinstance(expected, (list, tuple)):
        return isinstance(answer, (list, tuple, pd.Series)) and len(answer) == len(expected) and all(
            _same(e, a) for e, a in zip(expected, list(answer))
        )
    if isinstance(expected, dict):
        return isinstance(answer, (dict, pd.Series)) and set(map(_normal, dict(answer))) == set(map(_normal, expected)) and all(
            _same(expected[key], _lookup(answer, key)) for key in expected
        )
    return type(answer) is not bool and answer == expected


def _normal(item: Any) -> Any:
    return " ".join(item.lower().split()) if isinstance(item, str) else item


def _lookup(mapping: Any, key: Any) -> Any:
    for candidate, value in dict(mapping).items():
        if _normal(candidate) == _normal(key):
            return value
    return None


@dataclass(frozen=True)
class Question:
    """One self-checked exercise.

    qid: the id students pass, e.g. "00-q1" (lesson 00, question 1).
    expected: a function that computes the right answer from data/.
    hint: a nudge shown for a wrong answer; it must not give the answer away.
    answer_type: the type(s) a real answer has; anything else counts as not answered.
    wrong_examples: plausible wrong answers; the tests prove the check rejects each.
    same: how to compare answer and expected (default: forgiving equality).
    """

    qid: str
    expected: Callable[[], Any]
    hint: str
    answer_type: type | tuple
    wrong_examples: tuple
    same: Callable[[Any, Any], bool] = field(default=_same)


class UnknownQuestion(CableKitError, KeyError):
    """No question has that id (a KeyError too, for code that expects one)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def register(question: Question) -> Question:
    """Add a question to the registry (lesson modules call this at import).

    >>> q = register(Question("doc-q1", lambda: 2, "Count again.", int, (3,)))
    >>> is_correct("doc-q1", 2)
    True
    """
    if not isinstance(question, Question) or not isinstance(question.qid, str) or not question.qid.strip():
        raise CableKitError("Register a Question(qid, expected, hint, answer_type, wrong_examples) with a text id.")
    QUESTIONS[question.qid] = question
    return question


def _load_all_questions() -> None:
    import cablekit.questions as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")


def _question(qid: Any) -> Question:
    _load_all_questions()
    if not isinstance(qid, str) or qid.strip() not in QUESTIONS:
        known = ", ".join(sorted(q for q in QUESTIONS if not q.startswith("doc-")))
        raise UnknownQuestion(f"There is no question {str(qid)[:40]!r}. Known questions: {known}.")
    return QUESTIONS[qid.strip()]


def _type_name(answer_type: type | tuple) -> str:
    types = answer_type if isinstance(answer_type, tuple) else (answer_type,)
    names = {int: "a whole number", float: "a number", str: "text in quotes", list: "a list", dict: "a dict",
             set: "a set", pd.DataFrame: "a DataFrame", pd.Series: "a Series", tuple: "a tuple"}
    return " or ".join(names.get(t, t.__name__) for t in types)


def _is_answered(question: Question, answer: Any) -> bool:
    if answer is Ellipsis or answer is None or isinstance(answer, bool) and question.answer_type is not bool:
        return False
    return isinstance(answer, question.answer_type)


def _is_right(question: Question, answer: Any) -> bool:
    try:
        return bool(question.same(question.expected(), answer))
    except Exception:
        return False


def is_correct(qid: str, answer: Any) -> bool:
    """True when ``answer`` is right for question ``qid``; never raises for a bad answer.

    >>> is_correct("00-q1", ...)
    False
    """
    question = _question(qid)
    return _is_answered(question, answer) and _is_right(question, answer)


def check(qid: str, answer: Any) -> None:
    """Print one line: correct, not yet (with a hint), or not answered yet.

    >>> check("00-q1", ...)
    ⏳ 00-q1: not answered yet. Replace the ... with your answer (a whole number).
    """
    try:
        question = _question(qid)
    except KeyError as problem:
        print(f"⚠️ {problem.args[0]}")
        return
    if not _is_answered(question, answer):
        got = "" if answer is Ellipsis or answer is None else f" You gave {type(answer).__name__}."
        print(f"⏳ {question.qid}: not answered yet. Replace the ... with your answer ({_type_name(question.answer_type)}).{got}")
    elif _is_right(question, answer):
        print(f"✅ {question.qid}: correct.")
    else:
        print(f"❌ {question.qid}: not yet. Hint: {question.hint}")
