"""data/: the cable is a faithful copy of the captured page, and the tables hang together."""
import json
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
        if name != "paragraphs":
            assert any(c in table.columns for c in ("source", "quote", "sources", "reason")), name
