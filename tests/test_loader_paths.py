"""The loader's fast path gives exactly what its careful path gives, or steps aside.

`load_text` tries a one-pass reader first and falls back to the careful composer on anything
unusual. If the two ever disagreed, error positions or values would depend on which path ran.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import DataError
from generator.load import _careful_load, _fast_load
from tests.conftest import ROOT

DATA_FILES = sorted(
    [*(ROOT / "data").glob("*.yaml"), *(ROOT / "tests" / "fixtures" / "data").glob("*.yaml")],
    key=str,
)
BAD_INPUTS = sorted((ROOT / "tests" / "bad_inputs").rglob("*.yaml"), key=str)


def _same_as_careful(name: str, text: str) -> bool:
    """True when the fast path took the file; asserts it agrees with the careful path."""
    fast = _fast_load(name, text)
    if fast is None:
        return False
    careful = _careful_load(name, text)
    assert fast.data == careful.data
    assert fast.locations == careful.locations
    assert fast.key_locations == careful.key_locations
    return True


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_fast_path_reads_every_real_file_as_the_careful_path_does(path: Path) -> None:
    assert _same_as_careful(path.name, path.read_text(encoding="utf-8")), "the fast path stepped aside"


@pytest.mark.parametrize("path", BAD_INPUTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_fast_path_never_accepts_what_the_careful_path_refuses(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    try:
        _careful_load(path.name, text)
    except DataError:
        assert _fast_load(path.name, text) is None
    else:
        _same_as_careful(path.name, text)


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
    st.dates().map(str), st.sampled_from(["yes", "no", "~", "2019-03", "1e3", "0x1F", "<<", "!", "null"]),
)
_documents: st.SearchStrategy[Any] = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(document=_documents, style=st.sampled_from([None, False, True]))
def test_fast_path_agrees_on_any_plain_document(document: Any, style: bool | None) -> None:
    text = yaml.safe_dump(document, default_flow_style=style, allow_unicode=True)
    _same_as_careful("generated.yaml", text)
