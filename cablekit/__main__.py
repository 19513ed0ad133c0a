"""Command line for the collection's plumbing.

    python -m cablekit nltk                 fetch missing NLTK resources (postBuild runs this)
    python -m cablekit exercises [--check|--force]  regenerate exercises/ from solutions/, or report drift
    python -m cablekit outputs [NOTEBOOK..] re-execute notebooks to refresh their stored outputs
    python -m cablekit manifest [--check]   rewrite data/MANIFEST.sha256, or verify data/ against it
    python -m cablekit rubrics [--check]    rewrite docs/rubrics.md from solutions/, or report drift
"""
import sys


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if command == "nltk":
        from cablekit.nltk_setup import main as run
    elif command == "exercises":
        from cablekit.exercises import main as run
    elif command == "outputs":
        from cablekit.outputs import main as run
    elif command == "manifest":
        from cablekit.manifest import main as run
    elif command == "rubrics":
        from cablekit.course import main as run
    else:
        print(__doc__)
        return 0 if command in ("help", "-h", "--help") else 2
    return run(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
