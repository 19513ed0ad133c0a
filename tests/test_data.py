"""data/: the cable is a faithful copy of the captured page, and the tables hang together."""
import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from cablekit import DATA_DIR, POINT_ORDER, load_metadata, load_paragraphs, load_table, load_text, table_names
from cablekit.manifest import differences

SEED = DATA_DIR.parent.parent / "shared" / "seed" / "000_01f32a1e3a5b1e00.txt"
PAGE_FURNITURE = ["Search in", "get citation", "share document", "English HTML", "•", "Digital Archive International History Declassified"]


def test_manifest_matches_data():
    assert differences() == []


def test_manifest_names_a_changed_file(tmp_path, monkeypatch):
    import cablekit.manifest as manifest

    copy = tmp_path / "data"
    copy.mkdir()
    for path in DATA_DIR.iterdir():
        if path.is_file():
            (copy / path.name).write_bytes(path.read_bytes())
    (copy / "cable.txt").write_text("tampered\n", encoding="utf-8")
    monkeypatch.setattr(manifest, "DATA_DIR", copy)
    monkeypatch.setattr(manifest, "MANIFEST", copy / "MANIFEST.sha256")
    assert manifest.differences() == ["data/cable.txt: changed since the manifest was written"]


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside this checkout")
def test_cable_is_the_seed_body_with_only_the_recorded_change():
    seed = SEED.read_text(encoding="utf-8")
    body = seed[seed.index("Comrade Stalin!"): seed.rindex("Mao Zedong") + len("Mao Zedong")]
    # the one recorded change (data/README.md): a page line break inside "larger and larger" joined
    assert body.replace("growing larger\nand larger", "growing larger and larger") + "\n" == load_text()


def test_cable_starts_and_ends_with_the_body_and_has_no_page_furniture():
    text = load_text()
    assert text.startswith("Comrade Stalin!\n") and text.endswith("\nMao Zedong\n")
    for furniture in PAGE_FURNITURE:
        assert furniture not in text
    assert "growing larger and larger" in text


def test_cable_keeps_every_bracket_and_sic():
    text = load_text()
    assert text.count("[sic") == 3
    assert re.fullmatch(r"[^\[\]]*(\[[^\[\]]*\][^\[\]]*)*", text), "brackets are unbalanced or nested"


def test_paragraphs_rebuild_the_cable_exactly():
    rebuilt = []
    for row in load_paragraphs().itertuples():
        label = f"{row.point}. " if row.point.isdigit() and row.paragraph_in_point == 1 else ""
        rebuilt.append(label + row.text)
    assert "\n\n".join(rebuilt) + "\n" == load_text()


def test_paragraphs_structure():
    paragraphs = pd.read_csv(DATA_DIR / "paragraphs.csv")  # one line with plain pandas
    assert paragraphs["paragraph_id"].is_unique
    assert list(paragraphs.columns) == ["paragraph_id", "point", "paragraph_in_point", "text"]
    loaded = load_paragraphs()
    assert list(loaded["point"].cat.categories) == POINT_ORDER
    assert loaded["point"].is_monotonic_increasing
    numbered = [p for p in loaded["point"].unique() if p.isdigit()]
    assert numbered == [str(n) for n in range(1, 13)]


def test_every_numbered_point_in_the_text_is_a_point_in_the_table():
    labels = re.findall(r"^(\d{1,2})\. ", load_text(), re.M)
    assert labels == [str(n) for n in range(1, 13)]


def test_metadata_has_what_a_citation_needs():
    meta = load_metadata()
    assert meta["date"] == "1948-12-30"
    assert meta["archive"]["call_number"] == "APRF: F. 39, Op. 1, D. 31, Ll. 49-52"
    for term in ("fond", "opis", "delo", "listy"):
        assert meta["archive"][term]["meaning"].startswith(term)
    assert meta["translator"] == "Sergey Radchenko"
    assert meta["printed_source"]["pages"] == "495-497"
    assert meta["digital_archive_record"]["url"].startswith("https://digitalarchive.wilsoncenter.org/")


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside this checkout")
def test_metadata_summary_and_citation_are_exactly_as_published():
    seed = SEED.read_text(encoding="utf-8")
    meta = load_metadata()
    assert meta["archive_summary"] in seed
    assert meta["archive_citation"] in seed


def test_every_table_is_documented_in_the_data_readme():
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    for path in sorted(DATA_DIR.iterdir()):
        if path.name != "README.md" and path.is_file():
            assert f"`{path.name}`" in readme, f"data/README.md does not describe {path.name}"
    for name in table_names():
        for column in load_table(name).columns:
            assert f"`{column}`" in readme, f"data/README.md does not describe column {column!r} of {name}.csv"


def test_every_table_has_a_header_and_a_source_or_quote_column():
    for name in table_names():
        table = load_table(name)
        assert len(table) > 0
        assert table.columns.is_unique
        if name != "paragraphs":  # the cable itself
            # clauses.csv quotes the cable verbatim in its `clause` column (tests/test_lesson03.py checks it)
            ties = ("source", "quote", "sources", "reason") + (("clause",) if name == "clauses" else ())
            assert any(c in table.columns for c in ties), name


# ------------------------------------------------------------------ sources policy (data/README.md)
# Written out here, independently of the lessons: the highest confidence each kind of source allows.
CEILING = {"scholarship": "high", "document": "high", "official PRC": "high", "press": "high",
           "encyclopedia": "medium", "popular history": "medium", "contested book": "low", "unpublished review": "low"}
RANK = {"low": 0, "medium": 1, "high": 2}
# marks of an unauthorised copy of a book, or of a book read only in one
UNAUTHORISED = ("read in an online copy", "rongwp.com", "bibliboba", "whosread.com", "100-vampirenovels")
QUESTIONS_DIR = DATA_DIR.parent / "cablekit" / "questions"
NOTEBOOKS = sorted((DATA_DIR.parent / "notebooks").glob("*.ipynb")) + sorted((DATA_DIR.parent / "solutions").glob("*.ipynb"))


def policy_citable(refs: pd.DataFrame) -> pd.DataFrame:
    """The policy's rule: high or medium, not contested, verified."""
    return refs[refs["confidence"].isin(["high", "medium"]) & (refs["contested"] == "no") & (refs["verified"] == "yes")]


def test_sources_policy_columns_and_values():
    refs = load_table("reference_figures")
    for column in ("source_kind", "confidence", "contested", "verified"):
        assert refs[column].notna().all(), f"reference_figures.csv: {column} is empty somewhere"
    assert set(refs["contested"]) <= {"yes", "no"} and set(refs["verified"]) <= {"yes", "no"}
    forecasts = load_table("forecasts")
    for table, name in ((refs, "reference_figures"), (forecasts, "forecasts")):
        for row in table.itertuples():
            kinds = [kind.strip() for kind in row.source_kind.split(";")]
            assert all(kind in CEILING for kind in kinds), f"{name} {row[1]}: unknown source_kind {row.source_kind!r}"
            best = max(RANK[CEILING[kind]] for kind in kinds)
            assert RANK[row.confidence] <= best, f"{name} {row[1]}: {row.confidence} is above what {row.source_kind} allows"


def test_contested_sources_are_low_and_every_figure_cites_a_page_or_an_address():
    refs = load_table("reference_figures")
    assert (refs.loc[refs["contested"] == "yes", "confidence"] == "low").all()
    for row in refs.itertuples():
        has_url = isinstance(row.source_url, str) and row.source_url.startswith("http")
        has_page = isinstance(row.source_page, str) and row.source_page.strip()
        assert has_url or has_page, f"{row.figure_id}: cite a page or the address of a legitimate copy"


def test_no_unauthorised_copy_is_cited():
    for name in ("reference_figures", "forecasts"):
        table = load_table(name)
        for column in ("source", "source_url", "note"):
            for value in table[column].dropna():
                for mark in UNAUTHORISED:
                    assert mark not in value, f"{name}.csv {column}: {mark!r}"


def _modules_reading_reference_figures():
    import importlib

    for path in sorted(QUESTIONS_DIR.glob("lesson*.py")):
        if "reference_figures" in path.read_text(encoding="utf-8"):
            yield importlib.import_module(f"cablekit.questions.{path.stem}")


def _expected_values(module, keep):
    """Every expected answer of a question module, with reference_figures.csv cut down to keep(refs)."""
    from cablekit.checks import QUESTIONS

    real = module.load_table

    def load(name, *args, **kwargs):
        table = real(name, *args, **kwargs)
        return keep(table) if name == "reference_figures" else table

    prefix = module.__name__.rsplit("lesson", 1)[1] + "-"
    qids = sorted(qid for qid in QUESTIONS if qid.startswith(prefix))
    module.load_table = load
    try:
        return {qid: QUESTIONS[qid].expected() for qid in qids}
    finally:
        module.load_table = real


def test_no_graded_answer_rests_on_a_weak_source():
    """Policy 5: removing every row that is low, contested or unverified changes no expected answer."""
    modules = list(_modules_reading_reference_figures())
    assert modules, "no question module reads reference_figures.csv: this test would test nothing"
    for module in modules:
        full = _expected_values(module, lambda refs: refs)
        strict = _expected_values(module, policy_citable)
        assert full == strict, f"{module.__name__}: an answer depends on a weak row: {full} vs {strict}"


def test_the_policy_test_can_fail():
    """The same comparison notices when answers do depend on the rows removed (here: the citable ones)."""
    changed = []
    for module in _modules_reading_reference_figures():
        full = _expected_values(module, lambda refs: refs)
        try:
            weak_only = _expected_values(module, lambda refs: refs.drop(policy_citable(refs).index))
        except Exception:   # an answer that cannot even be computed without the citable rows depends on them
            changed.append(module.__name__)
            continue
        if weak_only != full:
            changed.append(module.__name__)
    assert changed


def _code_cells(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


def test_no_chart_rests_on_a_weak_source():
    """Policy 5 for charts: a cell that draws reads historians' figures only through `citable`, and every
    reference-figure id a notebook names in code is citable."""
    refs = load_table("reference_figures")
    good = set(policy_citable(refs)["figure_id"])
    for path in NOTEBOOKS:
        for source in _code_cells(path):
            for figure_id in re.findall(r"[\"'](r\d{2})[\"']", source):
                assert figure_id in good, f"{path.name}: code uses {figure_id}, which the policy rules out"
            if "plt.subplots" in source:
                assert not re.search(r"\brefs\b", source), f"{path.name}: a chart cell reads refs; use citable rows"


def test_data_is_read_only_while_the_suite_runs(tmp_path):
    """Under `python3 tasks.py test` (and so on CI) nothing may write into data/, root included."""
    if not os.environ.get("CABLEKIT_READ_ONLY_DATA"):  # .ci/run uses tasks.py, so CI always checks this
        pytest.skip("data/ is made read-only by `python3 tasks.py test`; plain pytest leaves it writable")
    data = Path(os.environ["CABLEKIT_READ_ONLY_DATA"])
    assert data.resolve() == DATA_DIR.resolve()
    for attempt in (lambda: open(data / "cable.txt", "a"), lambda: (data / "new-file.txt").write_text("x"),
                    lambda: os.rename(data / "cable.txt", tmp_path / "moved.txt")):
        with pytest.raises(PermissionError):
            attempt()
    assert not (data / "new-file.txt").exists() and (data / "cable.txt").exists()
