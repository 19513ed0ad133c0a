"""The helper package: loaders, NLTK setup, self-checks, the exercise generator."""
import os
import subprocess
import sys
import time

import nbformat
import pandas as pd
import pytest

import cablekit
from cablekit import check, is_correct, load_table, table_names
from cablekit.checks import Question, register
from cablekit.errors import CableKitError
from cablekit.exercises import MARKDOWN_STUB, exercise_from_solution, strip_solutions
from cablekit.text import cable_words, remove_editorial_insertions


@pytest.mark.parametrize("folder", ["notebooks", "exercises", "solutions", ".", "/"])
def test_loaders_work_from_any_folder(folder):
    code = "import cablekit; print(len(cablekit.load_paragraphs()), cablekit.load_text()[:7])"
    cwd = cablekit.REPO_DIR / folder if folder != "/" else "/"
    out = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(len(cablekit.load_paragraphs())), "Comrade"]


@pytest.mark.parametrize("bad", ["", "   ", "nope", "people.csv.csv", None, 3, ["paragraphs"], ..., "[.*", "人物"])
def test_load_table_bad_names_get_one_line_listing_the_tables(bad):
    with pytest.raises(CableKitError) as problem:
        load_table(bad)
    message = str(problem.value)
    assert "\n" not in message and "paragraphs" in message


def test_load_table_accepts_a_csv_suffix_and_spaces():
    assert load_table(" paragraphs.csv ").equals(load_table("paragraphs"))


def test_error_shows_one_line_in_jupyter():
    assert CableKitError("Do this.")._render_traceback_() == ["CableKitError: Do this."]


def test_nltk_setup_offline_stops_fast_with_the_command(tmp_path):
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path),
           "https_proxy": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9",
           "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    # only the empty folder and the home folder (no data) may be searched
    code = "import nltk; nltk.data.path[:] = [p for p in nltk.data.path if p.startswith(%r)]; " \
           "from cablekit.nltk_setup import main; raise SystemExit(main())" % str(tmp_path)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 10
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "python -m nltk.downloader punkt_tab" in lines[0]


def test_nltk_setup_finds_everything_here_and_trusts_data():
    import nltk

    assert cablekit.setup_nltk() == []
    assert str(cablekit.DATA_DIR) in nltk.data.path


def test_check_lines(capsys):
    register(Question("doc-test", lambda: 12, "Count the numbered points.", int, (11,)))
    for answer in (12, 11, ..., "12", True):
        check("doc-test", answer)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "✅ doc-test: correct."
    assert lines[1] == "❌ doc-test: not yet. Hint: Count the numbered points."
    assert lines[2].startswith("⏳ doc-test: not answered yet")
    # an answer of the wrong type is told the type wanted (and is not "not answered yet")
    assert "whole number" in lines[3] and "text" in lines[3] and not lines[3].startswith("⏳")
    assert "whole number" in lines[4] and not lines[4].startswith("⏳")
    assert len(lines) == 5


def test_check_unknown_question_is_one_line(capsys):
    check("no-such-question", 1)
    check(None, 1)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(line.startswith("⚠️ There is no question") for line in lines)


def test_check_compares_forgivingly_but_not_loosely():
    register(Question("doc-float", lambda: 0.1143, "Divide.", (int, float), (0.2,)))
    register(Question("doc-words", lambda: {"Beiping", "Tianjin"}, "Two cities.", (set, list), ({"Beiping"},)))
    register(Question("doc-text", lambda: "Rao Shushi", "A name.", str, ("Yao Soushi",)))
    assert is_correct("doc-float", 0.11429) and not is_correct("doc-float", 0.12)
    assert is_correct("doc-words", ["tianjin", "Beiping"]) and not is_correct("doc-words", ["Beiping", "Tianjin", "Tanggu"])
    assert is_correct("doc-text", "  rao   shushi ") and not is_correct("doc-text", "Rao")


def test_strip_solutions_keeps_indentation_and_surrounding_code():
    source = "for x in xs:\n    ### BEGIN SOLUTION\n    total += x\n    ### END SOLUTION\nprint(total)"
    stub = strip_solutions(source, "code")
    assert stub.startswith("for x in xs:\n    ") and stub.endswith("\nprint(total)") and "total +=" not in stub
    compile(stub, "<stub>", "exec")  # an indented region leaves a body that still runs
    markdown = "Q?\n\n### BEGIN SOLUTION\nModel answer.\n### END SOLUTION\n\nNext."
    assert strip_solutions(markdown, "markdown") == f"Q?\n\n{MARKDOWN_STUB}\n\nNext."


def test_exercise_from_solution_clears_outputs_counts_and_widget_state():
    cell = nbformat.v4.new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION", execution_count=3,
                                     outputs=[nbformat.v4.new_output("stream", text="1")])
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    solution = nbformat.v4.new_notebook(cells=[cell], metadata={"widgets": {"state": {}}})
    exercise = exercise_from_solution(solution)
    assert exercise.cells[0].outputs == [] and exercise.cells[0].execution_count is None
    assert "execution" not in exercise.cells[0].metadata and "widgets" not in exercise.metadata
    assert solution.cells[0].outputs, "the solution itself must not be changed"


def test_stale_exercise_is_reported(tmp_path, monkeypatch):
    import cablekit.exercises as exercises

    (tmp_path / "solutions").mkdir()
    (tmp_path / "exercises").mkdir()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION")])
    nbformat.write(notebook, tmp_path / "solutions" / "09-x.ipynb")
    monkeypatch.setattr(exercises, "SOLUTIONS_DIR", tmp_path / "solutions")
    monkeypatch.setattr(exercises, "EXERCISES_DIR", tmp_path / "exercises")
    assert exercises.stale_exercises() == ["exercises/09-x.ipynb is missing"]
    assert exercises.write_exercises() == ["09-x.ipynb"]
    assert exercises.stale_exercises() == []
    (tmp_path / "exercises" / "09-x.ipynb").write_text("{}", encoding="utf-8")
    assert exercises.stale_exercises() == ["exercises/09-x.ipynb differs from what solutions/09-x.ipynb generates"]


def test_remove_editorial_insertions_on_known_text():
    assert remove_editorial_insertions("Beiping [Beijing], Tianjin [sic].") == "Beiping, Tianjin."
    assert remove_editorial_insertions("[I] request") == " request"


def test_cable_words_keeps_numbers_and_hyphenated_names():
    words = cable_words("Marx-Engels-Lenin-Stalin and 1,200,000 people; the People's army [sic].")
    assert words == ["marx-engels-lenin-stalin", "and", "1,200,000", "people", "the", "people", "'s", "army"]
    assert cable_words("[we] finish", keep_insertions=True) == ["we", "finish"]


@pytest.mark.parametrize("bad", [None, 3, ["text"], ...])
def test_text_functions_reject_non_text_in_one_line(bad):
    for function in (remove_editorial_insertions, cable_words):
        with pytest.raises(CableKitError):
            function(bad)


def test_theme_uses_the_colour_blind_palette():
    import seaborn as sns

    cablekit.use_theme()
    import matplotlib.pyplot as plt

    from matplotlib.colors import to_hex

    colours = [to_hex(c) for c in plt.rcParams["axes.prop_cycle"].by_key()["color"]]
    assert colours == sns.color_palette("colorblind").as_hex()


def _public_functions():
    import importlib
    import inspect
    import pkgutil

    for module_info in pkgutil.walk_packages(cablekit.__path__, "cablekit."):
        module = importlib.import_module(module_info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and function.__module__ == module.__name__ and name != "main":
                yield f"{module.__name__}.{name}", function


@pytest.mark.parametrize("name, function", list(_public_functions()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_public_function_has_a_docstring_with_an_example(name, function):
    assert function.__doc__ and ">>>" in function.__doc__, f"{name} needs a docstring with an example"
