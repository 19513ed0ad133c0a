"""Grading with nbgrader, verified end to end in an environment of its own (.venv-grading/).

nbgrader is not in the students' environment (requirements.txt) and must never be: it brings its
own JupyterLab extensions. `python3 tasks.py test` (and `tasks.py setup --all`, as .ci/run does)
creates .venv-grading/ from requirements-grading.txt; without it this test is skipped with the
reason, except on CI (CI set), where it fails.

The round trip, as an instructor runs it (docs/instructor-guide.md, "Grading with nbgrader"):

1. `python -m cablekit nbgrader COURSE` writes source/ from solutions/ (grader metadata added there,
   never in the repository's notebooks) and the collection's nbgrader_config.py;
2. nbgrader's generate_assignment makes the students' version of every lesson: each cell must be
   the same as in exercises/ (so the generator and nbgrader agree, and no hidden test leaks);
3. three submissions of lesson 0 are autograded: the solutions (full marks for the autograded
   cells), the untouched student version (zero) and a copy with one answer wrong (all but one point);
4. generate_feedback writes an HTML page per submission.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
import tasks  # noqa: E402  (the one place that knows where the grading environment lives)

from cablekit.errors import CableKitError  # noqa: E402
from cablekit.course import assignment_name, nbgrader_source, write_nbgrader_course  # noqa: E402

GRADING_ENV = tasks.OTHER_ENVIRONMENTS["grading"][0]
SOLUTIONS = sorted((REPO / "solutions").glob("*.ipynb"))
AUTOGRADED = REPO / "solutions" / "00-start-here.ipynb"
STUDENTS = ("solved", "untouched", "one_wrong")

#: Runs inside the grading environment, in the course folder, in one process (nbgrader's own API):
#: generate lesson 0's assignment, clear every other lesson with the same preprocessors that
#: generate_assignment uses for it (ClearSolutions, ClearHiddenTests), autograde and give feedback.
#: A new gradebook is stamped with the head of nbgrader's own alembic migrations; nbgrader asks a
#: subprocess (`alembic heads`, which imports all of nbgrader again: 2-3 s) for it, the driver asks
#: alembic's Python API, in process, for the same head from the same alembic.ini.
DRIVER = r"""
import json, sys
from pathlib import Path
import nbformat
from traitlets.config.loader import PyFileConfigLoader
import nbgrader.api
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory


def alembic_head():
    with nbgrader.api._temp_alembic_ini("sqlite:////tmp/gradebook.db") as alembic_ini:
        return ScriptDirectory.from_config(AlembicConfig(alembic_ini)).get_current_head()


nbgrader.api.get_alembic_version = alembic_head
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from nbgrader.api import Gradebook
from sqlalchemy import text
from nbgrader.preprocessors import ClearSolutions, ClearHiddenTests

config = PyFileConfigLoader("nbgrader_config.py", path=".").load_config()
config.CourseDirectory.root = str(Path.cwd())
api = NbGraderAPI(CourseDirectory(config=config), config=config)
assignment, students = sys.argv[1], sys.argv[2:]
report = {"cleared": {}}
for source in sorted(Path("source").glob("*/*.ipynb")):
    notebook = nbformat.read(source, as_version=4)
    for step in (ClearSolutions(config=config), ClearHiddenTests(config=config)):
        notebook, _ = step.preprocess(notebook, {"language": "python"})
    report["cleared"][source.name] = [cell.source for cell in notebook.cells]
result = api.generate_assignment(assignment, force=True, create=True)
report["generate"] = {"success": result["success"], "log": result.get("log", "")[-3000:]}
for student in students:
    result = api.autograde(assignment, student, force=True, create=True)
    report[student] = {"success": result["success"], "log": result.get("log", "")[-3000:]}
for student in students:
    result = api.generate_feedback(assignment, student, force=True)
    report[student]["feedback"] = result["success"]
with Gradebook("sqlite:///gradebook.db") as gradebook:
    report["alembic_version"] = [row[0] for row in gradebook.db.execute(text("SELECT version_num FROM alembic_version"))]
    for student in students:
        for notebook in gradebook.find_submission(assignment, student).notebooks:
            report[student][notebook.name] = {
                "code_score": notebook.code_score, "max_code_score": notebook.max_code_score,
                "written_score": notebook.written_score, "max_written_score": notebook.max_written_score,
                "needs_manual_grade": notebook.needs_manual_grade}
print(json.dumps(report))
"""


def _grading_python() -> Path:
    python = tasks.venv_python(GRADING_ENV)
    if not python.exists() or not (GRADING_ENV / "bin").joinpath("nbgrader").exists() and os.name != "nt":
        reason = f"no grading environment at {GRADING_ENV.name}/ (python3 tasks.py setup --all creates it)"
        if os.environ.get("CI"):
            pytest.fail(f"grading test cannot run on CI: {reason}")
        pytest.skip(reason)
    return python


def _run_driver(python: Path, course: Path, home: Path, *args: str) -> dict:
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "IPYTHONDIR": str(home / "ipython"),
           "PATH": os.pathsep.join([str(python.parent), os.environ.get("PATH", "")])}  # as for `nbgrader`
    env.pop("JUPYTER_PATH", None)  # only the grading environment's own kernel
    done = subprocess.run([str(python), "-c", DRIVER, *args], cwd=course, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _compact(source: str) -> str:
    """A cell's source without blank lines: nbgrader leaves an empty line where it removed a code
    region (its stub is empty), where our generator leaves none."""
    return "\n".join(line.rstrip() for line in source.splitlines() if line.strip())


def test_the_solutions_can_be_graded_by_cell():
    """One written task per Markdown cell, markers valid, every self-check turned into a graded test."""
    for path in SOLUTIONS:
        try:
            marked = nbgrader_source(nbformat.read(path, as_version=4), f"solutions/{path.name}")
        except CableKitError as problem:
            pytest.fail(str(problem))
        checks = [c for c in marked.cells if c.cell_type == "code" and re.search(r"^check\(", c.source, re.M)]
        graded = [c for c in marked.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]
        assert checks and len(graded) == len(checks), path.name


def test_the_repository_notebooks_carry_no_grader_metadata():
    for path in sorted([*SOLUTIONS, *(REPO / "exercises").glob("*.ipynb"), *(REPO / "notebooks").glob("*.ipynb")]):
        notebook = nbformat.read(path, as_version=4)
        where = f"{path.parent.name}/{path.name}"
        assert not any("nbgrader" in cell.metadata for cell in notebook.cells), where
        assert not any("HIDDEN TESTS" in cell.source for cell in notebook.cells), where


def _submissions(source: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """The three submissions: the solutions, the untouched students' version, one answer wrong."""
    from cablekit.exercises import exercise_from_solution

    one_wrong = nbformat.from_dict(source)
    first_test = next(c for c in one_wrong.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade"))
    answer = re.search(r"""^check\(\s*["'][\w-]+["']\s*,\s*(\w+)\s*\)""", first_test.source, re.M).group(1)
    answer_id = first_test.metadata["nbgrader"]["grade_id"].replace("-test", "-answer")
    answer_cell = next(c for c in one_wrong.cells if c.metadata.get("nbgrader", {}).get("grade_id") == answer_id)
    answer_cell.source += f"\n{answer} = None  # a wrong answer"
    untouched = exercise_from_solution(source)  # what generate_assignment releases (the test below shows it)
    for cell in untouched.cells:
        cell.source = re.sub(r"\n### BEGIN HIDDEN TESTS\n.*?### END HIDDEN TESTS", "", cell.source, flags=re.S)
    return {"solved": source, "untouched": untouched, "one_wrong": one_wrong}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    python = _grading_python()
    home = tmp_path_factory.mktemp("grading")
    course = home / "course"
    written, _ = write_nbgrader_course(course)  # a notebook that cannot be graded fails the test above
    assignment, name = assignment_name(AUTOGRADED), AUTOGRADED.name
    source = nbformat.read(course / "source" / assignment / name, as_version=4)
    for student, notebook in _submissions(source).items():
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, folder / name)
        (folder / "timestamp.txt").write_text("2026-01-01 12:00:00.000000 UTC")
    report = _run_driver(python, course, home, assignment, *STUDENTS)
    tests = sum(1 for c in source.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade"))
    return {"report": report, "assignment": assignment, "stem": AUTOGRADED.stem, "root": course, "tests": tests,
            "written": written}


def test_nbgrader_releases_exactly_what_our_generator_makes(graded):
    """nbgrader's student version of every lesson has the cells our generator puts in exercises/."""
    from cablekit.exercises import exercise_from_solution

    assert graded["report"]["generate"]["success"], graded["report"]["generate"]["log"]
    assert re.fullmatch(r"[0-9a-f]{12}", "".join(graded["report"]["alembic_version"])), graded["report"]["alembic_version"]
    released = nbformat.read(graded["root"] / "release" / graded["assignment"] / AUTOGRADED.name, as_version=4)
    assert graded["report"]["cleared"][AUTOGRADED.name] == [c.source for c in released.cells]
    assert len(graded["written"]) >= 5
    for written in graded["written"]:
        ours = exercise_from_solution(nbformat.read(REPO / "solutions" / written.name, as_version=4))
        theirs = graded["report"]["cleared"][written.name]
        assert len(theirs) == len(ours.cells), written.name
        for index, (cell, source) in enumerate(zip(ours.cells, theirs)):
            assert _compact(source) == _compact(cell.source), f"{written.name} cell {index}"


def test_autograde_gives_full_zero_and_partial_marks(graded):
    report, stem, tests = graded["report"], graded["stem"], graded["tests"]
    for student in STUDENTS:
        assert report[student]["success"], f"autograde {student}:\n{report[student]['log']}"
    assert tests >= 3
    scores = {student: report[student][stem] for student in STUDENTS}
    assert all(s["max_code_score"] == tests for s in scores.values()), scores
    assert scores["solved"]["code_score"] == tests, scores["solved"]
    assert scores["untouched"]["code_score"] == 0, scores["untouched"]
    assert scores["one_wrong"]["code_score"] == tests - 1, scores["one_wrong"]
    # written answers wait for a person with the rubric; an unchanged one nbgrader scores 0 itself
    assert all(s["max_written_score"] > 0 and s["written_score"] == 0 for s in scores.values()), scores
    assert scores["solved"]["needs_manual_grade"] and not scores["untouched"]["needs_manual_grade"], scores


def test_feedback_is_an_html_page_per_submission(graded):
    for student in STUDENTS:
        assert graded["report"][student]["feedback"], student
        page = graded["root"] / "feedback" / student / graded["assignment"] / f"{graded['stem']}.html"
        html = page.read_text(encoding="utf-8")
        assert "<html" in html.lower()
        assert re.search(r"Score:\s*[\d.]+\s*/\s*[\d.]+", html), f"{student}: no score in the feedback page"
