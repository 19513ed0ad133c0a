"""Find data/ from anywhere and load the cable and its tables."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from cablekit.errors import CableKitError

REPO_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_DIR / "data"

#: The order of the cable's parts, used to sort anything grouped by point.
POINT_ORDER = ["salutation"] + [str(n) for n in range(1, 13)] + ["closing", "signature"]


def table_names() -> list[str]:
    """Names of the CSV tables in data/, sorted.

    >>> "paragraphs" in table_names()
    True
    """
    return sorted(path.stem for path in DATA_DIR.glob("*.csv"))


def load_text() -> str:
    """The cable's text, from "Comrade Stalin!" to "Mao Zedong", as one string.

    Paragraphs are separated by a blank line; the text ends with a newline.

    >>> load_text().splitlines()[0]
    'Comrade Stalin!'
    """
    return (DATA_DIR / "cable.txt").read_text(encoding="utf-8")


def load_table(name: str) -> pd.DataFrame:
    """Load one table from data/ by name (without ".csv") as a DataFrame.

    Text columns stay text: nothing is guessed to be a date. A column named
    ``point`` becomes an ordered category (salutation, 1-12, closing, signature).

    >>> load_table("paragraphs").shape[1] >= 3
    True
    """
    if not isinstance(name, str) or not name.strip():
        raise CableKitError(f"Give a table name as text, one of: {', '.join(table_names())}.")
    clean = name.strip().removesuffix(".csv")
    if clean not in table_names():
        raise CableKitError(f"No table called {name[:60]!r}. Choose one of: {', '.join(table_names())}.")
    table = pd.read_csv(DATA_DIR / f"{clean}.csv", dtype={"point": str}, keep_default_na=False, na_values=[""])
    if "point" in table.columns:
        table["point"] = pd.Categorical(table["point"], categories=POINT_ORDER, ordered=True)
    return table


def load_paragraphs() -> pd.DataFrame:
    """The cable as a DataFrame, one row per paragraph, in the cable's order.

    Columns: paragraph_id, point, paragraph_in_point, text. A numbered point
    opens with its first paragraph; the "2. " label itself is not part of text.

    >>> paragraphs = load_paragraphs()
    >>> paragraphs.loc[0, "text"]
    'Comrade Stalin!'
    """
    return load_table("paragraphs")


def load_metadata() -> dict:
    """The cable's metadata (title, date, archive, call number, source, translator...).

    >>> load_metadata()["date"]
    '1948-12-30'
    """
    return json.loads((DATA_DIR / "metadata.json").read_text(encoding="utf-8"))
