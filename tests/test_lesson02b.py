"""Lesson 2b: the exact test, Holm's correction, Gries's DP, the share interval, the stored reference
counts, and the claims the lesson makes about the cable's key words."""
import os
import math
from collections import Counter
from fractions import Fraction

import pytest

from cablekit import load_paragraphs, load_table
from cablekit.errors import CableKitError
from cablekit.keyness import (REFERENCES, binomial_p, dp, g2, holm, keyness, log_ratio, reference_corpus,
                              reference_counts_table, share_interval)
from cablekit.text import cable_words


def _exact_two_sided(a, b, n1, n2):
    """The exact test with fractions (no logarithms), independent of cablekit's implementation."""
    n, s = a + b, Fraction(n1, n1 + n2)
    probabilities = [math.comb(n, k) * s**k * (1 - s) ** (n - k) for k in range(n + 1)]
    return float(sum(p for p in probabilities if p <= probabilities[a]))


def _words():
    return cable_words("\n\n".join(load_paragraphs()["text"]))


# --- the functions against values worked out independently ---------------------------------------------

def test_binomial_p_on_equal_halves_is_the_textbook_value():
    # 3 of 8 with equal halves: every split but 4-4 is at least as unlikely: (1 + 8 + 28 + 56) * 2 / 256
    assert binomial_p(3, 5, 100, 100) == pytest.approx(186 / 256)
    assert binomial_p(4, 4, 100, 100) == pytest.approx(1.0)
    assert binomial_p(0, 8, 100, 100) == pytest.approx(2 / 256)


@pytest.mark.parametrize("a, b, n1, n2", [(3, 5, 700, 650), (14, 0, 1394, 43827), (21, 39, 1394, 43827),
                                          (0, 30, 1394, 43827), (9, 3, 720, 654), (1, 1, 10, 1000)])
def test_binomial_p_matches_exact_fractions(a, b, n1, n2):
    assert binomial_p(a, b, n1, n2) == pytest.approx(_exact_two_sided(a, b, n1, n2), rel=1e-9)


def test_binomial_p_handles_common_words_without_overflow():
    p = binomial_p(152, 3000, 1394, 43827)
    assert 0 <= p <= 1


def test_holm_on_a_hand_example():
    # sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> kept at least 0.06
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert holm([0.9, 0.8]) == pytest.approx([1.0, 1.0])   # capped at 1


@pytest.mark.parametrize("bad", [[], "0.1", [1.5], [-0.1], [True], None])
def test_holm_bad_input(bad):
    with pytest.raises(CableKitError):
        holm(bad)


def test_dp_hand_examples():
    assert dp([3, 1], [30, 10]) == pytest.approx(0.0)          # spread exactly like the parts
    assert dp([0, 4], [30, 10]) == pytest.approx(0.75)         # |0 - .75| + |1 - .25| = 1.5, halved
    assert dp([2, 0], [10, 10]) == pytest.approx(0.5)
    with pytest.raises(CableKitError):
        dp([0, 0], [1, 1])


def test_share_interval_matches_published_clopper_pearson_values():
    # R: binom.test(3, 8)$conf.int = 0.08523341 0.75513678
    assert share_interval(3, 8) == pytest.approx((0.08523341, 0.75513678), abs=1e-6)
    # 0 of 10: upper end 1 - 0.025 ** (1 / 10)
    assert share_interval(0, 10) == pytest.approx((0.0, 1 - 0.025 ** 0.1), abs=1e-9)
    low, high = share_interval(10, 10)
    assert high == 1.0 and low == pytest.approx(0.025 ** 0.1, abs=1e-9)
    with pytest.raises(CableKitError):
        share_interval(9, 8)


# --- the stored reference counts ------------------------------------------------------------------------

def test_reference_counts_file_is_rebuilt_exactly_from_nltk():
    import nltk

    for corpus in ("brown", "inaugural"):   # not needed by the lessons themselves, only to rebuild the file
        try:
            nltk.data.find(f"corpora/{corpus}")
        except LookupError:
            message = f"NLTK's {corpus} corpus is missing: python -m nltk.downloader {corpus}"
            pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    stored = load_table("reference_counts")
    rebuilt = reference_counts_table()
    assert list(stored.columns) == ["word", *REFERENCES, "source"]
    assert set(stored["source"]) == {"nltk"}
    assert stored.shape == rebuilt.shape
    assert stored["word"].tolist() == rebuilt["word"].tolist()
    for column in REFERENCES:
        assert stored[column].tolist() == rebuilt[column].tolist(), column


def test_reference_counts_truman_column_is_the_lesson_reference():
    stored = load_table("reference_counts")
    truman = {w: int(c) for w, c in zip(stored["word"], stored["truman"]) if c}
    assert truman == dict(Counter(reference_corpus("truman")))
    # every column is a real corpus: tens of thousands of words, "the" the commonest
    for column in REFERENCES:
        assert stored[column].sum() > 15_000
        assert stored.loc[stored[column].idxmax(), "word"] == "the"


# --- the lesson's claims ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def truman_table():
    words, reference = _words(), list(reference_corpus("truman"))
    table = keyness(words, reference)
    table["p_exact"] = [binomial_p(a, b, len(words), len(reference)) for a, b in zip(table["target_count"], table["reference_count"])]
    table["p_holm"] = holm(table["p_exact"].tolist())
    return table, len(words), len(reference)


def test_bonferroni_keeps_only_over_used_words(truman_table):
    table, _, _ = truman_table
    cutoff = 19.38   # chi-square (1 df) at 0.05 / 4672, checked below by its p-value
    assert math.erfc(math.sqrt(cutoff / 2)) == pytest.approx(0.05 / len(table), rel=0.01)
    survivors = table[table["g2"] >= cutoff]
    assert len(survivors) > 10 and set(survivors["direction"]) == {"over"}


def test_no_under_used_word_can_pass_holm(truman_table):
    table, n1, n2 = truman_table
    assert not ((table["p_holm"] < 0.05) & (table["direction"] == "under")).any()
    s = n1 / (n1 + n2)
    needed = math.ceil(math.log(0.05 / len(table)) / math.log(1 - s))
    # the reference's commonest word that the cable never uses falls far short of the needed count
    assert table.loc[table["target_count"] == 0, "reference_count"].max() < needed


def test_expected_counts_of_key_words_are_too_small_for_chi_square(truman_table):
    table, n1, n2 = truman_table
    key = table[table["p_holm"] < 0.05]
    expected = n1 * (key["target_count"] + key["reference_count"]) / (n1 + n2)
    assert (expected < 5).all()
    # the chi-square p-value understates the exact one for these words
    chi = [math.erfc(math.sqrt(g / 2)) for g in key["g2"]]
    assert all(c < e for c, e in zip(chi, key["p_exact"]))


def test_words_never_in_the_reference_share_one_log_ratio_per_count(truman_table):
    table, n1, n2 = truman_table
    absent = table[(table["reference_count"] == 0) & (table["target_count"] == 4)]
    assert len(absent) >= 5
    assert absent["log_ratio"].nunique() == 1
    assert absent["log_ratio"].iloc[0] == pytest.approx(math.log2(4) + math.log2(2 * n2 / n1))


def test_g2_by_hand_for_forces_two_and_four_cells():
    words, reference = _words(), list(reference_corpus("truman"))
    a, b, n1, n2 = Counter(words)["forces"], Counter(reference)["forces"], len(words), len(reference)
    total = n1 + n2
    four = 2 * sum(o * math.log(o / (r * c / total)) for o, r, c in
                   [(a, a + b, n1), (b, a + b, n2), (n1 - a, total - a - b, n1), (n2 - b, total - a - b, n2)])
    assert g2(a, b, n1, n2) < four < g2(a, b, n1, n2) + 1   # the shortcut leaves out two small terms
    assert log_ratio(a, b, n1, n2) == pytest.approx(math.log2((a / n1) / (b / n2)))


def test_pmi_of_pairs_seen_twice_depends_only_on_the_words_counts():
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
    from nltk.corpus import stopwords

    stop = set(stopwords.words("english")) | set(load_table("custom_stopwords")["word"])
    finder = BigramCollocationFinder.from_words(_words())
    finder.apply_word_filter(lambda w: w in stop)
    n = finder.word_fd.N()
    twice = [(pair, finder.score_ngram(BigramAssocMeasures.pmi, *pair)) for pair, c in finder.ngram_fd.items() if c == 2]
    assert len(twice) > 5
    for pair, pmi in twice:
        assert pmi == pytest.approx(math.log2(2 * n) - math.log2(finder.word_fd[pair[0]] * finder.word_fd[pair[1]]))


def test_power_of_eight_occurrences_for_a_threefold_difference():
    # only 0-8 and 8-0 reach p < 0.05 with equal halves; their probability when the true share is 1/4:
    assert binomial_p(1, 7, 100, 100) > 0.05 and binomial_p(0, 8, 100, 100) < 0.05
    assert 0.75**8 + 0.25**8 == pytest.approx(0.1001, abs=1e-4)


def test_key_words_change_with_the_reference():
    stored = load_table("reference_counts")
    words = _words()
    keys = {}
    for column in ["truman", "brown_news", "brown_government", "inaugural"]:
        reference = Counter({w: int(c) for w, c in zip(stored["word"], stored[column]) if c})
        table = keyness(words, reference)
        n2 = sum(reference.values())
        table["p_holm"] = holm([binomial_p(a, b, len(words), n2) for a, b in zip(table["target_count"], table["reference_count"])])
        keys[column] = set(table.loc[(table["p_holm"] < 0.05) & (table["direction"] == "over"), "word"])
    shared = set.intersection(*keys.values())
    assert {"guomindang", "forces"} <= shared
    assert "we" in keys["brown_news"] and "we" not in keys["truman"]
    assert len({frozenset(k) for k in keys.values()}) == 4   # four different lists
