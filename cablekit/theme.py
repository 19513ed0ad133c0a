"""One plotting look for the whole collection."""
import matplotlib.pyplot as plt
import seaborn as sns

#: seaborn's colour-blind-safe palette, used for every categorical colour.
PALETTE = "colorblind"


def use_theme() -> None:
    """Set seaborn's theme: white grid, colour-blind-safe palette, readable sizes.

    >>> use_theme()
    """
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, font_scale=1.1)
    plt.rcParams.update(
        {
            "figure.figsize": (9, 4.5),
            "figure.dpi": 90,
            "axes.titlesize": 14,
            "axes.titleweight": "bold",
            "axes.labelsize": 12,
            "savefig.bbox": "tight",
        }
    )
