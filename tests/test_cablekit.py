"""The helper package: loaders, NLTK setup, self-checks, the exercise generator."""
import os
import subprocess
import sys
import time

import nbformat
import pytest

import cablekit
from cablekit import check, is_correct, load_table
from cablekit.checks import Question, register
from cablekit.errors import CableKitError
from cablekit.exercises import MARKDOWN_STUB, exercise_from_solution, strip_solutions
from cablekit.text import cable_words, remove_editorial_insertions


def test_loaders_work_from_any_folder():
    """One fresh process, started outside the collection ("/"), then in each of its folders in turn,
    as kernels are (cablekit looks its data/ up afresh for each working folder)."""
    folders = ["/", *(str(cablekit.REPO_DIR / name) for name in ("notebooks", "exercises", "solutions", "."))]
    code = ("import os, sys, cablekit\n"
            "for folder in sys.argv[1:]:\n"
            "    os.chdir(folder)\n"
            "    print(len(cablekit.load_paragraphs()), cablekit.load_text()[:7])\n")
    out = subprocess.run([sys.executable, "-c", code, *folders], cwd="/", capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [f"{len(cablekit.load_paragraphs())} Comrade"] * len(folders)


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


# ---- the highlighter's marks: more than tint, readable without colour or sight ------------------

#: Machado, Oliveira and Fernandes (2009), "A physiologically-based model for simulation of colour
#: vision deficiency", IEEE TVCG 15(6): the severity-1.0 matrices, applied to linear RGB.
MACHADO_2009 = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _linear(hex_colour: str, alpha: float = 1.0) -> list[float]:
    """sRGB hex -> linear RGB, drawn at ``alpha`` over white (as a tinted background is)."""
    srgb = [alpha * int(hex_colour[i:i + 2], 16) / 255 + (1 - alpha) for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]


def _lab(linear: list[float], vision: str = "normal") -> tuple[float, float, float]:
    if vision != "normal":
        linear = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, linear)))) for row in MACHADO_2009[vision]]
    r, g, b = linear
    x, y, z = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047, \
              0.2126729 * r + 0.7151522 * g + 0.0721750 * b, \
              (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
    f = lambda t: t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29  # noqa: E731
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _delta_e(first: str, second: str, vision: str, alpha: float = 1.0) -> float:
    """CIE76 colour difference between two colours as someone with ``vision`` sees them."""
    import math

    return math.dist(_lab(_linear(first, alpha), vision), _lab(_linear(second, alpha), vision))


def test_the_simulation_reproduces_the_reported_fault():
    """The old palette's evaluative-positive (#029e73) and modal (#949494) tints, at the old
    alpha 0x55, were reported as ΔE ≈ 4 under deuteranopia: the simulation must find that."""
    old = _delta_e("#029e73", "#949494", "deuteranopia", alpha=0x55 / 255)
    assert 3 < old < 5
    assert _delta_e("#029e73", "#949494", "normal", alpha=0x55 / 255) > 15
    grey = "#777777"
    assert all(_delta_e(grey, grey, vision) == 0 for vision in MACHADO_2009)  # greys are fixed points


@pytest.mark.parametrize("vision", ["normal", *MACHADO_2009])
def test_highlighter_colours_stay_apart_under_colour_blindness(vision):
    from itertools import combinations

    from cablekit.highlight import CATEGORIES, CATEGORY_COLOURS

    assert set(CATEGORY_COLOURS) == set(CATEGORIES)
    close = [(a, b, round(_delta_e(CATEGORY_COLOURS[a], CATEGORY_COLOURS[b], vision), 1))
             for a, b in combinations(CATEGORIES, 2)
             if _delta_e(CATEGORY_COLOURS[a], CATEGORY_COLOURS[b], vision) < 20]
    assert not close, f"under {vision} these pairs are too alike (CIE76 ΔE < 20): {close}"
    assert _delta_e(CATEGORY_COLOURS["evaluative-positive"], CATEGORY_COLOURS["modal"], "deuteranopia") > 20


def test_highlighter_lines_are_visible_on_white():
    from cablekit.highlight import CATEGORY_COLOURS

    for category, colour in CATEGORY_COLOURS.items():
        luminance = sum(w * c for w, c in zip((0.2126, 0.7152, 0.0722), _linear(colour)))
        assert 1.05 / (luminance + 0.05) >= 3, f"{category}: {colour} has less than 3:1 contrast on white (WCAG 1.4.11)"


def test_highlighter_categories_differ_by_shape_not_only_colour():
    """Take the colours away: every category must still have its own kind of line, box or weight."""
    import re

    from cablekit.highlight import CATEGORIES, CATEGORY_MARK_NAMES, mark_style

    shapes = {}
    for category in CATEGORIES:
        style = mark_style(category)
        no_colour = re.sub(r"#[0-9a-fA-F]{3,8}", "", style)
        no_colour = re.sub(r"background:[^;]*;?", "", no_colour)
        shapes[category] = no_colour
    assert len(set(shapes.values())) == len(CATEGORIES), shapes
    assert len(set(CATEGORY_MARK_NAMES.values())) == len(CATEGORIES)


def test_highlighter_labels_reach_keyboard_and_screen_reader_users():
    from html.parser import HTMLParser

    from cablekit.highlight import find_terms, highlight_html

    text = "We must advance; the enemy will perhaps flee."
    page = highlight_html(text)

    class Reader(HTMLParser):
        """What a screen reader reads: the text, hidden text included; and the focusable parts."""
        def __init__(self):
            super().__init__()
            self.words, self.tags = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.words.append(data)

    reader = Reader()
    reader.feed(page)
    spoken = "".join(reader.words)
    for row in find_terms(text).itertuples():
        assert f"{row.match} ({row.category})" in spoken, f"{row.match!r} is not read with its category"
    assert "summary" in reader.tags and "details" in reader.tags, "the list of marks must open by keyboard"
    assert "What is marked" in spoken and "modal (2): must, will" in " ".join(spoken.split())
    assert "dotted underline" in spoken, "the key names each mark in words"


def test_highlighter_checkbox_label_is_not_cut():
    import ipywidgets as widgets

    from cablekit.highlight import highlighter_widget

    form = highlighter_widget()
    boxes = [w for w in form.children[0].children if isinstance(w, widgets.Checkbox)]
    assert len(boxes) == 1
    box = boxes[0]
    assert box.style.description_width == "initial", "a fixed description width cuts a long label"
    assert box.layout.width in (None, "auto") or not box.layout.width.endswith("px")
