"""The self-checked questions, one module per lesson (lesson00.py, lesson01.py, ...)."""
