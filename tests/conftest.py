"""Shared test setup: NLTK must find its data before any test uses it."""
import pytest

from cablekit import setup_nltk


@pytest.fixture(scope="session", autouse=True)
def nltk_ready():
    setup_nltk()
