"""The self-checked questions, one module per lesson: lesson00.py, lesson00b.py, lesson01.py, ...

A module is imported only when a check first asks for one of its questions: qid "02b-q1" loads
``lesson02b.py`` (see ``cablekit.checks.load_lesson``). So a module must compute nothing at import:
``expected`` is a function, and wrong examples or mistakes that need data are given as a function
too (``wrong_examples=lambda: (...)``), or computed inside ``expected``-style helpers with
``functools.lru_cache``.

>>> from cablekit.checks import load_lesson, QUESTIONS
>>> load_lesson("00"); "00-q1" in QUESTIONS
True
"""
