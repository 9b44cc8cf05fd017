"""The engine on plain arrays: factor rules and the chunked cross."""

import datetime as dt

import numpy as np

from maxww.matching import engine, geo

ON = engine.day_number(dt.date(2026, 3, 1))


def candidates(n=1, **overrides):
    base = {
        "ids": np.arange(n),
        "occupations": np.full((n, 1), 9333, dtype=np.int32),
        "hours": np.full(n, 32, dtype=np.float32),
        "vectors": geo.unit_vectors(np.full(n, 51.81), np.full(n, 4.67)),
        "known": np.ones(n, dtype=bool),
        "radius_km": np.full(n, 20, dtype=np.float32),
        "available_day": np.full(n, ON, dtype=np.int32),
        "licence": np.zeros(n, dtype=bool),
        "certificates": np.zeros(n, dtype=np.int64),
        "language": np.full(n, 2, dtype=np.int8),
    }
    base.update(overrides)
    return engine.Candidates(**base)


def vacancies(m=1, **overrides):
    base = {
        "ids": np.arange(m),
        "occupation": np.full(m, 9333, dtype=np.int32),
        "hours_min": np.full(m, 24, dtype=np.float32),
        "hours_max": np.full(m, 38, dtype=np.float32),
        "vectors": geo.unit_vectors(np.full(m, 51.81), np.full(m, 4.67)),
        "known": np.ones(m, dtype=bool),
        "start_day": np.full(m, ON, dtype=np.int32),
        "licence_required": np.zeros(m, dtype=bool),
        "certificates": np.zeros(m, dtype=np.int64),
        "language": np.full(m, 1, dtype=np.int8),
    }
    base.update(overrides)
    return engine.Vacancies(**base)


def test_perfect_pair_scores_100():
    assert engine.score(candidates(), vacancies(), on_day=ON)[0, 0] == 100


def test_occupation_fit_exact_sub_major_major_none():
    v = vacancies(4, occupation=np.array([9333, 9334, 9112, 4110], dtype=np.int32))
    occ = engine.factor_scores(candidates(), v, on_day=ON)["occupation"][0]
    np.testing.assert_allclose(occ, [1.0, 0.6, 0.3, 0.0])


def test_best_of_several_wanted_occupations_counts():
    c = candidates(occupations=np.array([[4110, 9334, -1]], dtype=np.int32))
    occ = engine.factor_scores(c, vacancies(), on_day=ON)["occupation"][0, 0]
    assert occ == np.float32(0.6)


def test_distance_inside_radius_then_linear_decay_and_unknown():
    lats = np.array([51.81, 51.81 + 30 / 111.2, 51.81 + 50 / 111.2])
    v = vacancies(3, vectors=geo.unit_vectors(lats, np.full(3, 4.67)))
    d = engine.factor_scores(candidates(), v, on_day=ON)["distance"][0]
    assert d[0] == 1.0 and 0.45 < d[1] < 0.55 and d[2] == 0.0
    unknown = engine.factor_scores(
        candidates(known=np.zeros(1, dtype=bool)), v, on_day=ON
    )["distance"][0]
    assert (unknown == 0.5).all()


def test_hours_availability_and_requirements():
    c = candidates(
        hours=np.array([12], dtype=np.float32),
        available_day=np.array([ON + 30], dtype=np.int32),
        certificates=np.array([0b01], dtype=np.int64),
    )
    v = vacancies(
        licence_required=np.array([True]),
        certificates=np.array([0b11], dtype=np.int64),
        language=np.array([3], dtype=np.int8),
    )
    f = engine.factor_scores(c, v, on_day=ON)
    assert f["hours"][0, 0] == 0.5
    assert f["availability"][0, 0] == 0.5
    # licence missing (0), half the certificates (0.5), language short (0)
    np.testing.assert_allclose(f["requirements"][0, 0], 0.5 / 3, rtol=1e-6)


def test_cross_top_k_matches_brute_force():
    rng = np.random.default_rng(1)
    n, m = 37, 53
    c = candidates(
        n,
        occupations=rng.choice([9333, 9334, 4110, 8332], size=(n, 2)).astype(np.int32),
        hours=rng.integers(8, 40, n).astype(np.float32),
        vectors=geo.unit_vectors(rng.uniform(51.5, 53, n), rng.uniform(4, 7, n)),
        radius_km=rng.choice([10, 20, 40], n).astype(np.float32),
        certificates=rng.integers(0, 4, n).astype(np.int64),
        licence=rng.random(n) < 0.5,
        available_day=(ON + rng.integers(-20, 80, n)).astype(np.int32),
    )
    v = vacancies(
        m,
        occupation=rng.choice([9333, 9112, 8344, 4110], size=m).astype(np.int32),
        hours_min=rng.integers(8, 40, m).astype(np.float32),
        vectors=geo.unit_vectors(rng.uniform(51.5, 53, m), rng.uniform(4, 7, m)),
        certificates=rng.integers(0, 4, m).astype(np.int64),
        licence_required=rng.random(m) < 0.3,
        start_day=(ON + rng.integers(-20, 80, m)).astype(np.int32),
    )
    idx, top = engine.cross_top_k(c, v, on_day=ON, k=5, chunk=8)
    full = engine.total_score(engine.factor_scores(c, v, on_day=ON))
    np.testing.assert_allclose(engine.score(c, v, on_day=ON), full, atol=1e-3)
    expected = -np.sort(-full, axis=1)[:, :5]
    np.testing.assert_allclose(top, expected, atol=1e-3)
    np.testing.assert_allclose(
        np.take_along_axis(full, idx, axis=1), expected, atol=1e-3
    )
