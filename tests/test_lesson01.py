"""Lesson 1: the hand-made tables are faithful to the cable, and the paragraph browser is safe."""
import html
import re

import pytest

from cablekit import POINT_ORDER, load_paragraphs, load_table, load_text
from cablekit.browser import (
    find_spans,
    highlight_html,
    highlight_text,
    normalise_point,
    paragraph_browser,
    point_html,
    point_text,
)
from cablekit.errors import CableKitError

TEXT = load_text()
CONFIDENCE = {"high", "medium", "low", "uncertain"}

#: Capitalised words in the cable that are NOT names of people or places, with the reason.
#: Anything capitalised in the cable and not listed here must be part of a name in
#: people.csv or places.csv.
NON_NAMES = {
    # sentence openers and ordinary words that happen to start a sentence
    "About", "After", "Another", "Around", "At", "By", "Degradation", "For", "However", "In",
    "Intensified", "Leading", "Now", "Our", "Received", "Soon", "The", "They", "This", "We",
    "When", "Will", "I",
    # months
    "July", "September", "October", "November",
    # organisations, parties, armies and their abbreviations
    "Guomindang", "GMD", "CCP", "CC", "VKP", "People", "Liberation", "Army", "Revolution",
    # adjectives, demonyms, forms of address and titles
    "Chinese", "Manchurian", "Americans", "Comrade", "General",
}


def name_parts():
    names = list(load_table("people")["name_in_text"]) + list(load_table("places")["name_in_text"])
    return {part for name in names for part in re.split(r"[\s-]+", name) if part}


def count_whole(name, text):
    return len(re.findall(r"(?<![A-Za-z])" + re.escape(name) + r"(?![A-Za-z])", text))


# ------------------------------------------------------------------ editorial_marks.csv

def test_every_bracket_in_the_cable_is_one_row_in_order():
    found = [(row.paragraph_id, m) for row in load_paragraphs().itertuples() for m in re.findall(r"\[[^\]]*\]", row.text)]
    marks = load_table("editorial_marks")
    assert list(zip(marks["paragraph_id"], marks["mark"])) == found
    assert marks["mark_id"].is_unique


def test_marks_quotes_are_verbatim_and_built_from_their_parts():
    paragraphs = load_paragraphs().set_index("paragraph_id")
    marks = load_table("editorial_marks").fillna({"words_before": "", "words_after": ""})
    for row in marks.itertuples():
        paragraph = paragraphs.loc[row.paragraph_id, "text"]
        assert row.quote in paragraph, row.mark_id
        assert str(paragraphs.loc[row.paragraph_id, "point"]) == str(row.point)
        assert row.mark in row.quote
        assert row.quote.startswith(row.words_before) and row.quote.endswith(row.words_after)
        assert len(row.words_before) + len(row.words_after) > 0


def test_marks_kinds_are_the_documented_ones_and_sics_are_sics():
    marks = load_table("editorial_marks")
    assert set(marks["kind"]) <= {"sic", "supplied_word", "gloss", "alternative_name", "conjecture"}
    assert set(marks.loc[marks["mark"] == "[sic]", "kind"]) == {"sic"}
    assert set(marks.loc[marks["mark"] == "[Beijing]", "kind"]) == {"alternative_name"}
    assert marks["note"].notna().all()


# ------------------------------------------------------------------ point_topics.csv

def test_one_topic_per_numbered_point_with_a_quote_from_that_point():
    topics = load_table("point_topics")
    assert [str(p) for p in topics["point"]] == [str(n) for n in range(1, 13)]
    paragraphs = load_paragraphs()
    for row in topics.itertuples():
        point_text_ = " ".join(paragraphs.loc[paragraphs["point"] == str(row.point), "text"])
        assert row.quote in point_text_, row.point
        assert row.topic.strip()


# ------------------------------------------------------------------ people.csv and places.csv

@pytest.mark.parametrize("table", ["people", "places"])
def test_spellings_and_quotes_are_verbatim_in_the_cable(table):
    for row in load_table(table).itertuples():
        assert row.name_in_text in TEXT, row.name_in_text
        assert row.quote in TEXT, row.quote
        assert row.name_in_text in row.quote


@pytest.mark.parametrize("table", ["people", "places"])
def test_mentions_and_points_match_a_recount(table):
    paragraphs = load_paragraphs()
    for row in load_table(table).itertuples():
        assert row.mentions == count_whole(row.name_in_text, TEXT), row.name_in_text
        points = [str(p) for p, t in zip(paragraphs["point"], paragraphs["text"]) if count_whole(row.name_in_text, t)]
        assert row.points.split(";") == list(dict.fromkeys(points)), row.name_in_text


@pytest.mark.parametrize("table", ["people", "places"])
def test_every_row_has_a_source_and_a_confidence_and_doubt_is_explained(table):
    note = "transliteration_note" if table == "people" else "naming_note"
    for row in load_table(table).itertuples():
        assert isinstance(row.source, str) and len(row.source) > 10, row.name_in_text
        assert row.confidence in CONFIDENCE, row.name_in_text
        if row.confidence != "high":
            assert len(getattr(row, note)) > 20, row.name_in_text


def test_every_capitalised_name_in_the_cable_is_in_a_table():
    capitalised = set(re.findall(r"[A-Z][A-Za-z]*", TEXT))
    missing = capitalised - NON_NAMES - name_parts()
    assert not missing, f"capitalised words in no table and not listed as non-names: {sorted(missing)}"


def test_the_non_names_list_hides_no_name():
    assert not (NON_NAMES & name_parts())
    assert NON_NAMES <= set(re.findall(r"[A-Z][A-Za-z]*", TEXT)), "NON_NAMES lists words the cable lacks"


def test_hard_identifications_are_recorded():
    people = load_table("people").set_index("name_in_text")
    places = load_table("places").set_index("name_in_text")
    assert people.loc["Yao Soushi", "standard_name"] == "Rao Shushi"
    assert people.loc["Lin Bocui", "standard_name"] == "Lin Boqu"
    assert people.loc["Luo Yunhuan", "standard_name"] == "Luo Ronghuan"
    assert people.loc["Hua Nanshe", "confidence"] == "low"
    assert places.loc["Suizhou", "modern_name"] == "Xuzhou"
    assert places.loc["Kalgan", "modern_name"] == "Zhangjiakou"
    assert places.loc["Beiping", "modern_name"] == "Beijing"


def test_coordinates_lie_within_plausible_bounds():
    places = load_table("places")
    for row in places.itertuples():
        if row.kind == "country":
            assert row.lat != row.lat and row.lon != row.lon, f"{row.name_in_text}: a country has no point"
            continue
        if row.name_in_text == "Moscow":
            assert 55 <= row.lat <= 56.5 and 37 <= row.lon <= 38.5
        else:  # China, from Hong Kong to Manchuria, Xinjiang excluded (not named)
            assert 18 <= row.lat <= 54 and 100 <= row.lon <= 135, row.name_in_text
    assert set(places["operation"]) == {"Huaihai (Suizhou)", "Pingjin (Beiping-Tianjin)", "elsewhere"}
    assert set(places["kind"]) <= {"city", "river", "region", "area", "railway line", "country"}


def test_aliases_point_to_a_real_row_at_the_same_place():
    places = load_table("places").set_index("name_in_text")
    aliases = places[places["same_place_as"].notna()]
    assert set(aliases.index) == {"Beijing", "Tianjian", "Shaanganning"}
    for name, row in aliases.iterrows():
        target = places.loc[row["same_place_as"]]
        assert (row["lat"], row["lon"]) == (target["lat"], target["lon"])
    inserted = places[places["in_insertion"] == "yes"].index
    for name in inserted:
        assert re.search(r"\[[^\]]*" + name, TEXT)


def test_positions_are_sourced_and_rounded_as_documented():
    places = load_table("places")
    for row in places[places["lat"].notna()].itertuples():
        if isinstance(row.same_place_as, str):
            assert row.coord_source == f"as {row.same_place_as}", row.name_in_text
            continue
        assert "http" in row.coord_source or "not verified" in row.coord_source, row.name_in_text
        digits = 2 if row.kind == "city" else 1
        assert row.coord_precision.startswith(f"{10 ** -digits:g} degree"), row.name_in_text
        for value in (row.lat, row.lon):
            assert round(value, digits) == value, (row.name_in_text, value)
        if row.kind != "city":
            assert row.coord_source.startswith("representative point"), row.name_in_text


@pytest.mark.parametrize("a, b, km, tolerance", [
    # 'Tianjin', Wikipedia (copy at https://cnto.com.sg/index.aspx?uc=38): Beijing 120 km to the north-west
    ("Tianjin", "Beiping", 120, 25),
    # 'Tanggu District', Wikipedia (copy at the-uncensored-wiki.com): the port, about 30 miles (48 km) up the
    # winding Hai River from Tianjin; in a straight line somewhat less
    ("Tianjin", "Tanggu", 48, 12),
])
def test_distances_between_places_match_known_distances(a, b, km, tolerance):
    import math
    where = load_table("places").set_index("name_in_text")
    lat1, lon1, lat2, lon2 = map(math.radians, (where.loc[a, "lat"], where.loc[a, "lon"], where.loc[b, "lat"], where.loc[b, "lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    assert abs(2 * 6371 * math.asin(math.sqrt(h)) - km) <= tolerance


# ------------------------------------------------------------------ the paragraph browser

def test_html_is_escaped():
    out = highlight_html('<script>alert("x")</script> & Du Yuming', {"Du Yuming": "person"})
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert '>Du Yuming</span>' in HIDDEN_LABEL.sub("", out)


def test_tooltips_are_escaped():
    out = highlight_html('Mr "O<Neil"', {'"O<Neil"': "person"})
    assert 'title="person: &quot;O&lt;Neil&quot;"' in out


def test_insertions_win_over_names_and_names_match_whole_words():
    names = {"Beiping": "place", "Beijing": "place"}
    spans = find_spans("Beiping [Beijing] Beipinglu", names)
    assert [(s, e, c) for s, e, c, _ in spans] == [(0, 7, "place"), (8, 17, "editorial")]


def test_longest_name_wins():
    spans = find_spans("Liu Bocheng and Liu", {"Liu": "person", "Liu Bocheng": "person"})
    assert [(s, e) for s, e, *_ in spans] == [(0, 11), (16, 19)]


@pytest.mark.parametrize("text", ["", "   ", "a.*[b", "(?P<x>", "徐州 Сюйчжоу", "]["])
def test_odd_texts_give_sensible_results(text):
    assert html.unescape(re.sub(r"<[^>]+>", "", highlight_html(text, {"Suizhou": "place"}))) == text
    assert highlight_text(text, {"Suizhou": "place"}) == text


def test_regex_metacharacters_in_names_are_literal():
    assert find_spans("axxb a.*b", {"a.*b": "place"}) == [(5, 9, "place", "place: a.*b")]


def test_non_latin_names_work():
    assert highlight_text("Сюйчжоу и 徐州", {"Сюйчжоу": "place", "徐州": "place"}) == "‹Сюйчжоу› и ‹徐州›"


def test_very_long_text():
    out = highlight_text("Suizhou " * 12500, {"Suizhou": "place"})
    assert out.count("‹Suizhou›") == 12500


@pytest.mark.parametrize("bad", [None, 3, ["Suizhou"], b"Suizhou"])
def test_bad_text_is_a_one_line_error(bad):
    with pytest.raises(CableKitError) as problem:
        highlight_html(bad)
    assert "\n" not in str(problem.value)


@pytest.mark.parametrize("names", [["Suizhou"], {"Suizhou": "river"}, {"": "place"}, {3: "place"}])
def test_bad_names_are_a_one_line_error(names):
    with pytest.raises(CableKitError):
        find_spans("Suizhou", names)


@pytest.mark.parametrize("point, label", [(3, "3"), ("3", "3"), (" point 12 ", "12"), ("Closing", "closing"), ("12.", "12")])
def test_points_are_normalised(point, label):
    assert normalise_point(point) == label


@pytest.mark.parametrize("bad", [0, 13, -1, "", "   ", True, None, 2.5, "[", "x" * 100_000, ["1"], "一"])
def test_bad_points_are_a_one_line_error(bad):
    with pytest.raises(CableKitError) as problem:
        normalise_point(bad)
    assert "\n" not in str(problem.value) and len(str(problem.value)) < 200


#: spans that only a screen reader reaches (the highlighter's labels), removed before comparing the visible text
HIDDEN_LABEL = re.compile(r'<span style="position:absolute;[^"]*">[^<]*</span>')


@pytest.mark.parametrize("point", POINT_ORDER)
def test_point_html_shows_every_paragraph_and_every_mark(point):
    paragraphs = load_paragraphs()
    out = HIDDEN_LABEL.sub("", point_html(point))
    shown = html.unescape(re.sub(r"<[^>]+>", "", out))
    for text in paragraphs.loc[paragraphs["point"] == point, "text"]:
        assert text in shown
    marks = load_table("editorial_marks")
    assert out.count('class="editorial"') == int((marks["point"] == point).sum())


@pytest.mark.parametrize("point", POINT_ORDER)
def test_point_text_is_the_text_with_markers(point):
    paragraphs = load_paragraphs()
    plain = re.sub("[⟦⟧«»‹›]", "", point_text(point))
    for text in paragraphs.loc[paragraphs["point"] == point, "text"]:
        assert text in plain


def test_names_in_the_cable_are_highlighted_by_category():
    out = HIDDEN_LABEL.sub("", point_html(12))
    assert 'class="person"' in out and ">Yao Soushi</span>" in out
    assert 'title="person: Rao Shushi (identification: high)"' in out
    assert 'class="place"' in out and ">ShenGanYingXia</span>" in out


def test_the_widget_follows_the_dropdown():
    box = paragraph_browser("1")
    dropdown, shown = box.children
    assert "Point 1" in shown.value
    dropdown.value = "closing"
    assert "main master" in shown.value and "Point 1" not in shown.value
    with pytest.raises(CableKitError):
        paragraph_browser("point 99")


# ------------------------------------------------------------------ issue 13: corrected history

def _km(lat1, lon1, lat2, lon2):
    import math
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _river_lat(name, lon):
    import numpy as np
    basemap = load_table("basemap")
    line = basemap[(basemap["layer"] == "river") & (basemap["name"] == name)]
    assert line["lon"].min() <= lon <= line["lon"].max(), f"{name} does not reach {lon} E"
    return float(np.interp(lon, line["lon"], line["lat"]))


def test_the_pocket_is_a_place_southwest_of_suizhou_and_north_of_the_huai():
    """Issue 13 items 1 and 5: the cable's 'area to the southwest of Suizhou' is the Chenguanzhuang
    pocket, and the Huaihai operation was fought north of the Huai."""
    places = load_table("places").set_index("name_in_text")
    pocket, suizhou = places.loc["area to the southwest of Suizhou"], places.loc["Suizhou"]
    assert "Chenguanzhuang" in pocket["modern_name"] and pocket["kind"] == "area"
    assert pocket["operation"] == "Huaihai (Suizhou)" and pocket["points"] == "2"
    assert pocket["lat"] < suizhou["lat"] and pocket["lon"] < suizhou["lon"], "not south-west of Suizhou"
    assert 30 < _km(pocket["lat"], pocket["lon"], suizhou["lat"], suizhou["lon"]) < 100
    for name in ["area to the southwest of Suizhou", "Suizhou"]:   # Huaiying lies east of where the drawn Huai ends
        row = places.loc[name]
        assert row["lat"] > _river_lat("Huai River", row["lon"]), f"{name} is not north of the Huai"


def test_bengbu_stands_on_the_huai_far_north_of_the_yangzi():
    """Issue 13 item 2 (the 'south of the Yangzi' slip) rests on this geography: Bengbu is on the
    Huai (its south bank), and the Yangzi is some 250 km further south."""
    bengbu = load_table("places").set_index("name_in_text").loc["Bangbu"]
    huai, yangzi = _river_lat("Huai River", bengbu["lon"]), _river_lat("Yangzi River", bengbu["lon"])
    assert _km(bengbu["lat"], bengbu["lon"], huai, bengbu["lon"]) < 10
    assert 200 < _km(bengbu["lat"], bengbu["lon"], yangzi, bengbu["lon"]) < 300
    note = load_table("places").set_index("name_in_text").loc["Yangzi River", "naming_note"]
    assert "slip" in note and "Huai" in note


def test_the_two_railway_lines_are_two_rows_with_their_own_points():
    """Issue 13 item 10: Beipinglu and Pingsuilu are two lines, each with its own row and point."""
    places = load_table("places").set_index("name_in_text")
    assert "Beipinglu-Pingsuilu" not in places.index
    lines = places.loc[["Beipinglu", "Pingsuilu"]]
    assert set(lines["kind"]) == {"railway line"}
    assert (lines.loc["Beipinglu", "lat"], lines.loc["Beipinglu", "lon"]) != (lines.loc["Pingsuilu", "lat"], lines.loc["Pingsuilu", "lon"])
    assert lines.loc["Pingsuilu", "chinese"] == "平绥路"


def test_railway_stations_agree_with_the_places_table():
    railways = load_table("railways")
    places = load_table("places").set_index("name_in_text")
    assert set(railways["line_in_text"]) == {"Beipinglu", "Pingsuilu"}
    for line, stations in railways.groupby("line"):
        assert list(stations["order"]) == list(range(1, len(stations) + 1)), line
        assert stations.iloc[0]["station"] == "Beiping", line
    for row in railways[railways["place_row"].notna()].itertuples():
        assert (row.lat, row.lon) == (places.loc[row.place_row, "lat"], places.loc[row.place_row, "lon"]), row.station
        assert row.source == "as places.csv"
    for row in railways[railways["place_row"].isna()].itertuples():
        assert "http" in row.source, row.station
    # each line passes through the places the cable ties to it
    kalgan = railways[(railways["line_in_text"] == "Pingsuilu") & (railways["place_row"] == "Kalgan")]
    shanhaiguan = railways[(railways["line_in_text"] == "Beipinglu") & (railways["place_row"] == "Shanhaiguan")]
    assert len(kalgan) == 1 and len(shanhaiguan) == 1


def test_titles_and_events_follow_the_corrections():
    """Issue 13 item 9: Gao Gang's and Bo Yibo's titles graded medium; Kalgan taken; Jiang stepped down."""
    people = load_table("people").set_index("name_in_text")
    places = load_table("places").set_index("name_in_text")
    assert people.loc["Gao Gang", "confidence"] == "medium" and "deputy" in people.loc["Gao Gang", "role_dec_1948"]
    assert people.loc["Bo Yibo", "confidence"] == "medium" and "Second secretary" in people.loc["Bo Yibo", "role_dec_1948"]
    jiang = people.loc["Jiang Jieshi", "role_dec_1948"]
    assert "stepped down on 21 January 1949" in jiang and "acting president" in jiang and "resigned 21" not in jiang
    assert "taken on 24 December 1948, not surrendered" in places.loc["Kalgan", "naming_note"]


def test_spellings_and_the_main_master_follow_the_corrections():
    """Issue 13 items 3 and 11."""
    people = load_table("people").set_index("name_in_text")
    for name, wade_giles in [("Yao Soushi", "Jao Shu-shih"), ("Luo Yunhuan", "Lo Jung-huan")]:
        note = people.loc[name, "transliteration_note"]
        assert wade_giles in note and "Zh" in note, name     # the Wade-Giles route, and why not Russian Ж
        assert people.loc[name, "confidence"] == "high"      # the identification itself stands
    master = people.loc["main master"]
    assert "Stalin" in master["standard_name"] and master["confidence"] == "medium"
    assert "digitalarchive.wilsoncenter.org/document/113779" in master["source"]
    hua = people.loc["Hua Nanshe"]
    assert hua["confidence"] == "low" and "Shanghai" in hua["transliteration_note"] and "Huang Yanpei" in hua["transliteration_note"]


# ------------------------------------------------------------------ issue 17: the map

def test_basemap_has_land_lakes_and_three_named_rivers_inside_the_box():
    basemap = load_table("basemap")
    assert set(basemap["layer"]) == {"land", "lake", "river"}
    assert set(basemap.loc[basemap["layer"] == "river", "name"]) == {"Yellow River", "Huai River", "Yangzi River"}
    assert basemap["lon"].between(108, 126).all() and basemap["lat"].between(27, 43.5).all()
    assert set(basemap["source"]) == {"ne-10m-land", "gshhg-2.3.6-wdb2-rivers", "gshhg-2.3.6-lakes"}
    for (layer, part), shape in basemap.groupby(["layer", "part"]):
        assert list(shape["vertex"]) == list(range(len(shape))), (layer, part)
        if layer != "river":
            assert (shape.iloc[0]["lon"], shape.iloc[0]["lat"]) == (shape.iloc[-1]["lon"], shape.iloc[-1]["lat"]), "polygon not closed"
    # geography the lesson relies on: the Yellow River north of Suizhou, the Yangzi south of the Huai
    suizhou = load_table("places").set_index("name_in_text").loc["Suizhou"]
    assert _river_lat("Yellow River", suizhou["lon"]) > suizhou["lat"] > _river_lat("Huai River", suizhou["lon"])
    assert _river_lat("Yangzi River", 117.0) < _river_lat("Huai River", 117.0)


def _lesson_cells():
    import nbformat
    from pathlib import Path
    return nbformat.read(Path(__file__).resolve().parents[1] / "notebooks" / "01-close-reading.ipynb", as_version=4).cells


def test_the_map_cell_draws_from_data_only_with_no_network(monkeypatch):
    """Issue 17: the map cell reads only data/ (through load_table) and needs no network."""
    import math
    import socket

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    import seaborn as sns

    cell = next(c for c in _lesson_cells() if c.cell_type == "code" and "basemap = load_table" in c.source)
    assert set(re.findall(r'load_table\("(\w+)"\)', cell.source)) == {"basemap", "railways"}
    assert not re.search(r"https?:|urlopen|requests|read_csv|download", cell.source)

    def no_network(*args, **kwargs):
        raise AssertionError("the map cell tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(plt, "show", lambda *a, **k: None)
    from cablekit import use_theme
    use_theme()   # as the lesson's setup cell: its figure.dpi decides the drawn width
    namespace = {"math": math, "np": np, "plt": plt, "sns": sns, "load_table": load_table, "places": load_table("places")}
    exec(compile(cell.source, "map cell", "exec"), namespace)
    fig = plt.gcf()
    ax = fig.axes[0]
    assert len(ax.lines) >= 3 + 2 and len(ax.patches) > 10      # rivers and railway lines; land and lakes
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    assert fig.get_figwidth() * fig.dpi <= 800, "the map is drawn wider than 800 px"
    assert abs(ax.get_aspect() - 1 / math.cos(math.radians(36))) < 1e-9   # equirectangular, honest at 36 N
    plt.close(fig)


def test_lesson_prose_carries_the_corrections():
    text = "\n".join(c.source for c in _lesson_cells() if c.cell_type == "markdown")
    assert "operation between the Huai and the Yangzi" not in text
    assert "north of the Huai" in text
    assert "Pinyin *r-* comes back as *Y-*" not in text and "Jao" in text and "Lo Jung" in text
    assert "113779" in text and "south of the Yangzi" in text


# ------------------------------------------------------------------ issue 11: the lesson's self-checks

def _lesson01_questions():
    from cablekit.checks import QUESTIONS, load_lesson
    load_lesson("01")
    return {qid: q for qid, q in QUESTIONS.items() if qid.startswith("01-")}


def test_lesson01_module_computes_nothing_at_import(monkeypatch):
    import importlib
    import sys

    import cablekit.data

    def refuse(*args, **kwargs):
        raise AssertionError("lesson01 read data at import")

    for name in ("load_table", "load_text", "load_paragraphs"):
        monkeypatch.setattr(cablekit.data, name, refuse)
    sys.modules.pop("cablekit.questions.lesson01", None)
    try:
        importlib.import_module("cablekit.questions.lesson01")
    finally:  # import again with the real loaders, so the registered questions work for later tests
        monkeypatch.undo()
        sys.modules.pop("cablekit.questions.lesson01", None)
        importlib.import_module("cablekit.questions.lesson01")


def test_lesson01_has_its_twelve_questions():
    """Each question's right forms, wrong examples and targeted mistakes (with their hints) are
    checked for every lesson in tests/test_checks.py."""
    assert len(_lesson01_questions()) >= 12


def test_new_material_answers_are_printed_nowhere_in_the_lesson():
    """Issue 11 item 5: tasks 10-12 apply the method where the lesson did not; their answers are
    not in the lesson's text or outputs (rounded as a person would print them)."""
    import json
    from pathlib import Path

    lesson = (Path(__file__).resolve().parents[1] / "notebooks" / "01-close-reading.ipynb").read_text(encoding="utf-8")
    outputs = json.loads(lesson)
    shown = "\n".join("".join(c["source"]) + "".join(
        "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", "")) for o in c.get("outputs", []))
        for c in outputs["cells"])
    questions = _lesson01_questions()
    for qid in ("01-q10", "01-q11"):
        value = questions[qid].expected()
        for form in {f"{value:.0f} km", f"{value:,.0f} km", f"{value:.1f}", f"{value:.2f}"}:
            assert form not in shown, (qid, form)
    densest = questions["01-q12"].expected()
    assert f"point {densest} has the most insertions" not in shown.lower()


@pytest.mark.parametrize("qid, natural", [
    ("01-q1", lambda v: __import__("numpy").int64(v)),
    ("01-q2", lambda v: __import__("pandas").Series(v)),
    ("01-q4", tuple),
    ("01-q5", sorted),
    ("01-q10", lambda v: round(v, 1)),
    ("01-q11", lambda v: __import__("numpy").float64(round(v))),
])
def test_natural_forms_of_right_answers_are_accepted(qid, natural):
    from cablekit.checks import feedback
    question = _lesson01_questions()[qid]
    assert feedback(qid, natural(question.expected())).status == "correct"
