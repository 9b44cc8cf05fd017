"""Postcode (PC4) centroids and vectorised great-circle distances.

``data/pc4.csv`` holds approximate centroids for the demo regions' PC4 areas,
generated from each municipality's centre with a small jitter (see
docs/matching.md). A deployment replaces it with CBS/PDOK PC4 centroids.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import numpy as np

PC4_CSV = Path(__file__).resolve().parent / "data" / "pc4.csv"
EARTH_RADIUS_KM = 6371.0


@cache
def pc4_table() -> dict[str, tuple[float, float]]:
    """PC4 → (lat, lon)."""
    with PC4_CSV.open(encoding="utf-8") as f:
        return {
            r["pc4"]: (float(r["lat"]), float(r["lon"]))
            for r in csv.DictReader(f, delimiter=";")
        }


@cache
def municipality_table() -> dict[str, tuple[float, float]]:
    """CBS municipality code → mean (lat, lon) of its PC4 areas (a fallback)."""
    sums: dict[str, list[float]] = {}
    with PC4_CSV.open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter=";"):
            s = sums.setdefault(r["municipality_code"], [0.0, 0.0, 0.0])
            s[0] += float(r["lat"])
            s[1] += float(r["lon"])
            s[2] += 1
    return {code: (s[0] / s[2], s[1] / s[2]) for code, s in sums.items()}


def locate(postcode: str, municipality_code: str = "") -> tuple[float, float]:
    """(lat, lon) of a postcode's PC4, else of the municipality, else (nan, nan)."""
    pc4 = (postcode or "").strip()[:4]
    point = pc4_table().get(pc4) or municipality_table().get(municipality_code)
    return point if point else (float("nan"), float("nan"))


def unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Points on the unit sphere (n × 3, float64: a float32 dot product would
    blur distances under ~2 km), so distances become dot products."""
    la = np.radians(np.asarray(lat, dtype=np.float64))
    lo = np.radians(np.asarray(lon, dtype=np.float64))
    return np.stack(
        [np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1
    )


def distance_km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Great-circle distance between unit vectors a (n×3) and b (m×3): n×m km.

    Equal to the haversine formula: for the chord c between two points,
    d = 2R·asin(c/2), and c² = 2 − 2·(a·b).
    """
    dot = np.clip(a @ b.T, -1.0, 1.0)
    chord = np.sqrt(np.maximum(2.0 - 2.0 * dot, 0.0))
    return (2.0 * EARTH_RADIUS_KM) * np.arcsin(np.minimum(chord / 2.0, 1.0))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Scalar haversine distance, for tests and explanations.

    >>> round(haversine_km(51.81, 4.67, 51.84, 5.86))
    82
    """
    p1, p2 = np.radians([lat1, lon1]), np.radians([lat2, lon2])
    d = p2 - p1
    h = np.sin(d[0] / 2) ** 2 + np.cos(p1[0]) * np.cos(p2[0]) * np.sin(d[1] / 2) ** 2
    return float(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h)))
