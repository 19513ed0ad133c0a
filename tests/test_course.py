"""Course use: nbgrader markers, rubrics beside every interpretive answer, the generated rubric
collection, glossary links from the lessons, and the exercise generator's refusal to overwrite."""
import os
import re
import subprocess
import sys

import nbformat
import pytest

import cablekit.exercises as exercises
from cablekit.course import (GLOSSARY_PATH, GLOSSARY_TERMS, LESSONS_DIR, RUBRICS_PATH, broken_glossary_links,
                             glossary_anchors, interpretive_headings_without_solution, interpretive_questions,
                             marker_problems, markdown_text, rubric_problems, rubrics_markdown, unlinked_terms)
from cablekit.data import REPO_DIR

SOLUTIONS = sorted((REPO_DIR / "solutions").glob("*.ipynb"))
LESSONS = sorted(LESSONS_DIR.glob("*.ipynb"))
ALL_NOTEBOOKS = sorted([*SOLUTIONS, *LESSONS, *(REPO_DIR / "exercises").glob("*.ipynb")])
name = lambda p: f"{p.parent.name}/{p.name}"  # noqa: E731


# --------------------------------------------------------------------------- nbgrader markers
@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=name)
def test_solution_markers_are_valid_everywhere(path):
    assert marker_problems(nbformat.read(path, as_version=4), name(path)) == []


@pytest.mark.parametrize("source, cell_type, problem", [
    ("### BEGIN SOLUTION\nx = 1", "code", "never closed"),
    ("x = 1\n### END SOLUTION", "code", "has no BEGIN"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\nx\n### END SOLUTION\n### END SOLUTION", "code", "nested"),
    ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\ncheck('q', x)", "code", "self-check cell"),
    ("### BEGIN SOLUTION\nx\n### END SOLUTION", "raw", "raw cell"),
    ("### BEGIN SOLUTION here\nx\n### END SOLUTION", "markdown", "must be exactly"),
])
def test_marker_problems_catch_each_kind_of_mistake(source, cell_type, problem):
    maker = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
             "raw": nbformat.v4.new_raw_cell}[cell_type]
    problems = marker_problems(nbformat.v4.new_notebook(cells=[maker(source)]))
    assert any(problem in p for p in problems), problems


@pytest.mark.parametrize("path", SOLUTIONS, ids=name)
def test_our_generator_changes_exactly_the_cells_with_solution_markers(path):
    """Runs without nbgrader (not in requirements.txt): nbgrader's rule is "clear every cell holding a
    BEGIN SOLUTION marker", so the cells changed must be exactly those, found here by a plain search."""
    original = nbformat.read(path, as_version=4)
    ours = exercises.exercise_from_solution(nbformat.read(path, as_version=4))
    marked = [i for i, cell in enumerate(original.cells) if "### BEGIN SOLUTION" in cell.source]
    changed = [i for i, cell in enumerate(ours.cells) if cell.source != original.cells[i].source]
    assert changed == marked != []
    assert all("### BEGIN SOLUTION" not in cell.source for cell in ours.cells)


# --------------------------------------------------------------------------- rubrics
@pytest.mark.parametrize("path", SOLUTIONS, ids=name)
def test_every_interpretive_question_has_a_model_answer_and_a_rubric(path):
    questions = interpretive_questions(path)
    assert questions, f"{path.name} has no interpretive question"
    assert interpretive_headings_without_solution(path) == []
    for question in questions:
        assert rubric_problems(question) == []


def test_a_heading_without_a_solution_region_is_reported(tmp_path):
    cells = [nbformat.v4.new_markdown_cell("## Task 9 (interpretive, core): why?\n\nExplain."),
             nbformat.v4.new_markdown_cell("## Task 10 (interpretive, core): how?\n\n### BEGIN SOLUTION\nA.\n### END SOLUTION")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), tmp_path / "09-x.ipynb")
    assert interpretive_headings_without_solution(tmp_path / "09-x.ipynb") == ["## Task 9 (interpretive, core): why?"]


def test_the_solutions_have_enough_interpretive_questions():
    counts = {p.name: len(interpretive_questions(p)) for p in SOLUTIONS}
    assert all(n >= 2 for name, n in counts.items() if not name.startswith("00")), counts


def test_rubric_problems_notice_a_missing_rubric_and_missing_levels():
    from cablekit.course import Interpretive

    bare = Interpretive("nb", "Task 9: why", "Why?", "A model answer that is long enough to count.", "")
    assert any("no rubric" in p for p in rubric_problems(bare))
    thin = Interpretive("nb", "Task 9: why", "Why?", "", "*Rubric.* **Strong:** a **Strong:** b **Beginning:** c")
    problems = rubric_problems(thin)
    assert any("no model answer" in p for p in problems) and any("criteria" in p for p in problems)
    assert any("levels" in p for p in problems)


def test_docs_rubrics_is_generated_from_the_solutions_and_up_to_date():
    assert RUBRICS_PATH.read_text(encoding="utf-8") == rubrics_markdown(), "Run: python -m cablekit rubrics"


def test_rubrics_collection_contains_every_rubric_verbatim():
    text = RUBRICS_PATH.read_text(encoding="utf-8")
    for path in SOLUTIONS:
        for question in interpretive_questions(path):
            assert question.rubric in text and question.model_answer in text


def test_rubrics_command_reports_drift(tmp_path, monkeypatch):
    import cablekit.course as course

    monkeypatch.setattr(course, "RUBRICS_PATH", tmp_path / "rubrics.md")
    monkeypatch.setattr(course, "DOCS_DIR", tmp_path)
    assert course.main(["--check"]) == 1
    assert course.main([]) == 0 and course.main(["--check"]) == 0
    (tmp_path / "rubrics.md").write_text("edited by hand\n", encoding="utf-8")
    assert course.main(["--check"]) == 1


# --------------------------------------------------------------------------- glossary
def test_glossary_has_an_entry_for_every_term_and_nothing_else():
    assert glossary_anchors() == set(GLOSSARY_TERMS)
    required = {"token", "type", "stopword", "stem", "keyword-in-context", "dispersion", "collocation", "pmi",
                "keyness", "log-likelihood", "modality", "hedging", "vader", "transliteration", "fond", "opis",
                "delo", "listy"}
    assert required <= glossary_anchors()


@pytest.mark.parametrize("path", LESSONS, ids=name)
def test_first_use_of_every_glossary_term_in_a_lesson_links_to_it(path):
    assert unlinked_terms(markdown_text(path)) == []


def test_every_glossary_link_points_at_an_existing_entry():
    texts = {name(p): markdown_text(p) for p in ALL_NOTEBOOKS}
    for doc in (REPO_DIR / "docs").glob("*.md"):
        texts[f"docs/{doc.name}"] = doc.read_text(encoding="utf-8").replace("](glossary.md#", "](../docs/glossary.md#")
    texts["docs/glossary.md"] = GLOSSARY_PATH.read_text(encoding="utf-8").replace("](#", "](../docs/glossary.md#")
    texts["README.md"] = (REPO_DIR / "README.md").read_text(encoding="utf-8").replace("](docs/", "](../docs/")
    for where, text in texts.items():
        assert broken_glossary_links(text) == [], where


def test_unlinked_terms_ignores_code_and_other_terms_links():
    assert unlinked_terms("`stopwords` and a [type-token ratio](../docs/glossary.md#type-token-ratio)") == []
    assert unlinked_terms("[tokens](../docs/glossary.md#type) here") != []  # linked, but to the wrong entry


# --------------------------------------------------------------------------- safe regeneration
@pytest.fixture
def fake_repo(tmp_path, monkeypatch):
    (tmp_path / "solutions").mkdir()
    (tmp_path / "exercises").mkdir()
    monkeypatch.setattr(exercises, "SOLUTIONS_DIR", tmp_path / "solutions")
    monkeypatch.setattr(exercises, "EXERCISES_DIR", tmp_path / "exercises")

    def write_solution(answer):
        cells = [nbformat.v4.new_markdown_cell("Task"), nbformat.v4.new_code_cell(f"### BEGIN SOLUTION\nx = {answer}\n### END SOLUTION")]
        nbformat.write(nbformat.v4.new_notebook(cells=cells), tmp_path / "solutions" / "09-x.ipynb")

    write_solution(1)
    assert exercises.write_exercises() == ["09-x.ipynb"]
    return tmp_path, write_solution


def _edit_exercise(tmp_path, text="My own notes"):
    path = tmp_path / "exercises" / "09-x.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[0].source = text
    nbformat.write(notebook, path)
    return path


def test_regeneration_overwrites_an_unmodified_exercise(fake_repo):
    tmp_path, write_solution = fake_repo
    write_solution(2)
    assert exercises.stale_exercises() != []
    assert exercises.write_exercises() == ["09-x.ipynb"]
    assert exercises.stale_exercises() == [] and not (tmp_path / "exercises" / "backups").exists()
    assert exercises.write_exercises() == []


def test_regeneration_refuses_to_overwrite_a_hand_edited_exercise_and_names_it(fake_repo):
    tmp_path, write_solution = fake_repo
    edited = _edit_exercise(tmp_path)
    before = edited.read_text(encoding="utf-8")
    write_solution(2)
    with pytest.raises(exercises.ModifiedExerciseError) as refusal:
        exercises.write_exercises()
    assert "exercises/09-x.ipynb" in str(refusal.value) and "--force" in str(refusal.value)
    assert "\n" not in str(refusal.value)
    assert edited.read_text(encoding="utf-8") == before
    assert exercises.main([]) == 1 and edited.read_text(encoding="utf-8") == before
    assert exercises.main(["--check"]) == 1


def test_refusal_also_covers_edits_that_match_nothing_generated(fake_repo):
    tmp_path, _ = fake_repo
    (tmp_path / "exercises" / "09-x.ipynb").write_text("{}", encoding="utf-8")  # not even a notebook now
    with pytest.raises(exercises.ModifiedExerciseError):
        exercises.write_exercises()


def test_forced_regeneration_keeps_a_backup(fake_repo):
    tmp_path, write_solution = fake_repo
    edited = _edit_exercise(tmp_path)
    before = edited.read_text(encoding="utf-8")
    write_solution(2)
    result = exercises.regenerate(force=True)
    assert result.written == ["09-x.ipynb"] and len(result.backups) == 1
    backups = list((tmp_path / "exercises" / "backups").glob("09-x-*.ipynb.bak"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == before
    assert "My own notes" not in edited.read_text(encoding="utf-8")
    assert exercises.stale_exercises() == []
    assert exercises.main(["--check"]) == 0


def test_force_from_the_command_line(fake_repo):
    tmp_path, _ = fake_repo
    _edit_exercise(tmp_path)
    assert exercises.main(["--force"]) == 0
    assert len(list((tmp_path / "exercises" / "backups").iterdir())) == 1


def test_the_repository_exercises_are_stamped_as_generated():
    for path in sorted((REPO_DIR / "exercises").glob("*.ipynb")):
        assert exercises.is_as_generated(path.read_text(encoding="utf-8")), path.name


def test_backups_are_ignored_by_git():
    ignored = subprocess.run(["git", "check-ignore", "-q", "exercises/backups/01-x.ipynb.bak"], cwd=REPO_DIR)
    assert ignored.returncode == 0


# --------------------------------------------------------------------------- citation and licences
def test_citation_cff_cites_the_collection_and_the_cable():
    yaml = pytest.importorskip("yaml")
    citation = yaml.safe_load((REPO_DIR / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0" and citation["authors"] and citation["title"]
    assert set(citation["license"]) == {"MIT", "CC-BY-4.0"}
    cable = citation["references"][0]
    assert cable["url"] == "https://digitalarchive.wilsoncenter.org/document/113789"
    assert "Ll. 49-52" in cable["location"]["name"] and "pp. 495-497" in cable["notes"]


def test_licences_and_terms_of_use_are_in_place():
    assert "MIT License" in (REPO_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "creativecommons.org/licenses/by/4.0" in (REPO_DIR / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    readme = " ".join((REPO_DIR / "README.md").read_text(encoding="utf-8").split())
    data_readme = " ".join((REPO_DIR / "data" / "README.md").read_text(encoding="utf-8").split())
    statement = "The History and Public Policy Program welcomes reuse of Digital Archive materials"
    assert statement in readme and statement in data_readme
    for link in ("docs/instructor-guide.md", "LICENSE", "LICENSE-CONTENT.md", "CITATION.cff"):
        assert f"]({link})" in readme, link


def test_readme_links_every_lesson_on_binder_with_one_placeholder():
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    for lesson in LESSONS:
        assert f"mybinder.org/v2/gh/OWNER/REPOSITORY/HEAD?urlpath=lab/tree/notebooks/{lesson.name}" in readme
    assert "hub/user-redirect/git-pull?repo=https://github.com/OWNER/REPOSITORY" in readme


def _anchors(markdown_path):
    from cablekit.course import heading_anchor

    return {heading_anchor(line.lstrip("#")) for line in markdown_path.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")}


@pytest.mark.parametrize("doc", ["README.md", "docs/instructor-guide.md", "docs/glossary.md", "docs/rubrics.md",
                                 "LICENSE-CONTENT.md"])
def test_relative_links_in_the_docs_resolve(doc):
    import re

    path = REPO_DIR / doc
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # an absolute address
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        assert linked.exists(), f"{doc}: {target}"
        if anchor and linked.suffix == ".md":
            assert anchor in _anchors(linked), f"{doc}: {target}"


# --------------------------------------------------------------------------- commands and environments
import tasks  # noqa: E402  (tasks.py sits in the repository root, which pytest puts on sys.path via conftest's rootdir)

CABLEKIT_COMMANDS = ("nltk", "exercises", "outputs", "manifest", "rubrics", "nbgrader")


def _cablekit(*args, env=None):
    return subprocess.run([sys.executable, "-m", "cablekit", *args], cwd=REPO_DIR, capture_output=True, text=True,
                          env=env, timeout=120)


def _in_process(capsys, *args) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``python -m cablekit ARGS``, run in this process (fast)."""
    from cablekit.__main__ import main

    try:
        code = main(list(args))
    except SystemExit as stop:
        code = stop.code
    said = capsys.readouterr()
    return code, said.out, said.err


@pytest.mark.parametrize("command", CABLEKIT_COMMANDS)
def test_every_command_helps_and_refuses_unknown_options(command, capsys):
    code, out, err = _in_process(capsys, command, "--help")
    assert code == 0 and out.startswith(f"usage: python -m cablekit {command}"), err
    needed = ["/tmp/course"] if command == "nbgrader" else []  # its one required argument
    code, out, err = _in_process(capsys, command, *needed, "--no-such-option")
    assert code == 2 and f"usage: python -m cablekit {command}" in err
    assert "unrecognized arguments: --no-such-option" in err


def test_the_top_level_command_helps_and_refuses():
    """As a real command line: exit codes and no traceback."""
    assert _cablekit("--help").returncode == 0
    unknown = _cablekit("regenerate")
    assert unknown.returncode == 2 and "invalid choice" in unknown.stderr and "Traceback" not in unknown.stderr


#: Runs ``python -m cablekit ARGS`` in a fresh Python, then prints which heavy libraries it imported.
HEAVY_IMPORTS = (
    "import runpy, sys\n"
    "sys.argv = ['cablekit', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('cablekit', run_name='__main__')\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(sorted(m for m in ('pandas', 'nltk', 'matplotlib', 'IPython') if m in sys.modules))\n"
)


@pytest.mark.parametrize("args, imported", [
    (["--help"], "[]"),
    (["manifest", "--check"], "[]"),                       # tasks.py test runs it after every suite
    (["exercises", "--bogus"], "[]"),                      # refused before anything is loaded
    (["nltk"], "['nltk']"),                                # needs NLTK, and nothing else heavy
])
def test_commands_load_only_the_libraries_they_need(args, imported):
    """cablekit imports each name's module on first use, so a command that needs no table or NLTK
    answers in a few hundredths of a second (pandas alone takes a quarter of a second)."""
    done = subprocess.run([sys.executable, "-c", HEAVY_IMPORTS, *args], cwd=REPO_DIR, capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == imported, done.stderr[-2000:]


def test_the_heavy_import_probe_sees_pandas_when_a_table_is_loaded():
    """Control for the test above: the probe reports pandas once a loader is used."""
    probe = HEAVY_IMPORTS.replace("print(", "import cablekit; cablekit.load_table('numbers')\nprint(", 1)
    done = subprocess.run([sys.executable, "-c", probe, "--help"], cwd=REPO_DIR, capture_output=True, text=True,
                          timeout=120)
    assert "'pandas'" in done.stdout.strip().splitlines()[-1], done.stderr[-2000:]


def test_tasks_py_helps_and_refuses_without_setting_up():
    done = subprocess.run([sys.executable, "tasks.py", "--help"], cwd=REPO_DIR, capture_output=True, text=True)
    assert done.returncode == 0 and "set up, then open JupyterLab" in done.stdout and "Installing" not in done.stdout
    refused = subprocess.run([sys.executable, "tasks.py", "labb"], cwd=REPO_DIR, capture_output=True, text=True)
    assert refused.returncode == 2 and "usage: python3 tasks.py" in refused.stderr


def test_outputs_refuses_what_is_not_a_notebook_in_one_line(capsys):
    code, _, err = _in_process(capsys, "outputs", "notebooks/no-such-lesson.ipynb")
    assert code == 2 and err.count("\n") == 1 and "not a notebook file" in err


def test_exercises_check_works_offline_without_nltk_data(tmp_path):
    """No NLTK data anywhere, no network use: the check only reads notebooks."""
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "none"), "HOME": str(tmp_path), "no_proxy": "*",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    done = _cablekit("exercises", "--check", env=env)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
    assert "exercises/ is up to date." in done.stdout or "Run: python3 tasks.py exercises" in done.stdout


def test_the_check_after_a_hand_edit_names_the_command_that_works(fake_repo, capsys):
    tmp_path, _ = fake_repo
    _edit_exercise(tmp_path)
    assert exercises.main(["--check"]) == 1
    said = capsys.readouterr().out
    assert "python3 tasks.py exercises --force" in said and "exercises/backups/" in said and "python -m" not in said
    with pytest.raises(exercises.ModifiedExerciseError) as refusal:  # and the generator, run plainly, agrees
        exercises.write_exercises()
    assert "python3 tasks.py exercises --force" in str(refusal.value)


def test_students_requirements_are_the_runtime_only():
    def names(file):
        return {re.split(r"[=<>\[ ]", line.strip())[0].lower() for line in (REPO_DIR / file).read_text().splitlines()
                if line.strip() and not line.startswith(("#", "-"))}

    runtime, dev = names("requirements.txt"), names("requirements-dev.txt")
    # jsonschema is jupyterlab's own dependency, pinned (requirements.txt says why), not an extra package
    assert runtime == {"jupyterlab", "ipywidgets", "ipykernel", "nltk", "seaborn", "pandas", "matplotlib", "numpy",
                       "jsonschema"}
    assert {"pytest", "nbval", "pytest-xdist", "playwright", "sphinx", "myst-nb"} <= dev
    assert "-e ." in (REPO_DIR / "requirements.txt").read_text().splitlines()
    grading = (REPO_DIR / "requirements-grading.txt").read_text()
    assert "-r requirements.txt" in grading and "nbgrader==" in grading
    for file in ("requirements.txt", "requirements-dev.txt", "requirements-grading.txt"):
        for line in (REPO_DIR / file).read_text().splitlines():
            if line.strip() and not line.startswith(("#", "-")):
                assert re.fullmatch(r"[\w.-]+==[\w.]+", line.strip()), f"{file}: not an exact pin: {line}"


def test_install_stamps_reinstall_only_what_changed(tmp_path, monkeypatch):
    """tasks.install runs pip only for a changed requirements file (and all files together then)."""
    root = tmp_path / "repo"
    root.mkdir()
    for name, text in (("pyproject.toml", "[project]\n"), ("requirements.txt", "a==1\n"),
                       ("requirements-dev.txt", "b==1\n"), ("requirements-grading.txt", "-r requirements.txt\nc==1\n")):
        (root / name).write_text(text)
    monkeypatch.setattr(tasks, "ROOT", root)
    env = tmp_path / "env"
    (env / "bin").mkdir(parents=True)
    (env / "bin" / "python").write_text("")  # exists: no venv is created
    calls = []
    monkeypatch.setattr(tasks, "run", lambda *args, **kw: calls.append([str(a) for a in args]))
    tasks.install(env, ["requirements.txt"])
    tasks.install(env, ["requirements.txt"])
    assert len(calls) == 1 and calls[0][-2:] == ["-r", "requirements.txt"]
    tasks.install(env, ["requirements.txt", "requirements-dev.txt"])
    assert len(calls) == 2 and calls[1][-4:] == ["-r", "requirements.txt", "-r", "requirements-dev.txt"]
    (root / "requirements-dev.txt").write_text("b==2\n")
    tasks.install(env, ["requirements.txt"])
    assert len(calls) == 2  # the lab's runtime did not change
    tasks.install(env, ["requirements.txt", "requirements-dev.txt"])
    assert len(calls) == 3
    tasks.install(env, ["requirements-grading.txt"])
    (root / "requirements.txt").write_text("a==2\n")  # included with -r: the grading file counts as changed
    tasks.install(env, ["requirements-grading.txt"])
    assert len(calls) == 5


def test_lab_serves_the_root_and_opens_lesson_0():
    command = tasks.lab_command(python="python", port=8888, token="t", open_browser=False)
    assert command[:4] == ["python", "-m", "jupyter", "lab"]
    assert f"--ServerApp.root_dir={tasks.ROOT}" in command and "--no-browser" in command
    assert f"--LabApp.default_url=/lab/tree/{tasks.START_NOTEBOOK}" in command
    assert (tasks.ROOT / tasks.START_NOTEBOOK).exists()


def test_binder_gets_the_same_lab_settings_as_tasks_py():
    post_build = (REPO_DIR / "postBuild").read_text()
    assert "set -euo pipefail" in post_build and "python -m cablekit nltk" in post_build
    assert "cp jupyterlab-settings/overrides.d/cablekit.json" in post_build and "lab/settings/overrides.d" in post_build
    assert tasks.LAB_SETTINGS.relative_to(tasks.ROOT).as_posix() == "jupyterlab-settings/overrides.d/cablekit.json"
    pyproject = (REPO_DIR / "pyproject.toml").read_text()  # a regular install (a hub image) ships them too
    assert '"share/jupyter/lab/settings/overrides.d" = ["jupyterlab-settings/overrides.d/cablekit.json"]' in pyproject
    settings = __import__("json").loads(tasks.LAB_SETTINGS.read_text())
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    # the kernel settings (one-line NameError from the first cell): the same file, the same place
    assert "cp ipython-settings/ipython_kernel_config.py" in post_build and "/etc/ipython" in post_build
    assert tasks.SETTINGS[tasks.KERNEL_SETTINGS].as_posix() == "etc/ipython/ipython_kernel_config.py"


def test_ci_installs_every_environment_and_runs_the_readme_command():
    ci = (REPO_DIR / ".ci" / "run").read_text()
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    assert "python3 tasks.py setup --all" in ci and ci.rstrip().endswith("python3 tasks.py test")
    assert "python3 tasks.py test" in readme and "NLTK_DATA" in ci and "chromium" in ci
