"""Self-checks for solutions/04-numbers.ipynb.

Every expected answer and every known mistake is computed from data/ (numbers.csv, forecasts.csv,
reference_figures.csv) or from an NLTK corpus when a check runs, never typed in and never at
import. A mistake's value is what that mistake really produces, computed the mistaken way.

Tasks 04-q2 (Truman's 1947 address), 04-q11 (the verdicts under a stricter tolerance) and
04-q13 (hedged numbers in Truman's 1948 address) apply the lesson's methods to material whose
answers lesson 4 does not print.

Reference figures: only rows that data/README.md's sources policy allows (confidence high or
medium, not contested, verified) may support an answer; tests/test_data.py holds that rule.
"""
import math
import re

import pandas as pd

from cablekit.checks import Question, register
from cablekit.data import load_paragraphs, load_table

DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
# the bound words of tasks 04-q13, as the task lists them
BOUND_WORDS = ("about", "around", "nearly", "almost", "approximately", "more than", "over", "less than", "under")


def _value(quantity_id: str) -> float:
    return float(load_table("numbers").set_index("quantity_id").loc[quantity_id, "value"])


def _digit_numbers_in_cable(pattern: str = DIGITS.pattern) -> int:
    return sum(len(re.findall(pattern, text)) for text in load_paragraphs()["text"])


def _truman(year: int) -> str:
    from nltk.corpus import state_union

    return state_union.raw(f"{year}-Truman.txt")


def _digit_numbers_in_truman_1947(pattern: str = DIGITS.pattern) -> int:
    return len(re.findall(pattern, _truman(1947)))


def _bounded_numbers_in_truman_1948(flags=re.IGNORECASE, dollar: bool = True) -> int:
    money = r"\$?" if dollar else ""
    pattern = r"\b(?:" + "|".join(BOUND_WORDS) + r")\s+" + money + r"(?:" + DIGITS.pattern + r")"
    return len(re.findall(pattern, _truman(1948), flags=flags))


def _density() -> float:
    return _value("q07") / _value("q08")


def _share_changed_sides(whole=("q03",)) -> float:
    return round(100 * _value("q04") / sum(_value(q) for q in whole), 1)


def _forecast_month(months: int) -> str:
    start = pd.Timestamp(load_table("numbers").set_index("quantity_id").loc["q23", "date_start"])
    return (start + pd.DateOffset(months=months)).strftime("%Y-%m")


def _new_forecast_month() -> str:
    return _forecast_month(int(round(_value("q24") * 12)))


def _du_yuming_days() -> int:
    forecast = load_table("forecasts").set_index("forecast_id").loc["f1"]
    due = pd.Timestamp(forecast["clock_starts"]) + pd.Timedelta(weeks=float(forecast["horizon_value"]))
    return int((pd.Timestamp(forecast["outcome_date"]) - due).days)


def citable(refs: pd.DataFrame) -> pd.DataFrame:
    """The rows data/README.md's sources policy lets a graded answer or a chart rest on.

    >>> rows = citable(load_table("reference_figures"))
    >>> bool(rows["verified"].eq("yes").all() and rows["contested"].eq("no").all())
    True
    """
    keep = refs["confidence"].isin(["high", "medium"]) & (refs["contested"] == "no") & (refs["verified"] == "yes")
    return refs[keep]


def _laborer_ratios(only_citable: bool = True) -> dict:
    numbers = load_table("numbers").set_index("quantity_id")
    refs = load_table("reference_figures")
    if only_citable:
        refs = citable(refs)
    laborers = refs[(refs["measure"] == "civilian_laborers") & refs["cable_quantity_id"].notna()]
    ratios = {}
    for campaign, group in laborers.groupby("campaign", sort=True):
        cable_id = group["cable_quantity_id"].iloc[0]
        ratios[campaign] = round(float(group["value"].min() / numbers.loc[cable_id, "value"]), 2)
    return ratios


def _exact_but_round(precisions=("exact",)) -> set:
    numbers = load_table("numbers")
    digits = numbers[(numbers["kind"] == "digits") & numbers["precision"].isin(precisions)]
    return set(digits.loc[digits["value"] % 100_000 == 0, "quantity_id"])


def _majority_lower_bound(strict: bool = True) -> int:
    # "the majority" of 170 divisions: more than half, so the smallest whole number above 85
    half = _value("q31") * _value("q32")
    return math.floor(half) + 1 if strict else int(half)


def _men_per_division(divisions=("q13",)) -> float:
    # a citable historians' figure (Guomindang losses in the Pingjin campaign) over the cable's divisions
    refs = citable(load_table("reference_figures"))
    losses = refs[(refs["campaign"] == "Pingjin") & (refs["measure"] == "nationalist_losses")]["value"]
    return float(losses.iloc[0]) / sum(_value(q) for q in divisions)


def _two_operations(south_divisions=("q03", "q05"), north_civilians="q18") -> dict:
    return {
        "troops": int(_value("q10") + _value("q17")),
        "civilians": int(_value("q11") + _value(north_civilians)),
        "divisions": int(sum(_value(q) for q in south_divisions) + _value("q13")),
    }


def verdicts(tolerance_share: float) -> dict:
    """Each forecast's verdict by the lesson's rule, with the tolerance as a share of its reach.

    >>> verdicts(0.10)["f1"], verdicts(0.10)["f3"]
    ('earlier', 'on time')
    """
    verdict = {}
    for row in load_table("forecasts").itertuples():
        start = pd.Timestamp(row.clock_starts)
        if isinstance(row.window_start, str):
            first, last = pd.Timestamp(row.window_start), pd.Timestamp(row.window_end)
        elif row.horizon_unit == "weeks":
            first = last = start + pd.Timedelta(weeks=float(row.horizon_value))
        else:
            first = last = start + pd.DateOffset(months=int(row.horizon_value))
        tolerance = tolerance_share * (last - start).days
        outcome = pd.Timestamp(row.outcome_date)
        if (first - outcome).days > tolerance:
            verdict[row.forecast_id] = "earlier"
        elif (outcome - last).days > tolerance:
            verdict[row.forecast_id] = "later"
        else:
            verdict[row.forecast_id] = "on time"
    return verdict


def _changed_at_five_percent() -> set:
    lesson, strict = verdicts(0.10), verdicts(0.05)
    return {fid for fid in lesson if lesson[fid] != strict[fid]}


def _not_on_time_at_five_percent() -> set:
    return {fid for fid, verdict in verdicts(0.05).items() if verdict != "on time"}


register(Question(
    qid="04-q1",
    expected=_digit_numbers_in_cable,
    hint="Search the paragraphs' text (where the point labels are not included) with a pattern that keeps "
         "thousands separators together, so that a number like 600,000 counts once.",
    answer_type=int,
    wrong_examples=(31, 34, 43, 12),
    mistakes=lambda: (
        (_digit_numbers_in_cable(r"\d+"),
         "Your pattern splits 600,000 into 600 and 000: let one to three digits be followed by groups of a comma and three digits."),
        (_digit_numbers_in_cable(r"\d+") + 12,
         "You searched the whole file, so the point labels 1. to 12. were counted, and 600,000 was split in two."),
    ),
))

register(Question(
    qid="04-q3",
    expected=lambda: int(_value("q17") + _value("q18")),
    hint="Add the troops and the support workers of the northern operation (point 3, second paragraph), "
         "not the Manchurian figure.",
    answer_type=int,
    wrong_examples=(900_000, 1_200_000, 2_200_000),
    mistakes=lambda: (
        (int(_value("q17") + _value("q20")),
         "You added the Manchurian operation's 900,000 support workers (row q20); the northern operation's are row q18."),
    ),
))

register(Question(
    qid="04-q7",
    expected=_density,
    hint="Density is people divided by area. Use the lower bound for the people and the upper bound for the area.",
    answer_type=(int, float),
    wrong_examples=(1_000, 100_000, 0.0001),
    mistakes=lambda: (
        (_value("q08") / _value("q07"), "That is square kilometres per person: divide the people by the area, not the other way."),
    ),
))

register(Question(
    qid="04-q5",
    expected=_share_changed_sides,
    hint="Divide the divisions that changed sides by the divisions finished off, multiply by 100, "
         "and round to one decimal place.",
    answer_type=(int, float),
    wrong_examples=(0.114, 7.4, 21.1, 11.0),
    mistakes=lambda: (
        (_share_changed_sides(("q03", "q05")),
         "You divided by all 54 divisions near Suizhou; the task asks for a share of the 35 finished off."),
        (round(_value("q04") / _value("q03"), 3), "That is a fraction: multiply by 100 to get a percentage."),
    ),
))

register(Question(
    qid="04-q8",
    expected=_new_forecast_month,
    hint="pd.DateOffset refuses half years: convert three and a half years to months first, then format "
         "the result with .strftime(\"%Y-%m\").",
    answer_type=str,
    wrong_examples=("1951-07", "1949-10", "1949-12", "1950-07"),
    mistakes=lambda: (
        (_forecast_month(60), "That is the old forecast, five years; the cable's new one is three and a half years."),
        (_forecast_month(36), "You dropped the half year: three and a half years is 42 months."),
    ),
))

register(Question(
    qid="04-q10",
    expected=_du_yuming_days,
    hint="The forecast date is the cable's date plus two weeks; subtract it from the outcome date and take .days. "
         "Earlier than forecast gives a negative number.",
    answer_type=int,
    wrong_examples=(3, 14, 11, -14),
    mistakes=lambda: (
        (-_du_yuming_days(), "Right size, wrong sign: subtract the forecast date from the outcome date, so early is negative."),
    ),
))

register(Question(
    qid="04-q14",
    expected=_laborer_ratios,
    hint="First keep only the rows the sources policy allows (confidence high or medium, contested \"no\", "
         "verified \"yes\"), then for each campaign divide the smallest labourer figure by the cable's figure "
         "named in cable_quantity_id; round to 2 decimals.",
    answer_type=dict,
    wrong_examples=({"Huaihai": 4.53}, {"Huaihai": 9.08}, {"Huaihai": 9.05, "Pingjin": 3.75}),
    mistakes=lambda: (
        (_laborer_ratios(only_citable=False),
         "You used every row, including the contested and unverified ones that the sources policy rules out."),
    ),
))

register(Question(
    qid="04-q12",
    expected=_exact_but_round,
    hint="Keep the rows whose kind is \"digits\" and whose precision is \"exact\", then those whose value "
         "divides evenly by 100,000 (the % operator). Answer with a set of quantity_id strings.",
    answer_type=(set, list, tuple),
    wrong_examples=({"q10", "q11"}, {"q07", "q10", "q11", "q12", "q17", "q18", "q20"}, {"q10", "q11", "q12", "q20"}),
    mistakes=lambda: (
        (_exact_but_round(("exact", "about")),
         "You kept the rows hedged with \"about\" too: the task asks for figures stated without any hedge."),
    ),
))

register(Question(
    qid="04-q6",
    expected=_majority_lower_bound,
    hint="\"The majority\" means more than half. Half of 170 is 85; which is the smallest whole number of "
         "divisions that is more than half?",
    answer_type=int,
    wrong_examples=(170, 84, 50),
    mistakes=lambda: (
        (_majority_lower_bound(strict=False), "Exactly half is not a majority: the bound is the next whole number."),
    ),
))

register(Question(
    qid="04-q9",
    expected=_men_per_division,
    hint="Take the citable figure for Guomindang losses in the Pingjin campaign from refs and divide it by all "
         "of Fu Zuoyi's divisions that the cable counts (row q13).",
    answer_type=(int, float),
    wrong_examples=(10_000, 520_000, 48),
    mistakes=lambda: (
        (_men_per_division(("q15",)), "You divided by the 33 encircled divisions only; the losses cover all 48 of Fu Zuoyi's divisions."),
        (_men_per_division(("q14",)), "You divided by the 15 destroyed divisions only; the losses cover all 48 of Fu Zuoyi's divisions."),
    ),
))

register(Question(
    qid="04-q2",
    expected=_digit_numbers_in_truman_1947,
    hint="Use the same thousands-aware pattern as for the cable, on state_union.raw(\"1947-Truman.txt\").",
    answer_type=int,
    wrong_examples=(22, 0, 100),
    mistakes=lambda: (
        (_digit_numbers_in_truman_1947(r"\d+"),
         "Your pattern splits numbers with thousands separators (665,000 becomes 665 and 000)."),
    ),
))

register(Question(
    qid="04-q11",
    expected=_changed_at_five_percent,
    hint="Compute every verdict twice, with the tolerance at 10% and at 5% of the reach, and keep the forecast ids "
         "whose verdicts differ. Answer with a set.",
    answer_type=(set, list, tuple),
    wrong_examples=(set(), {"f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8"}, {"f3"}),
    mistakes=lambda: (
        (_not_on_time_at_five_percent(),
         "Those are all the forecasts not on time at 5%: keep only those whose verdict is different from the 10% verdict."),
    ),
))

register(Question(
    qid="04-q4",
    expected=_two_operations,
    hint="Troops: the two field-army figures (q10, q17). Civilians: the two support-worker figures of these two "
         "operations (q11, q18). Divisions: all Guomindang divisions engaged near Suizhou (finished off plus remaining) "
         "plus Fu Zuoyi's.",
    answer_type=dict,
    wrong_examples=({"troops": 1_500_000, "civilians": 1_000_000},
                    {"troops": 1_200_000, "civilians": 1_300_000, "divisions": 102}),
    mistakes=lambda: (
        (_two_operations(south_divisions=("q03",)),
         "For Suizhou you counted only the 35 divisions finished off; add the 19 still encircled."),
        (_two_operations(north_civilians="q20"),
         "The 900,000 support workers (q20) were in the Manchurian operation; the northern operation's are q18."),
    ),
))

register(Question(
    qid="04-q13",
    expected=_bounded_numbers_in_truman_1948,
    hint="Join the bound words with | into one group, follow it with whitespace, an optional $ and the "
         "thousands-aware digit pattern, and search case-insensitively.",
    answer_type=int,
    wrong_examples=(0, 57),
    mistakes=lambda: (
        (_bounded_numbers_in_truman_1948(flags=0),
         "Your search is case-sensitive, so \"Over\" at the start of a sentence is missed: add re.IGNORECASE."),
        (_bounded_numbers_in_truman_1948(dollar=False),
         "Sums of money are written \"$850\": allow an optional \\$ between the bound word and the digits."),
    ),
))
