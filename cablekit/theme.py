"""One plotting look, and one way to show a table, for the whole collection."""
import numbers

from cablekit.errors import CableKitError

#: seaborn's colour-blind-safe palette, used for every categorical colour.
PALETTE = "colorblind"
#: The widest a figure is drawn, in pixels: in JupyterLab at 1280 px with the file browser open,
#: a figure's output area is 848 px wide (measured by tests/test_browser.py), so a figure this
#: wide is never scaled down.
MAX_FIGURE_PX = 800


def use_theme() -> None:
    """Set seaborn's theme: white grid, colour-blind-safe palette, readable sizes; a figure
    drawn at the default size is at most MAX_FIGURE_PX wide.

    >>> import matplotlib.pyplot as plt
    >>> use_theme()
    >>> plt.rcParams["figure.figsize"][0] * plt.rcParams["figure.dpi"] <= MAX_FIGURE_PX
    True
    """
    # imported here, not at the top: commands such as `python -m cablekit nltk` draw nothing,
    # and matplotlib and seaborn take half a second to import
    import matplotlib.pyplot as plt
    import seaborn as sns

    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, font_scale=1.1)
    plt.rcParams.update(
        {
            "figure.figsize": (8.8, 4.5),  # 792 x 405 px at 90 dpi
            "figure.dpi": 90,
            "axes.titlesize": 14,
            "axes.titleweight": "bold",
            "axes.labelsize": 12,
            "savefig.bbox": "tight",
        }
    )


def show_table(table, hide_index: bool = False, precision: int | None = None, formatter=None, formats=None):
    """A table as every lesson shows it: text columns and their headers left-aligned, text wrapped
    and never cut with "...", optionally without the row numbers. The HTML id comes from the
    table's content, so a stored output is the same on every run.

    precision: decimals for floats; formatter: a function for every cell (it overrides precision).
    formats: a dict from column name to a format string such as "{:.3f}" or a function, for those
    columns only (it overrides formatter and precision there).

    >>> import pandas as pd
    >>> html = show_table(pd.DataFrame({"word": ["we"], "count": [27]}), hide_index=True).to_html()
    >>> "text-align: left" in html and ">we<" in html
    True
    >>> ">0.50<" in show_table(pd.DataFrame({"share": [0.5]}), formats={"share": "{:.2f}"}).to_html()
    True
    """
    import zlib

    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise CableKitError("show_table() shows a DataFrame; make one with pd.DataFrame(...) first.")
    if not isinstance(hide_index, bool):
        raise CableKitError("hide_index is True or False.")
    if precision is not None and (isinstance(precision, bool) or not isinstance(precision, numbers.Integral) or not 0 <= precision <= 15):
        raise CableKitError("precision is a whole number of decimals from 0 to 15, or None.")
    if formatter is not None and not callable(formatter):
        raise CableKitError("formatter is a function that turns a cell's value into text, or None.")
    if formats is not None and not (isinstance(formats, dict) and all(
            column in table.columns and (isinstance(f, str) or callable(f)) for column, f in formats.items())):
        raise CableKitError('formats is a dict from a column of the table to a format string such as "{:.3f}" '
                            'or a function, or None.')
    text_columns = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])]
    left = {"text-align": "left", "white-space": "pre-wrap"}
    styled = table.style.set_uuid(f"t{zlib.crc32(table.to_csv().encode('utf-8', 'replace')):08x}")
    styled = styled.set_properties(subset=text_columns, **left)
    styled = styled.set_table_styles([{"selector": "th", "props": [("text-align", "left")]}], overwrite=False)
    if hide_index:
        styled = styled.hide(axis="index")
    if formatter is not None or precision is not None or formats:
        per_column = {column: (formats or {}).get(column, formatter) for column in table.columns}
        styled = styled.format(per_column, precision=None if precision is None else int(precision), na_rep="")
    return styled
