"""One plotting look for the whole collection."""
import matplotlib.pyplot as plt
import seaborn as sns

#: seaborn's colour-blind-safe palette, used for every categorical colour.
PALETTE = "colorblind"
#: The widest a figure is drawn, in pixels: in JupyterLab at 1280 px with the file browser open,
#: a figure's output area is 848 px wide (measured by tests/test_browser.py), so a figure this
#: wide is never scaled down.
MAX_FIGURE_PX = 800


def use_theme() -> None:
    """Set seaborn's theme: white grid, colour-blind-safe palette, readable sizes; a figure
    drawn at the default size is at most MAX_FIGURE_PX wide.

    >>> use_theme()
    >>> plt.rcParams["figure.figsize"][0] * plt.rcParams["figure.dpi"] <= MAX_FIGURE_PX
    True
    """
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
