"""The engine's array shortcuts give the same numbers as the plain numpy way."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from metrics_builders import PARAMS, dataset, emp

from popanalytics.metrics.context import make_context, whole_medians
from popanalytics.metrics.population import COVERAGE_TYPES, has_row_by_kind
from popanalytics.metrics.prepare import compress, prepare

pairs = st.lists(st.tuples(st.integers(0, 4), st.integers(-3000, 3000)), min_size=0, max_size=60)


@settings(max_examples=60, deadline=None)
@given(pairs, st.booleans())
def test_whole_medians_equal_numpy_median_per_group(
    rows: list[tuple[int, int]], wide: bool
) -> None:
    g = np.array([r[0] for r in rows], dtype=np.int64)
    # wide: spread the values so the sort fallback (too many histogram cells) runs
    v = np.array([r[1] * (1000 if wide else 1) for r in rows], dtype=float)
    got = whole_medians(g, v, 5)
    for group in range(5):
        values = v[g == group]
        if len(values):
            assert got[group] == np.median(values)
        else:
            assert np.isnan(got[group])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(-1, 2)), max_size=40))
def test_has_row_by_kind_equals_one_scatter_per_kind(rows: list[tuple[int, int]]) -> None:
    ctx = make_context(prepare(dataset([emp(f"e{i}") for i in range(6)])), PARAMS)
    e = np.array([r[0] for r in rows], dtype=np.int64)
    kind = np.array([r[1] for r in rows], dtype=np.int64)
    grid = has_row_by_kind(ctx, e, kind)
    for i, name in enumerate(COVERAGE_TYPES):
        pick = np.ones(len(e), dtype=bool) if name == "any" else kind == i
        expected = np.zeros(6, dtype=bool)
        expected[e[pick]] = True
        assert (grid[:, i] == expected).all(), name


def test_compress_is_boolean_indexing() -> None:
    values = np.arange(10) * 1.5
    mask = np.array([1, 0, 0, 1, 1, 0, 1, 0, 0, 1], dtype=bool)
    assert (compress(values, mask) == values[mask]).all()
