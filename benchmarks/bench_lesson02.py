"""Benchmark for lesson 2 (a script, not a test): keyword-in-context and keyness speed.

Run from the repository root:

    NLTK_DATA=../shared/nltk_data python benchmarks/bench_lesson02.py

It prints a Markdown table. Goal: median <= 20 ms for one KWIC query once the text is
loaded. Keyness is timed over the cable (1,394 words) against Truman's addresses of
1945-1949 in NLTK's state_union (about 44,000 words), both as word lists already tokenized,
and also including the tokenizing of the reference. For lesson 2b it times the exact test for
every word, Holm's correction, and loading data/reference_counts.csv against rebuilding the five
reference corpora's counts from NLTK (the reason the counts are stored). Timings depend on the
machine; nothing here is asserted.
"""
from __future__ import annotations

import platform
import statistics
import sys
import time

from cablekit import load_paragraphs, load_table, setup_nltk
from cablekit.keyness import (_reference_corpus, binomial_p, holm, keyness, reference_corpus,
                              reference_counts_table)
from cablekit.kwic import kwic
from cablekit.text import cable_words

KWIC_QUERIES = ["forces", "servicing population", "political consultative meeting", "VKP(b)", "Taipei", "the"]
KWIC_GOAL_MS = 20.0


def timed(function, repeats: int) -> list[float]:
    """Milliseconds for each of ``repeats`` calls of ``function()``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    setup_nltk()
    kwic("warm-up")  # loads and caches the cable's paragraphs
    cable = cable_words("\n\n".join(load_paragraphs()["text"]))
    reference = list(reference_corpus("truman"))

    rows = []
    for query in KWIC_QUERIES:
        times = timed(lambda: kwic(query, width=40), repeats=200)
        rows.append((f"kwic({query!r})", len(kwic(query)), times))
    rows.append((f"keyness(cable {len(cable):,} words, reference {len(reference):,} words)",
                 len(keyness(cable, reference)), timed(lambda: keyness(cable, reference), repeats=30)))
    rows.append(("tokenize the reference with cable_words, then keyness", len(keyness(cable, reference)),
                 # reference_corpus keeps what it tokenized: its uncached function (__wrapped__) tokenizes again
                 timed(lambda: keyness(cable, _reference_corpus.__wrapped__("truman")), repeats=5)))

    # lesson 2b: the exact test for every word, Holm's correction, and why the reference counts are stored
    table = keyness(cable, reference)
    pairs = list(zip(table["target_count"].tolist(), table["reference_count"].tolist()))
    n1, n2 = len(cable), len(reference)
    p_values = [binomial_p(a, b, n1, n2) for a, b in pairs]
    rows.append((f"binomial_p for every word ({len(pairs):,} exact tests)", len(pairs),
                 timed(lambda: [binomial_p(a, b, n1, n2) for a, b in pairs], repeats=5)))
    rows.append(("holm over those p-values", len(p_values), timed(lambda: holm(p_values), repeats=30)))
    rows.append(("load data/reference_counts.csv (five references, stored)", len(load_table("reference_counts")),
                 timed(lambda: load_table("reference_counts"), repeats=10)))
    rows.append(("rebuild the five references' counts from NLTK (what the stored file saves)",
                 len(load_table("reference_counts")),
                 timed(lambda: (_reference_corpus.cache_clear(), reference_counts_table()), repeats=2)))

    print(f"Python {platform.python_version()} on {platform.machine()}; times in milliseconds\n")
    print("| operation | result rows | runs | median ms | min ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, size, times in rows:
        print(f"| {name} | {size:,} | {len(times)} | {statistics.median(times):.2f} | {min(times):.2f} | {max(times):.2f} |")
    worst_kwic = max(statistics.median(times) for name, _, times in rows if name.startswith("kwic("))
    verdict = "meets" if worst_kwic <= KWIC_GOAL_MS else "MISSES"
    print(f"\nSlowest KWIC median: {worst_kwic:.2f} ms, which {verdict} the goal of {KWIC_GOAL_MS:.0f} ms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
