"""Lesson 4 data: numbers.csv, forecasts.csv and reference_figures.csv hang together with the cable."""
import re
from collections import Counter

import pandas as pd
import pytest

from cablekit import load_paragraphs, load_table, load_text

# Written out here, independently of the notebook: a digit number, with thousands separators kept together.
DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
LABEL = re.compile(r"^(\d{1,2})\. ", re.MULTILINE)
# The number words the table uses, with the values a reader gives them.
WORD_VALUES = {"two": 2, "three": 3, "three and a half": 3.5, "another": 1, "second": 2}

SIDES = {"Communists", "Guomindang", "neither"}
PRECISIONS = {"exact", "about", "more than", "not greater than", "unspecified"}
KINDS = {"digits", "words", "date", "period", "vague", "proportion", "ordinal"}
CONFIDENCE = {"high", "medium", "low"}


@pytest.fixture(scope="module")
def numbers():
    return load_table("numbers")


@pytest.fixture(scope="module")
def forecasts():
    return load_table("forecasts")


@pytest.fixture(scope="module")
def refs():
    return load_table("reference_figures")


def without_labels(text):
    return LABEL.sub("", text)


# ------------------------------------------------------------------ numbers.csv
def test_numbers_columns_and_ids(numbers):
    assert list(numbers.columns) == ["quantity_id", "point", "paragraph_id", "quote", "number_text", "kind", "value",
                                     "unit", "counts", "side", "precision", "hedge_word", "campaign", "date_start",
                                     "date_end", "note"]
    assert numbers["quantity_id"].is_unique
    assert numbers["quantity_id"].str.fullmatch(r"q\d{2}").all()


def test_every_quote_is_verbatim_in_the_cable_and_in_its_paragraph(numbers):
    text = load_text()
    paragraphs = load_paragraphs().set_index("paragraph_id")
    for row in numbers.itertuples():
        assert row.quote in text, f"{row.quantity_id}: quote not in the cable: {row.quote!r}"
        assert row.quote in paragraphs.loc[row.paragraph_id, "text"], f"{row.quantity_id}: quote not in {row.paragraph_id}"
        assert paragraphs.loc[row.paragraph_id, "point"] == row.point, f"{row.quantity_id}: wrong point"
        assert row.number_text in row.quote, f"{row.quantity_id}: number_text not in quote"


def test_every_digit_number_in_the_cable_is_in_the_table_or_a_label(numbers):
    text = load_text()
    in_cable = Counter(DIGITS.findall(without_labels(text)))
    in_table = Counter(number for number_text in numbers["number_text"] for number in DIGITS.findall(number_text))
    assert in_cable == in_table, f"missing from table: {in_cable - in_table}; not in cable: {in_table - in_cable}"
    # what was left out are exactly the point labels 1-12, each at the start of a line
    assert LABEL.findall(text) == [str(n) for n in range(1, 13)]
    assert sum(in_cable.values()) + 12 == len(DIGITS.findall(text))


def test_labels_are_not_quantities(numbers):
    for quote in numbers["quote"]:
        assert not re.match(r"\d{1,2}\. ", quote)


def test_categories_are_from_the_documented_lists(numbers):
    assert set(numbers["side"]) <= SIDES
    assert set(numbers["precision"]) <= PRECISIONS
    assert set(numbers["kind"]) <= KINDS


def test_values_parse_and_match_the_text(numbers):
    for row in numbers.itertuples():
        if row.kind == "digits":
            assert row.value == float(row.number_text.replace(",", "")), row.quantity_id
        elif row.kind in ("words", "ordinal"):
            assert row.value == WORD_VALUES[row.number_text.lower()], row.quantity_id
        elif row.kind == "proportion":
            assert row.value == 0.5 and row.precision == "more than", row.quantity_id
        else:  # dates, periods and vague amounts carry no value
            assert pd.isna(row.value), row.quantity_id
        assert isinstance(row.unit, str) and row.unit.strip(), row.quantity_id
        assert isinstance(row.counts, str) and row.counts.strip(), row.quantity_id


def test_dates_and_periods_parse(numbers):
    dated = numbers[numbers["kind"].isin(["date", "period"])]
    assert len(dated) >= 6
    for row in dated.itertuples():
        start, end = pd.Timestamp(row.date_start), pd.Timestamp(row.date_end)
        assert pd.Timestamp("1946-01-01") <= start <= end <= pd.Timestamp("1949-12-31"), row.quantity_id
    assert numbers.loc[~numbers["kind"].isin(["date", "period"]), ["date_start", "date_end"]].isna().all().all()


def test_the_cables_arithmetic_holds_in_the_table(numbers):
    v = numbers.set_index("quantity_id")["value"]
    assert v["q10"] + v["q11"] == v["q12"] == 1_200_000
    assert v["q14"] + v["q15"] == v["q13"] == 48
    assert (v["q03"], v["q04"], v["q05"]) == (35, 4, 19)
    # the two different 900,000s count different things in different campaigns
    nines = numbers[numbers["value"] == 900_000]
    assert len(nines) == 2 and nines["campaign"].nunique() == 2 and nines["counts"].nunique() == 2


def test_numbers_every_example_in_the_issue_is_covered(numbers):
    for example in ["35", "600,000", "1,200,000", "53,000", "170", "two", "three and a half", "three", "Another",
                    "2", "28 [sic] November", "July 1946", "September-October", "spring of 1949", "summer of next year"]:
        assert example in set(numbers["number_text"]), example
    assert "a territory not greater than 10 square kilometers" in set(numbers["quote"])


# Written out here, independently of the table: hedge words as they may stand in a quote.
HEDGE_IN_TEXT = re.compile(r"\b(about|around|more than|not greater than|nearly|approximately|over|less than)\b", re.I)
HEDGED = {"about", "more than", "not greater than"}


def test_hedge_words_are_found_in_the_quote_and_coded_hedges_have_none(numbers):
    """Issue 12: a hedge found in the text is told apart from one the table's makers read in."""
    found, coded = 0, 0
    for row in numbers.itertuples():
        match = HEDGE_IN_TEXT.search(row.quote)
        if isinstance(row.hedge_word, str):
            assert row.precision in HEDGED, f"{row.quantity_id}: a hedge word but precision {row.precision!r}"
            assert match and match.group() == row.hedge_word, f"{row.quantity_id}: hedge_word is not the hedge in the quote"
            found += 1
        else:
            assert not match, f"{row.quantity_id}: the quote has the hedge {match.group()!r} but hedge_word is empty"
            coded += row.precision in HEDGED
    assert (found, coded) == (7, 4)


def test_corrected_dates_and_readings(numbers):
    rows = numbers.set_index("quantity_id")
    # the September 1948 Politburo meeting sat on 8-13 September (China Keywords)
    assert (rows.loc["q21", "date_start"], rows.loc["q21", "date_end"]) == ("1948-09-08", "1948-09-13")
    assert "quota" in rows.loc["q26", "counts"] and "28 October 1948" in rows.loc["q26", "note"]
    assert "own reckoning" in rows.loc["q23", "counts"]
    assert "300,000" in rows.loc["q07", "note"]


# ---------------------------------------------------------------- forecasts.csv
def test_forecasts_quotes_sources_and_dates(forecasts):
    text = load_text()
    assert forecasts["forecast_id"].is_unique and len(forecasts) >= 6
    for row in forecasts.itertuples():
        assert row.quote in text, row.forecast_id
        assert isinstance(row.source, str) and len(row.source) > 20, row.forecast_id
        assert isinstance(row.source_url, str) and row.source_url.startswith("http"), row.forecast_id
        assert row.confidence in CONFIDENCE, row.forecast_id
        outcome = pd.Timestamp(row.outcome_date)
        assert pd.Timestamp(row.clock_starts) < outcome, row.forecast_id
        if isinstance(row.outcome_end_date, str):
            assert outcome <= pd.Timestamp(row.outcome_end_date), row.forecast_id
        has_horizon = not pd.isna(row.horizon_value)
        has_window = isinstance(row.window_start, str)
        assert has_horizon != has_window, f"{row.forecast_id}: give a horizon or a window, not both"
        if has_horizon:
            assert row.horizon_unit in ("weeks", "months"), row.forecast_id
        else:
            assert pd.Timestamp(row.window_start) <= pd.Timestamp(row.window_end), row.forecast_id


def test_forecasts_cover_the_issue(forecasts):
    joined = " ".join(forecasts["quote"])
    for phrase in ["About 2 weeks", "Another month", "three months", "Taiyuan", "go to Moscow", "second plenum",
                   "political consultative meeting", "three and a half years"]:
        assert phrase in joined, phrase


def test_known_outcome_dates(forecasts):
    outcome = forecasts.set_index("forecast_id")["outcome_date"]
    assert outcome["f1"] == "1949-01-10"   # end of the Huaihai campaign
    assert outcome["f3"] == "1949-04-24"   # fall of Taiyuan
    assert outcome["f4"] == "1949-04-20"   # the Yangzi crossing begins, before Taiyuan falls
    assert outcome["f5"] == "1949-12-16"   # Mao in Moscow
    assert outcome["f6"] == "1949-03-05"   # second plenum opens
    assert outcome["f7"] == "1949-09-21"   # CPPCC plenary opens; the preparatory committee sat 15-19 June
    assert "15-19 June 1949" in forecasts.set_index("forecast_id").loc["f7", "outcome"]


def rule_verdict(row, share=0.10):
    """The lesson's rule, written again here: inside the window, or within share x reach of it, is on time."""
    start = pd.Timestamp(row.clock_starts)
    if isinstance(row.window_start, str):
        first, last = pd.Timestamp(row.window_start), pd.Timestamp(row.window_end)
    else:
        step = pd.Timedelta(weeks=row.horizon_value) if row.horizon_unit == "weeks" else pd.DateOffset(months=int(row.horizon_value))
        first = last = start + step
    outcome, slack = pd.Timestamp(row.outcome_date), share * (last - start).days
    if outcome < first and (first - outcome).days > slack:
        return "earlier"
    if outcome > last and (outcome - last).days > slack:
        return "later"
    return "on time"


def test_every_verdict_follows_the_stated_rule(forecasts):
    """Issue 12: verdicts come from the computed days off and one tolerance, not from impressions."""
    for row in forecasts.itertuples():
        assert row.verdict == rule_verdict(row), f"{row.forecast_id}: table says {row.verdict!r}"
    verdict = forecasts.set_index("forecast_id")["verdict"]
    # 3 days early on two weeks is beyond the tolerance; 6 days early on three months is within it
    assert (verdict["f1"], verdict["f3"]) == ("earlier", "on time")


def test_point_4s_order_is_recorded_as_not_kept(forecasts):
    rows = forecasts.set_index("forecast_id")
    assert set(forecasts["plan_kept"]) <= {"yes", "no", "partly"}
    assert rows.loc["f3", "plan_kept"] == rows.loc["f4", "plan_kept"] == "no"
    # the Yangzi was crossed before Taiyuan fell: the order rest, Taiyuan, Yangzi was not kept
    assert pd.Timestamp(rows.loc["f4", "outcome_date"]) < pd.Timestamp(rows.loc["f3", "outcome_date"])
    assert "October 1948" in rows.loc["f3", "outcome"]


# -------------------------------------------------------- reference_figures.csv
def test_every_reference_figure_has_a_source(refs):
    assert refs["figure_id"].is_unique
    for row in refs.itertuples():
        assert isinstance(row.source, str) and len(row.source) > 20, row.figure_id
        has_url = isinstance(row.source_url, str) and row.source_url.startswith("http")
        has_page = isinstance(row.source_page, str) and row.source_page.strip()
        assert has_url or has_page, f"{row.figure_id}: give an address or a page"
        assert row.confidence in CONFIDENCE, row.figure_id
        assert isinstance(row.value_text, str) and row.value_text.strip(), row.figure_id


def test_reference_values_parse(refs):
    for row in refs.itertuples():
        is_date = row.measure in ("start_date", "end_date")
        assert is_date == isinstance(row.date, str), row.figure_id
        assert is_date == pd.isna(row.value), row.figure_id
        if is_date:
            assert pd.Timestamp("1946-01-01") <= pd.Timestamp(row.date) <= pd.Timestamp("1949-12-31")
        else:
            assert row.value > 0


def test_reference_links_to_the_cable_exist(refs, numbers):
    ids = set(numbers["quantity_id"])
    for cable_id in refs["cable_quantity_id"].dropna():
        assert cable_id in ids


def test_every_campaign_has_dates_troops_and_losses(refs):
    for campaign in ["Huaihai", "Pingjin", "Liaoshen"]:
        measures = set(refs.loc[refs["campaign"] == campaign, "measure"])
        assert {"start_date", "end_date", "troops", "nationalist_losses", "civilian_laborers"} <= measures, campaign
    dates = refs[refs["measure"].isin(["start_date", "end_date"]) & (refs["confidence"] != "low")]
    found = dates.groupby(["campaign", "measure"])["date"].min()   # where sources disagree, the earliest
    assert found[("Huaihai", "start_date")] == "1948-11-06" and found[("Huaihai", "end_date")] == "1949-01-10"
    assert found[("Pingjin", "start_date")] == "1948-11-29" and found[("Pingjin", "end_date")] == "1949-01-31"
    assert found[("Liaoshen", "start_date")] == "1948-09-12" and found[("Liaoshen", "end_date")] == "1948-11-02"


def test_disagreeing_sources_each_keep_their_own_row(refs):
    keyed = refs.assign(figure=refs["value"].astype(str).where(refs["value"].notna(), refs["date"]))
    for key, group in keyed.groupby(["campaign", "measure", "side"]):
        if group["figure"].nunique() > 1:
            assert group["source"].nunique() > 1, f"{key}: different values need different sources"


# what a figure linked to a cable quantity must count: measure -> words in the cable row's `counts`
SAME_CATEGORY = {"troops": "troops", "civilian_laborers": "support workers", "encircled_troops": "encircled"}


def test_linked_figures_count_the_same_category_as_the_cable(refs, numbers):
    """Issue 13: a figure of another category (combatants incl. militia vs troops plus porters) is not linked."""
    counts = numbers.set_index("quantity_id")["counts"]
    for row in refs[refs["cable_quantity_id"].notna()].itertuples():
        if row.measure in ("start_date", "end_date"):
            continue
        words = SAME_CATEGORY[row.measure]
        assert words in counts[row.cable_quantity_id], f"{row.figure_id} ({row.measure}) linked to {row.cable_quantity_id}"
    assert pd.isna(refs.set_index("figure_id").loc["r05", "cable_quantity_id"])


def test_pepper_is_in_the_table_with_its_page(refs):
    pepper = refs[refs["source"].str.contains("Pepper") & refs["source"].str.contains("Cambridge History of China")]
    assert set(pepper["value"]) == {890_000, 600_000}
    assert set(pepper["source_page"]) == {"p. 777"}
    assert "r21" not in set(refs["figure_id"])   # the 'citation needed' figure it replaces


def test_huaihai_losses_keep_a_citable_scholarly_figure_beside_the_official_ones(refs):
    """Issue 13 item 7: a historian's figure sits beside the PRC's, each in its own row; neither replaces the other."""
    rows = refs[(refs["campaign"] == "Huaihai") & (refs["measure"] == "nationalist_losses")]
    kinds = rows["source_kind"].str.split("; ")
    scholarly = rows[kinds.apply(lambda k: "scholarship" in k)]
    official = rows[kinds.apply(lambda k: "official PRC" in k)]
    assert len(scholarly) and len(official)
    citable = scholarly[scholarly["confidence"].isin(["high", "medium"]) & (scholarly["contested"] == "no")
                        & (scholarly["verified"] == "yes")]
    assert len(citable), "no scholarly Huaihai loss figure is citable"
    assert citable["source_url"].fillna("").str.startswith("https://").all(), "a verified figure names where it was read"
    assert set(citable["value"]).isdisjoint(set(official["value"])), "the disagreement should be visible, not merged"
