"""Damaged data is named as damaged, and cablekit finds the right copy of data/ (issues 15 and 16).

Every test works on a copy of data/ in a temporary folder, chosen through CABLEKIT_DATA or the
working folder; the repository's own data/ is only read.

    .venv/bin/python -m pytest -p no:xdist -o addopts="" tests/test_damaged_data.py
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from cablekit import data
from cablekit.errors import CableKitError, DamagedDataError
from cablekit.manifest import write_manifest

REPO_DATA = data.REPO_DIR / "data"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"]


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch):
    """Each test starts with nothing found or checked, and no CABLEKIT_DATA from outside."""
    monkeypatch.delenv("CABLEKIT_DATA", raising=False)
    data.recheck()
    yield
    data.recheck()


def make_collection(root: Path, git: bool = True) -> Path:
    """A copy of the collection's data/ (plus an empty notebooks/) under root; a git repo if asked."""
    shutil.copytree(REPO_DATA, root / "data", ignore=shutil.ignore_patterns("__pycache__"))
    for path in (root / "data").rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)  # tasks.py test makes the original read-only
    (root / "data").chmod(0o755)
    (root / "notebooks").mkdir()
    write_manifest(root / "data")  # the copy matches its manifest even while others edit the original
    if git:
        subprocess.run([*GIT, "init", "-q"], cwd=root, check=True)
        subprocess.run([*GIT, "add", "data"], cwd=root, check=True)
        subprocess.run([*GIT, "commit", "-q", "-m", "copy"], cwd=root, check=True)
    return root


@pytest.fixture
def collection(tmp_path, monkeypatch):
    """A git copy of the collection; the working folder is its notebooks/, as for a kernel."""
    root = make_collection(tmp_path / "mao-stalin-cable")
    monkeypatch.chdir(root / "notebooks")
    return root


def one_line(error: BaseException) -> str:
    message = str(error)
    assert "\n" not in message and len(message) < 300, message
    return message


def test_an_intact_copy_loads_silently(collection, capsys):
    assert data.data_dir() == collection / "data"
    started = time.perf_counter()
    assert data.damage() == {}
    assert time.perf_counter() - started < 0.5  # the whole folder is hashed: it must stay cheap
    assert data.load_text() == (REPO_DATA / "cable.txt").read_text(encoding="utf-8")
    assert capsys.readouterr().err == ""


def test_one_changed_character_in_the_cable_warns_once_naming_file_and_fix(collection, capsys):
    cable = collection / "data" / "cable.txt"
    original = cable.read_text(encoding="utf-8")
    cable.write_text(original.replace("Stalin", "Stalim", 1), encoding="utf-8")
    assert data.load_text().startswith("Comrade Stalim!")  # loading goes on
    # (a second line says the package's own copy differs and is not used: true here)
    [line] = [line for line in capsys.readouterr().err.splitlines() if "data/cable.txt" in line]
    assert line.startswith("cablekit: warning: data/cable.txt (changed) differs from the collection's checksums")
    assert f"Restore with: cd {collection} && git checkout -- data/" in line
    data.load_text()
    data.load_table("people")
    assert capsys.readouterr().err == ""  # once per process


def test_a_bom_in_the_cable_is_named_and_does_not_change_the_text(collection, capsys):
    cable = collection / "data" / "cable.txt"
    cable.write_bytes(b"\xef\xbb\xbf" + cable.read_bytes())
    assert data.load_text() == (REPO_DATA / "cable.txt").read_text(encoding="utf-8")
    assert "data/cable.txt (changed)" in capsys.readouterr().err


def test_a_table_edited_on_purpose_warns_but_loads(collection, capsys):
    people = collection / "data" / "people.csv"
    table = pd.read_csv(people, dtype=str, keep_default_na=False)
    table.iloc[0, 0] = table.iloc[0, 0] + " (my note)"
    table.to_csv(people, index=False)
    loaded = data.load_table("people")
    assert loaded.iloc[0, 0].endswith("(my note)")
    assert "data/people.csv (changed)" in capsys.readouterr().err


def test_an_emptied_csv_is_one_line_naming_file_and_fix(collection):
    (collection / "data" / "numbers.csv").write_text("", encoding="utf-8")
    with pytest.raises(DamagedDataError) as caught:
        data.load_table("numbers")
    message = one_line(caught.value)
    assert message.startswith("data/numbers.csv is empty") and "git checkout -- data/" in message


def test_a_csv_cut_short_is_one_line_naming_file_and_fix(collection):
    numbers = collection / "data" / "numbers.csv"
    raw = numbers.read_bytes()
    numbers.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(DamagedDataError) as caught:
        data.load_table("numbers")
    message = one_line(caught.value)
    assert message.startswith("data/numbers.csv is cut short") and "git checkout -- data/" in message


@pytest.mark.parametrize("name", ["numbers", "paragraphs"])
def test_a_deleted_table_is_named_missing_not_unknown(collection, name):
    (collection / "data" / f"{name}.csv").unlink()
    loader = data.load_paragraphs if name == "paragraphs" else (lambda: data.load_table(name))
    with pytest.raises(DamagedDataError) as caught:
        loader()
    assert one_line(caught.value) == (f"data/{name}.csv is missing (damaged copy): "
                                      f"restore it with: cd {collection} && git checkout -- data/")


def test_a_deleted_or_broken_cable_and_metadata_are_named(collection):
    (collection / "data" / "cable.txt").write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(DamagedDataError, match=r"^data/cable\.txt is not UTF-8 text"):
        data.load_text()
    (collection / "data" / "metadata.json").write_text('{"date": ', encoding="utf-8")
    with pytest.raises(DamagedDataError, match=r"^data/metadata\.json is not valid JSON"):
        data.load_metadata()
    (collection / "data" / "metadata.json").unlink()
    with pytest.raises(DamagedDataError, match=r"^data/metadata\.json is missing"):
        data.load_metadata()


def test_a_students_own_broken_table_is_not_called_damaged_data(collection):
    (collection / "data" / "mine.csv").write_text("word,count\nforces,3\narmy\n", encoding="utf-8")
    with pytest.raises(CableKitError) as caught:
        data.load_table("mine")
    assert not isinstance(caught.value, DamagedDataError)
    assert one_line(caught.value) == ("data/mine.csv is cut short or malformed (line 3 has 1 of 2 columns): "
                                      "it is not one of the collection's files, so fix it by hand.")


def test_an_unknown_table_name_is_still_a_naming_mistake(collection):
    with pytest.raises(CableKitError) as caught:
        data.load_table("nubmers")
    assert not isinstance(caught.value, DamagedDataError)
    assert one_line(caught.value).startswith("No table called 'nubmers'")


def test_restore_command_from_the_copy_itself_and_from_home(collection, monkeypatch):
    monkeypatch.chdir(collection)
    assert data.restore_command() == "git checkout -- data/"
    monkeypatch.setenv("HOME", str(collection.parent))
    monkeypatch.chdir(collection / "notebooks")
    data.recheck()
    assert data.restore_command() == f"cd ~/{collection.name} && git checkout -- data/"


@pytest.mark.parametrize("where", ["notebooks", "/"])
def test_the_printed_restore_command_restores_the_copy(collection, capsys, where):
    """Run the command exactly as printed, from the notebook's folder and from elsewhere (a
    terminal's folder): the damage is gone."""
    (collection / "data" / "numbers.csv").unlink()
    (collection / "data" / "cable.txt").write_text("Comrade Stalin! (edited)\n", encoding="utf-8")
    with pytest.raises(DamagedDataError) as caught:
        data.load_table("numbers")
    command = str(caught.value).split("restore it with: ", 1)[1]
    subprocess.run(command, shell=True, check=True, cwd=collection / where if where != "/" else "/",
                   capture_output=True)
    data.recheck()
    assert data.damage() == {}
    assert len(data.load_table("numbers")) > 0


def test_outside_git_the_fix_is_a_new_download(tmp_path, monkeypatch):
    root = make_collection(tmp_path / "unzipped", git=False)
    monkeypatch.chdir(root)
    (root / "data" / "numbers.csv").unlink()
    with pytest.raises(DamagedDataError, match="download the collection again"):
        data.load_table("numbers")


def test_a_missing_manifest_is_said_and_loading_goes_on(collection, capsys):
    (collection / "data" / "MANIFEST.sha256").write_text("", encoding="utf-8")
    data.load_text()
    assert "data/MANIFEST.sha256 is missing or empty" in capsys.readouterr().err


# --- Finding data/ (issue 16) -----------------------------------------------------------------


def test_cablekit_data_names_the_copy_to_use(tmp_path, monkeypatch):
    root = make_collection(tmp_path / "copy")
    monkeypatch.chdir(tmp_path)
    for value in (root / "data", root):  # the data/ folder, or the collection that holds it
        monkeypatch.setenv("CABLEKIT_DATA", str(value))
        data.recheck()
        assert data.data_dir() == root / "data"
    monkeypatch.setenv("CABLEKIT_DATA", str(tmp_path / "nowhere"))
    data.recheck()
    with pytest.raises(DamagedDataError) as caught:
        data.load_text()
    assert "CABLEKIT_DATA=" in one_line(caught.value) and "unset it" in str(caught.value)


def test_two_differing_copies_are_announced_once_naming_the_one_used(collection, capsys):
    cable = collection / "data" / "cable.txt"
    cable.write_text(cable.read_text(encoding="utf-8") + "\nA line of a newer edition.\n", encoding="utf-8")
    write_manifest(collection / "data")  # a newer, consistent edition: differs from the package's
    assert data.load_text().endswith("A line of a newer edition.\n")
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "using the data in ../data (the collection around the working folder)" in err
    assert "(the copy beside the installed cablekit package)" in err
    data.load_table("people")
    assert capsys.readouterr().err == ""


def test_an_identical_second_copy_is_not_announced(collection, capsys):
    data.load_text()
    assert capsys.readouterr().err == ""


def test_a_non_editable_install_finds_the_students_copy(tmp_path):
    site = tmp_path / "site-packages"
    shutil.copytree(data.REPO_DIR / "cablekit", site / "cablekit", ignore=shutil.ignore_patterns("__pycache__"))
    home = tmp_path / "home"
    root = make_collection(home / "mao-stalin-cable")
    nowhere = tmp_path / "elsewhere"
    nowhere.mkdir()
    # one process, started in a notebook's folder, then moving as a student's kernel would; the
    # folder is looked up afresh for each working folder (data_dir() caches by working folder)
    folders = [root / "notebooks", root, home, nowhere]
    code = ("import os, sys, cablekit, cablekit.data as d, cablekit.errors as e\n"
            "assert d.REPO_DIR.name == 'site-packages', d.REPO_DIR\n"
            "for folder in sys.argv[1:]:\n"
            "    os.chdir(folder)\n"
            "    try:\n"
            "        print(d.data_dir(), '|', cablekit.load_text().splitlines()[0])\n"
            "    except e.CableKitError as problem:\n"
            "        print(type(problem).__name__, '|', problem)\n")
    env = {key: value for key, value in os.environ.items() if key != "CABLEKIT_DATA"}
    env["PYTHONPATH"] = str(site)  # only to stand in for site-packages in this unit test
    done = subprocess.run([sys.executable, "-c", code, *map(str, folders)], cwd=folders[0], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    lines = done.stdout.splitlines()
    assert lines[:3] == [f"{root / 'data'} | Comrade Stalin!"] * 3, lines  # a notebook's folder, the copy, the home folder
    assert lines[3].startswith("DamagedDataError | Cannot find the collection's data/ folder from "), lines[3]
    assert "set CABLEKIT_DATA" in lines[3]
