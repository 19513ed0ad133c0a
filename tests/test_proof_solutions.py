"""tests/test_proof.py's determinism and second-Run-All check, for the notebooks in solutions/.

A module of its own only so that pytest-xdist (``--dist loadscope``, one module per worker) runs
these beside the lessons' runs; what is checked, and how, is in tests/test_proof.py.
"""
import pytest

from test_proof import NOTEBOOKS, check_same_outputs_and_second_run_all


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.parent.name == "solutions"], ids=lambda p: p.name)
def test_same_outputs_under_another_hash_seed_and_on_a_second_run_all(path):
    check_same_outputs_and_second_run_all(path)
