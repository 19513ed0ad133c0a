"""Self-checks for solutions/04-numbers.ipynb.

Every expected answer is computed from the hand-made tables in data/ (numbers.csv,
forecasts.csv, reference_figures.csv), never typed in.
"""
import pandas as pd

from cablekit.checks import Question, register
from cablekit.data import load_table


def _numbers() -> pd.DataFrame:
    return load_table("numbers").set_index("quantity_id")


def _value(quantity_id: str) -> float:
    return float(_numbers().loc[quantity_id, "value"])


def _digit_numbers_in_cable() -> int:
    # the hand table records every digit number of the cable in number_text
    import re

    digits = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
    return sum(len(digits.findall(text)) for text in load_table("numbers")["number_text"])


def _northern_total() -> int:
    return int(_value("q17") + _value("q18"))


def _density() -> float:
    return _value("q07") / _value("q08")


def _share_changed_sides() -> float:
    return round(100 * _value("q04") / _value("q03"), 1)


def _three_and_a_half_years_end() -> str:
    numbers = _numbers()
    start = pd.Timestamp(numbers.loc["q23", "date_start"])
    months = int(round(numbers.loc["q24", "value"] * 12))
    return (start + pd.DateOffset(months=months)).strftime("%Y-%m")


def _du_yuming_days() -> int:
    forecast = load_table("forecasts").set_index("forecast_id").loc["f1"]
    due = pd.Timestamp(forecast["clock_starts"]) + pd.Timedelta(weeks=float(forecast["horizon_value"]))
    return int((pd.Timestamp(forecast["outcome_date"]) - due).days)


def _laborer_ratios() -> dict:
    numbers = _numbers()
    refs = load_table("reference_figures")
    laborers = refs[refs["measure"] == "civilian_laborers"]
    ratios = {}
    for campaign, group in laborers.groupby("campaign", sort=True):
        cable_id = group["cable_quantity_id"].dropna().iloc[0]
        ratios[campaign] = round(float(group["value"].min() / numbers.loc[cable_id, "value"]), 2)
    return ratios


def _exact_but_round() -> set:
    numbers = load_table("numbers")
    digits = numbers[(numbers["kind"] == "digits") & (numbers["precision"] == "exact")]
    return set(digits.loc[digits["value"] % 100_000 == 0, "quantity_id"])


register(Question(
    qid="04-q1",
    expected=_digit_numbers_in_cable,
    hint="Search the paragraphs' text (where the point labels are not included) with a pattern that keeps "
         "thousands separators together, so that a number like 600,000 counts once.",
    answer_type=int,
    wrong_examples=(31, 34, 43, 12),
))

register(Question(
    qid="04-q2",
    expected=_northern_total,
    hint="Add the troops and the support workers of the northern operation (point 3, second paragraph), "
         "not the Manchurian figure.",
    answer_type=int,
    wrong_examples=(900_000, 1_200_000, 2_200_000),
))

register(Question(
    qid="04-q3",
    expected=_density,
    hint="Density is people divided by area. Use the lower bound for the people and the upper bound for the area.",
    answer_type=(int, float),
    wrong_examples=(1_000, 100_000, 0.0001),
))

register(Question(
    qid="04-q4",
    expected=_share_changed_sides,
    hint="Divide the divisions that changed sides by the divisions finished off, multiply by 100, "
         "and round to one decimal place.",
    answer_type=(int, float),
    wrong_examples=(0.114, 7.4, 21.1, 11.0),
))

register(Question(
    qid="04-q5",
    expected=_three_and_a_half_years_end,
    hint="pd.DateOffset refuses half years: convert three and a half years to months first, then format "
         "the result with .strftime(\"%Y-%m\").",
    answer_type=str,
    wrong_examples=("1951-07", "1949-10", "1949-12", "1950-07"),
))

register(Question(
    qid="04-q6",
    expected=_du_yuming_days,
    hint="The forecast date is the cable's date plus two weeks; subtract it from the outcome date and take .days. "
         "Earlier than forecast gives a negative number.",
    answer_type=int,
    wrong_examples=(3, 14, 11, -14),
))

register(Question(
    qid="04-q7",
    expected=_laborer_ratios,
    hint="For each campaign, take the smallest historians' figure for civilian laborers and divide it by the "
         "cable's support-population figure named in cable_quantity_id; round to 2 decimals.",
    answer_type=dict,
    wrong_examples=({"Huaihai": 4.53, "Liaoshen": 1.78, "Pingjin": 3.75},
                    {"Huaihai": 9.08, "Liaoshen": 1.78, "Pingjin": 3.75},
                    {"Huaihai": 9.05, "Pingjin": 3.75}),
))

register(Question(
    qid="04-q8",
    expected=_exact_but_round,
    hint="Keep the rows whose kind is \"digits\" and whose precision is \"exact\", then those whose value "
         "divides evenly by 100,000 (the % operator). Answer with a set of quantity_id strings.",
    answer_type=(set, list, tuple),
    wrong_examples=({"q10", "q11"}, {"q07", "q10", "q11", "q12", "q17", "q18", "q20"}, {"q10", "q11", "q12", "q20"}),
))
