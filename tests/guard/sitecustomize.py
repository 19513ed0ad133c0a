"""Make data/ read-only for every Python process of a test run, even one running as root.

``python3 tasks.py test`` puts this folder first on PYTHONPATH and sets
CABLEKIT_READ_ONLY_DATA to the data folder, so pytest, nbval's kernels, JupyterLab and its
kernels all start with an audit hook that refuses to create, change, move or delete anything
in data/ (PermissionError). tasks.py also removes the write permission bits from data/ (which
stops everyone but root) and verifies the checksums afterwards. Without the variable this
file does nothing.
"""
import os
import sys

_DATA = os.environ.get("CABLEKIT_READ_ONLY_DATA")
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_PATH_EVENTS = {"os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.truncate", "os.chmod", "os.chown",
                "os.utime", "os.link", "os.symlink", "shutil.rmtree", "shutil.move", "shutil.copyfile"}


def _inside(path) -> bool:
    if path is None or isinstance(path, int):
        return False
    try:
        real = os.path.realpath(os.fsdecode(path))
    except (TypeError, ValueError):
        return False
    return real == _DATA or real.startswith(_DATA + os.sep)


def _guard(event, args):
    if event == "open":
        path, mode, flags = (tuple(args) + (None, None, None))[:3]
        writing = (isinstance(flags, int) and flags & _WRITE_FLAGS) or (isinstance(mode, str) and any(c in mode for c in "wax+"))
        if writing and _inside(path):
            raise PermissionError(f"data/ is read-only while the tests run: {os.fsdecode(path)}")
    elif event in _PATH_EVENTS:
        if event in ("os.rename", "shutil.move"):
            targets = args[:2]  # moving a file out of data/ or into it
        elif event in ("os.link", "os.symlink", "shutil.copyfile"):
            targets = args[1:2]  # only the destination is written
        else:
            targets = args[:1]
        if any(_inside(target) for target in targets):
            raise PermissionError(f"data/ is read-only while the tests run ({event})")


if _DATA:
    _DATA = os.path.realpath(_DATA)
    sys.addaudithook(_guard)
