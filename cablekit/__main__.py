"""Command line for the collection's plumbing: ``python -m cablekit COMMAND [options]``.

From the repository folder, ``python3 tasks.py COMMAND ...`` runs the same commands after setting
up the environment, so it works where ``python -m cablekit`` does not (outside the .venv).

    nltk                          fetch missing NLTK resources (postBuild runs this)
    exercises [--check | --force] regenerate exercises/ from solutions/, or report drift
    outputs [NOTEBOOK ...]        re-execute notebooks (all, or the ones named) to refresh their stored
                                  outputs, then regenerate exercises/
    manifest [--check]            rewrite data/MANIFEST.sha256, or verify data/ against it
    rubrics [--check]             rewrite docs/rubrics.md from solutions/, or report drift
    nbgrader COURSE [NOTEBOOK ...] write an nbgrader course folder's source/ from solutions/, marked up
                                  for grading (docs/instructor-guide.md, "Grading with nbgrader")

Every command takes --help; an unknown option is refused with the usage line.
"""
from __future__ import annotations

import argparse
import importlib
import sys


def parser() -> argparse.ArgumentParser:
    """The one definition of every command's options (``main`` passes the checked options on).

    >>> parser().parse_args(["exercises", "--check"]).check
    True
    """
    commands = argparse.ArgumentParser(prog="python -m cablekit", description=__doc__.split("\n\n")[0],
                                       epilog="Details: python -m cablekit COMMAND --help")
    sub = commands.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub.add_parser("nltk", help="fetch missing NLTK resources (postBuild runs this)",
                   description="Fetch the NLTK resources the collection needs that are missing (the list is in "
                               "cablekit/nltk_setup.py). Where NLTK_DATA has them, nothing is downloaded.")
    exercises = sub.add_parser("exercises", help="regenerate exercises/ from solutions/, or report drift",
                               description="Regenerate exercises/ from solutions/. An exercise notebook edited by "
                                           "hand since it was generated is not overwritten unless --force.")
    mode = exercises.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="only report exercise notebooks that are out of date "
                                                            "(exit 1 if any); works offline")
    mode.add_argument("--force", action="store_true", help="overwrite even hand-edited exercise notebooks, first "
                                                            "copying each to exercises/backups/")
    outputs = sub.add_parser("outputs", help="re-execute notebooks to refresh their stored outputs",
                             description="Execute notebooks top to bottom in a fresh kernel and store their outputs; "
                                         "then regenerate exercises/ from solutions/.")
    outputs.add_argument("notebooks", nargs="*", metavar="NOTEBOOK",
                         help="notebooks to execute (default: every one in notebooks/ and solutions/)")
    for name, what in (("manifest", "rewrite data/MANIFEST.sha256, or with --check verify data/ against it"),
                       ("rubrics", "rewrite docs/rubrics.md from solutions/, or with --check report drift")):
        command = sub.add_parser(name, help=what, description=what[0].upper() + what[1:] + ".")
        command.add_argument("--check", action="store_true", help="only check; exit 1 on a difference")
    grading = sub.add_parser("nbgrader", help="write an nbgrader course folder's source/ from solutions/",
                             description="Write COURSE/source/lessonNN/NN-name.ipynb for every solution notebook (or "
                                         "the ones named), marked up for nbgrader: answer cells, a hidden test in "
                                         "each self-check cell (1 point), written answers graded by hand (3 points); "
                                         "and COURSE/nbgrader_config.py if there is none.")
    grading.add_argument("course", metavar="COURSE", help="the course folder (created if missing)")
    grading.add_argument("notebooks", nargs="*", metavar="NOTEBOOK", help="solution notebooks (default: all)")
    return commands


_MODULES = {"nltk": "cablekit.nltk_setup", "exercises": "cablekit.exercises", "outputs": "cablekit.outputs",
            "manifest": "cablekit.manifest", "rubrics": "cablekit.course", "nbgrader": "cablekit.course:nbgrader_main"}


def main(argv: list[str]) -> int:
    """Parse the command line (``--help``; unknown options refused with usage, exit 2), then run the command.

    >>> main(["exercises", "--bogus"])  # doctest: +SKIP
    usage: python -m cablekit exercises [-h] [--check | --force]
    python -m cablekit exercises: error: unrecognized arguments: --bogus
    """
    commands = parser()
    args, unknown = commands.parse_known_args(argv)
    if unknown:  # refused with the command's own usage line, not the top-level one
        sub = next(a for a in commands._actions if isinstance(a, argparse._SubParsersAction))
        sub.choices[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    passed = [f"--{option}" for option in ("check", "force") if getattr(args, option, False)]
    passed += [args.course] if args.command == "nbgrader" else []
    passed += getattr(args, "notebooks", [])
    module, _, function = _MODULES[args.command].partition(":")
    run = getattr(importlib.import_module(module), function or "main")
    return run(passed)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
