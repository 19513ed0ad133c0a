"""Sphinx settings for the collection's static site (built by `python3 tasks.py site`; see website/build.py).

Sphinx + MyST-NB, not Jupyter Book 2: MyST-NB renders the notebooks' stored outputs without
executing anything (nb_execution_mode = "off"), and the whole tool chain installs from PyPI with
pip and pinned versions (requirements-dev.txt), where Jupyter Book 2 needs Node.js and the mystmd
package from npm. Jupyter Book 1 was Sphinx + MyST-NB too, so the site looks like the books
instructors know (sphinx-book-theme).
"""
import os

project = "Reading one cable: Mao Zedong to Stalin, 30 December 1948"
author = "The collection's authors (see CITATION.cff)"
copyright = "the collection's authors; teaching text CC BY 4.0, code MIT"
extensions = ["myst_nb"]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints", "_downloads-source"]  # the download copies

# Stored outputs only: nothing is executed at build time.
nb_execution_mode = "off"
# Interactive widgets cannot run on a static page: website/build.py gives each its static fallback.
nb_ipywidgets_js = {}
myst_heading_anchors = 3  # GitHub-style anchors, so the lessons' links to glossary.md#term resolve
myst_enable_extensions = ["dollarmath"]
suppress_warnings = ["myst.header"]  # notebooks start at "#" and may skip a level in a Try it box

html_theme = "sphinx_book_theme"
html_title = "Reading one cable"
html_theme_options = {
    "home_page_in_toc": True,
    "use_download_button": False,  # every page has its own download link at the top (website/build.py)
    "show_toc_level": 2,
}
html_static_path = []
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# the repository on GitHub the Binder links point at; README.md uses the same placeholder
REPOSITORY = os.environ.get("CABLEKIT_SITE_REPOSITORY", "OWNER/REPOSITORY")
