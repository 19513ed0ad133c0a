"""Course plumbing: nbgrader markers, interpretive questions and their rubrics, glossary links.

    python3 tasks.py rubrics             # rewrite docs/rubrics.md from solutions/
    python3 tasks.py rubrics --check     # exit 1 if docs/rubrics.md is out of date
    (inside the environment: python -m cablekit rubrics [--check])

The rubrics are written once, beside the model answers in ``solutions/``; ``docs/rubrics.md``
is generated from them, so the instructor guide never repeats them by hand. The same module
says which glossary terms a lesson uses and whether their first use links to the glossary.
"""
from __future__ import annotations

import copy
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from cablekit.data import REPO_DIR
from cablekit.exercises import BEGIN, END, SOLUTIONS_DIR

DOCS_DIR = REPO_DIR / "docs"
RUBRICS_PATH = DOCS_DIR / "rubrics.md"
GLOSSARY_PATH = DOCS_DIR / "glossary.md"
LESSONS_DIR = REPO_DIR / "notebooks"
CHECK_CALL = re.compile(r"""\bcheck\(\s*["']""")
LEVEL = re.compile(r"\*\*(Strong|Adequate|Beginning|Excellent|Developing|Missing):\*\*")

# Glossary anchor -> the words that count as a use of the term in a lesson's Markdown.
# Patterns are case-insensitive unless they start with (?-i:...).
GLOSSARY_TERMS: dict[str, str] = {
    "token": r"\btokens?\b",
    "type": r"\btypes\b",
    "type-token-ratio": r"\btype-token ratio\b|\bTTR\b",
    "stopword": r"\bstop ?words?\b",
    "stem": r"\bstem(s|med|ming|mer|mers)?\b",
    "corpus": r"\bcorpus\b|\bcorpora\b",
    "reference-corpus": r"\breference corp(us|ora)\b",
    "concordance": r"\bconcordances?\b",
    "keyword-in-context": r"\bkeyword[- ]in[- ]context\b|\bKWIC\b",
    "dispersion": r"\bdispersion\b",
    "zipfs-law": r"\bZipf",
    "collocation": r"\bcollocations?\b",
    "n-gram": r"\bn-grams?\b|\bbigrams?\b|\btrigrams?\b",
    "pmi": r"(?-i:\bPMI\b)|\bpointwise mutual information\b",
    "keyness": r"\bkeyness\b",
    "log-likelihood": r"\blog-likelihood\b|G²",
    "log-ratio": r"\blog ratio\b",
    "statistical-significance": r"\bstatistically significant\b|\bsignificance\b",
    "part-of-speech-tag": r"\bpart[- ]of[- ]speech\b",
    "passive-voice": r"\bpassives?\b",
    "modality": r"\bmodality\b|\bmodal verbs?\b",
    "hedging": r"\bhedg(e|es|ed|ing)\b",
    "intensifier": r"\bintensifiers?\b",
    "sentiment-analysis": r"\bsentiment\b",
    "vader": r"(?-i:\bVADER\b)",
    "regular-expression": r"\bregular expressions?\b",
    "transliteration": r"\btransliterat\w*",
    "pinyin": r"\bpinyin\b",
    "call-number": r"\bcall numbers?\b",
    "fond": r"\bfonds?\b",
    "opis": r"\bopis\b",
    "delo": r"\bdelo\b",
    "listy": r"\blisty\b",
    "boolean-mask": r"\bboolean masks?\b",
    "significant-figures": r"\bsignificant figures?\b",
    "chunking": r"\bchunking\b",
    "finite-clause": r"\bfinite clauses?\b",
    "transitivity": r"\btransitivity\b",
    "p-value": r"\bp-values?\b",
    "degrees-of-freedom": r"\bdegrees? of freedom\b",
    "expected-count": r"\bexpected counts?\b",
    "effect-size": r"\beffect sizes?\b",
    "multiple-comparisons": r"\bmultiple comparisons?\b",
    "power": r"\bstatistical power\b",
    "log-scale": r"\blog(arithmic)? scales?\b",
}
GLOSSARY_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\((?:\.\./)?docs/glossary\.md#([\w-]+)\)")
_IGNORED = re.compile(r"`[^`\n]*`|\]\([^)]*\)|https?://\S+|^#.*$", re.M)


def marker_problems(notebook: nbformat.NotebookNode, name: str = "notebook") -> list[str]:
    """Every way the nbgrader solution markers in one notebook break the rules, as messages.

    The rules: each ``### BEGIN SOLUTION`` is closed by an ``### END SOLUTION`` in the same cell
    before the next BEGIN (balanced, not nested); markers appear only in code or Markdown cells;
    and never in a self-check cell (one that calls ``check(...)``).

    >>> ok = nbformat.v4.new_markdown_cell("Q?\\n### BEGIN SOLUTION\\nA.\\n### END SOLUTION")
    >>> marker_problems(nbformat.v4.new_notebook(cells=[ok]))
    []
    >>> bad = nbformat.v4.new_code_cell("### BEGIN SOLUTION\\nx = 1\\ncheck('q', x)")
    >>> marker_problems(nbformat.v4.new_notebook(cells=[bad]), "nb")
    ['nb cell 0: BEGIN SOLUTION at line 1 is never closed', 'nb cell 0: solution markers in a self-check cell']
    """
    problems = []
    for index, cell in enumerate(notebook.cells):
        where = f"{name} cell {index}"
        lines = cell.source.splitlines()
        markers = [(n, line.strip()) for n, line in enumerate(lines, 1) if BEGIN in line or END in line]
        if not markers:
            continue
        if cell.cell_type not in ("code", "markdown"):
            problems.append(f"{where}: solution markers in a {cell.cell_type} cell")
        open_at = None
        for number, line in markers:
            if line == BEGIN:
                if open_at is not None:
                    problems.append(f"{where}: BEGIN SOLUTION at line {number} is nested in the one at line {open_at}")
                open_at = number
            elif line == END:
                if open_at is None:
                    problems.append(f"{where}: END SOLUTION at line {number} has no BEGIN")
                open_at = None
            else:
                problems.append(f"{where}: line {number} must be exactly {BEGIN!r} or {END!r} (nbgrader matches whole lines)")
        if open_at is not None:
            problems.append(f"{where}: BEGIN SOLUTION at line {open_at} is never closed")
        if CHECK_CALL.search(cell.source):
            problems.append(f"{where}: solution markers in a self-check cell")
    return problems


@dataclass
class Interpretive:
    """One interpretive question from a solution notebook."""

    notebook: str
    heading: str
    prompt: str
    model_answer: str
    rubric: str


def interpretive_questions(path: Path) -> list[Interpretive]:
    """The Markdown questions with a solution region in one solution notebook, in order.

    A Markdown cell may hold several questions, each under its own ``## Task`` heading.

    >>> questions = interpretive_questions(SOLUTIONS_DIR / "00-start-here.ipynb")
    >>> all("interpretive" in q.heading and q.model_answer and q.rubric for q in questions), len(questions) > 0
    (True, True)
    """
    notebook = nbformat.read(path, as_version=4)
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for section in re.split(r"(?m)^(?=## )", cell.source):
            if BEGIN not in section or not section.startswith("## "):
                continue
            heading, _, body = section.partition("\n")
            prompt, _, rest = body.partition(BEGIN)
            region = rest.partition(END)[0].strip()
            answer, _, rubric = region.partition("*Rubric.*")
            answer = answer.replace("*Model answer.*", "", 1).strip() if "*Model answer.*" in answer else ""
            found.append(Interpretive(path.name, heading[3:].strip(), prompt.strip(), answer,
                                      f"*Rubric.*{rubric}".strip() if rubric else ""))
    return found


def interpretive_headings_without_solution(path: Path) -> list[str]:
    """Task headings that say "interpretive" but have no solution region under them.

    >>> interpretive_headings_without_solution(SOLUTIONS_DIR / "00-start-here.ipynb")
    []
    """
    return [section.partition("\n")[0] for section in re.split(r"(?m)^(?=## )", markdown_text(path))
            if re.match(r"## Task.*interpretive", section) and BEGIN not in section]


def rubric_problems(question: Interpretive) -> list[str]:
    """What a question's model answer and rubric lack: an answer, criteria, 3 or 4 levels.

    >>> q = Interpretive("nb", "Task 1", "Why?", "Because the text says so, in point 2, twice.",
    ...                  "*Rubric.* Criteria: x. **Strong:** a **Adequate:** b")
    >>> rubric_problems(q)
    ['nb Task 1: the rubric has 2 levels; give 3 or 4']
    """
    where = f"{question.notebook} {question.heading.split(':')[0]}"
    problems = []
    if len(question.model_answer) < 40:
        problems.append(f"{where}: no model answer (start it with *Model answer.*)")
    if not question.rubric:
        problems.append(f"{where}: no rubric (start it with *Rubric.*)")
        return problems
    if "Criteria:" not in question.rubric:
        problems.append(f"{where}: the rubric names no criteria (Criteria: ...)")
    levels = LEVEL.findall(question.rubric)
    if not 3 <= len(levels) <= 4 or len(set(levels)) != len(levels):
        problems.append(f"{where}: the rubric has {len(levels)} levels; give 3 or 4")
    return problems


def _lesson_title(path: Path) -> str:
    first = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0]
    return first.lstrip("# ").strip()


def rubrics_markdown(solutions_dir: Path | None = None) -> str:
    """The text of docs/rubrics.md: every interpretive question, model answer and rubric.

    >>> rubrics_markdown().startswith("# Rubrics for the interpretive questions")
    True
    """
    solutions_dir = solutions_dir or SOLUTIONS_DIR
    parts = [
        "# Rubrics for the interpretive questions",
        "",
        "<!-- Generated by `python3 tasks.py rubrics` from solutions/. Do not edit: edit the "
        "solution notebook and regenerate; a test fails when this file is out of date. -->",
        "",
        "Every interpretive question in the exercises, with its model answer and rubric, collected "
        "from the solution notebooks, where they are written once (inside the nbgrader solution "
        "markers, so students' exercise notebooks do not contain them). Levels describe an answer "
        "as a whole; use the criteria to say what to add next. See the "
        "[instructor guide](instructor-guide.md) for how to use them.",
    ]
    for path in sorted(solutions_dir.glob("*.ipynb")):
        questions = interpretive_questions(path)
        if not questions:
            continue
        parts += ["", f"## {_lesson_title(path)}", "",
                  f"Solution notebook: [solutions/{path.name}](../solutions/{path.name})."]
        for question in questions:
            parts += ["", f"### {question.heading}", "", "**Question.** " + question.prompt, "",
                      "**Model answer.** " + question.model_answer, "", question.rubric]
    return "\n".join(parts) + "\n"


def heading_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading.

    >>> heading_anchor("Keyword in context (KWIC)")
    'keyword-in-context-kwic'
    >>> heading_anchor("Zipf's law")
    'zipfs-law'
    """
    slug = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return slug.replace(" ", "-")


def glossary_anchors(path: Path | None = None) -> set[str]:
    """The anchors of the glossary's entries (its ``###`` headings).

    >>> {"token", "vader", "listy"} <= glossary_anchors()
    True
    """
    text = (path or GLOSSARY_PATH).read_text(encoding="utf-8")
    return {heading_anchor(line[4:]) for line in text.splitlines() if line.startswith("### ")}


def markdown_text(path: Path) -> str:
    """All the Markdown cells of a notebook, joined by blank lines.

    >>> "Lesson 2" in markdown_text(LESSONS_DIR / "02-word-frequencies.ipynb")
    True
    """
    notebook = nbformat.read(path, as_version=4)
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def _first_use(text: str, anchor: str) -> re.Match | None:
    """The first use of a glossary term outside code, link targets, URLs, headings and other terms' links."""
    masked = list(text)
    for match in _IGNORED.finditer(text):
        masked[match.start():match.end()] = " " * (match.end() - match.start())
    for link in GLOSSARY_LINK.finditer(text):
        other = link.group(2)
        # a use inside another term's link ("[type-token ratio](...)") belongs to that term
        if other != anchor and other in GLOSSARY_TERMS and re.search(GLOSSARY_TERMS[other], link.group(1), re.I):
            masked[link.start():link.end()] = " " * (link.end() - link.start())
    return re.search(GLOSSARY_TERMS[anchor], "".join(masked), re.I)


def unlinked_terms(text: str) -> list[str]:
    """Glossary terms whose first use in a Markdown text is not a link to their entry.

    >>> unlinked_terms("A [token](../docs/glossary.md#token) is a token; PMI comes later.")
    ['pmi: "PMI" in "...(../docs/glossary.md#token) is a token; PMI comes later...."']
    >>> unlinked_terms("`tokens` and [PMI](../docs/glossary.md#pmi)")
    []
    """
    links = [(m.start(), m.end(), m.group(2)) for m in GLOSSARY_LINK.finditer(text)]
    problems = []
    for anchor in GLOSSARY_TERMS:
        use = _first_use(text, anchor)
        if use is None:
            continue
        if not any(start <= use.start() and use.end() <= end and target == anchor for start, end, target in links):
            context = text[max(0, use.start() - 40):use.end() + 40].replace("\n", " ")
            problems.append(f'{anchor}: "{use.group(0)}" in "...{context}..."')
    return problems


def broken_glossary_links(text: str, anchors: set[str] | None = None) -> list[str]:
    """Glossary links in a text whose anchor the glossary does not have.

    >>> broken_glossary_links("[x](../docs/glossary.md#nope) [t](../docs/glossary.md#token)")
    ['#nope']
    """
    anchors = glossary_anchors() if anchors is None else anchors
    return [f"#{m.group(2)}" for m in GLOSSARY_LINK.finditer(text) if m.group(2) not in anchors]


def main(argv: list[str]) -> int:
    """Command line: write docs/rubrics.md, or with ``--check`` report whether it is current."""
    text = rubrics_markdown()
    current = RUBRICS_PATH.read_text(encoding="utf-8") if RUBRICS_PATH.exists() else None
    if "--check" in argv:
        if current != text:
            print("docs/rubrics.md is out of date. Run: python3 tasks.py rubrics")
            return 1
        print("docs/rubrics.md is up to date.")
        return 0
    if current == text:
        print("docs/rubrics.md was already up to date.")
        return 0
    DOCS_DIR.mkdir(exist_ok=True)
    RUBRICS_PATH.write_text(text, encoding="utf-8")
    print("Wrote docs/rubrics.md.")
    return 0


# --------------------------------------------------------------------------- nbgrader
#: What nbgrader grades, decided once (the instructor guide explains it):
#: - a self-check cell ``check("NN-qK", answer)`` becomes an autograder test cell worth 1 point; a hidden
#:   test (removed from the students' copy by nbgrader, restored when autograding) asserts
#:   ``is_correct("NN-qK", answer)``, so students see exactly the cell exercises/ has;
#: - a code cell with a solution region is an autograded answer cell (the students' cell);
#: - a Markdown cell with a solution region is a manually graded answer worth 3 points (the rubric levels).
CHECK_POINTS, WRITTEN_POINTS = 1, 3
_CHECK_STATEMENT = re.compile(r"""^check\(\s*(["'])(?P<qid>[\w-]+)\1\s*,\s*(?P<answer>.+?)\s*\)\s*$""", re.M)


def _nbgrader_metadata(grade_id: str, *, solution: bool, grade: bool, points: int = 0) -> dict:
    metadata = {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": 3,
                "solution": solution, "task": False}
    if grade:
        metadata["points"] = points
    return metadata


def nbgrader_source(solution: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    """A solution notebook marked up for nbgrader: answer cells, hidden tests in the self-check cells,
    manually graded written answers. The repository's notebooks stay free of grader metadata.

    Raises ``CableKitError`` where nbgrader could not grade by cell: two written tasks in one cell.

    >>> cells = [nbformat.v4.new_code_cell("x = ...\\n### BEGIN SOLUTION\\nx = 6\\n### END SOLUTION"),
    ...          nbformat.v4.new_code_cell('check("00-q1", x)')]
    >>> marked = nbgrader_source(nbformat.v4.new_notebook(cells=cells))
    >>> [c.metadata["nbgrader"]["grade_id"] for c in marked.cells]
    ['00-q1-answer', '00-q1-test']
    >>> print(marked.cells[1].source)
    check("00-q1", x)
    ### BEGIN HIDDEN TESTS
    from cablekit import is_correct
    assert is_correct("00-q1", x), "00-q1 is not correct"
    ### END HIDDEN TESTS
    """
    from cablekit.errors import CableKitError

    marked = nbformat.from_dict(copy.deepcopy(solution))
    problems = marker_problems(marked, name)
    written = 0
    for index, cell in enumerate(marked.cells):
        regions = cell.source.count(BEGIN)
        if cell.cell_type == "markdown" and regions:
            written += 1
            if regions > 1:
                problems.append(f"{name} cell {index}: {regions} written tasks in one Markdown cell; nbgrader grades "
                                "by cell, so give each its own cell")
            cell.metadata["nbgrader"] = _nbgrader_metadata(f"written-{written}", solution=True, grade=True,
                                                           points=WRITTEN_POINTS)
        elif cell.cell_type == "code" and (checks := list(_CHECK_STATEMENT.finditer(cell.source))):
            tests = [f'assert is_correct("{m["qid"]}", {m["answer"]}), "{m["qid"]} is not correct"' for m in checks]
            cell.source = "\n".join([cell.source.rstrip("\n"), "### BEGIN HIDDEN TESTS",
                                     "from cablekit import is_correct", *tests, "### END HIDDEN TESTS"])
            cell.metadata["nbgrader"] = _nbgrader_metadata(f"{checks[0]['qid']}-test", solution=False, grade=True,
                                                           points=CHECK_POINTS * len(checks))
            answer = next((c for c in reversed(marked.cells[:index]) if c.cell_type == "code"), None)
            if answer is not None and BEGIN in answer.source and "nbgrader" not in answer.metadata:
                answer.metadata["nbgrader"] = _nbgrader_metadata(f"{checks[0]['qid']}-answer", solution=True,
                                                                 grade=False)
    for index, cell in enumerate(marked.cells):  # answer regions with no self-check after them
        if cell.cell_type == "code" and BEGIN in cell.source and "nbgrader" not in cell.metadata:
            cell.metadata["nbgrader"] = _nbgrader_metadata(f"answer-{index}", solution=True, grade=False)
    if problems:
        raise CableKitError("; ".join(problems))
    return marked


def assignment_name(notebook: Path) -> str:
    """nbgrader's assignment name for a solution notebook: ``lesson`` and its number.

    >>> assignment_name(Path("solutions/02b-keyness.ipynb"))
    'lesson02b'
    """
    return "lesson" + notebook.name.split("-", 1)[0]


def write_nbgrader_course(course: Path, notebooks: list[Path] | None = None) -> tuple[list[Path], list[str]]:
    """Write an nbgrader course folder's ``source/``: one assignment per solution notebook, marked up,
    and the collection's nbgrader_config.py (unless the folder has one).

    Returns (notebooks written, problems): a notebook nbgrader could not grade is named, not written.

    >>> write_nbgrader_course(Path("/tmp/cable-course"))  # doctest: +SKIP
    ([PosixPath('/tmp/cable-course/source/lesson00/00-start-here.ipynb'), ...], [])
    """
    from cablekit.errors import CableKitError

    course.mkdir(parents=True, exist_ok=True)
    config = course / "nbgrader_config.py"
    if not config.exists():
        shutil.copyfile(REPO_DIR / "nbgrader_config.py", config)
    written, problems = [], []
    for path in notebooks or sorted(SOLUTIONS_DIR.glob("*.ipynb")):
        try:
            marked = nbgrader_source(nbformat.read(path, as_version=4), f"solutions/{path.name}")
        except CableKitError as problem:
            problems.append(str(problem))
            continue
        target = course / "source" / assignment_name(path) / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(marked, target)
        written.append(target)
    return written, problems


def nbgrader_main(argv: list[str]) -> int:
    """Command line: ``COURSE [NOTEBOOK ...]`` (checked by ``python -m cablekit nbgrader``).

    >>> nbgrader_main(["/tmp/cable-course", "solutions/00-start-here.ipynb"])  # doctest: +SKIP
    Wrote /tmp/cable-course/source/lesson00/00-start-here.ipynb
    Next, in /tmp/cable-course: nbgrader generate_assignment lesson00
    0
    """
    course, names = Path(argv[0]), argv[1:]
    missing = [n for n in names if not Path(n).is_file()]
    if missing:
        print(f"Not a notebook file: {', '.join(missing)}; name solution notebooks like solutions/01-close-reading.ipynb.",
              file=sys.stderr)
        return 2
    written, problems = write_nbgrader_course(course, [Path(n).resolve() for n in names] or None)
    for path in written:
        print(f"Wrote {path}")
    for problem in problems:
        print(f"Not written: {problem}", file=sys.stderr)
    if written:
        print(f"Next, in {course}: nbgrader generate_assignment {assignment_name(written[0])}")
    return 1 if problems else 0
