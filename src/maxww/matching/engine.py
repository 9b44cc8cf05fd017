"""The matching engine: vectorised scores with reasons, candidate × vacancy.

Every pair gets five factor scores in [0, 1], weighted into 0–100:

- occupation: exact ISCO-08 unit group 1.0, same sub-major group (first two
  digits) 0.6, same major group (first digit) 0.3, else 0; the best of the
  candidate's wanted occupations counts;
- hours: 1.0 when the candidate can work the vacancy's minimum hours, else the
  share of the minimum they can work;
- distance: 1.0 within the candidate's travel radius, falling linearly to 0 at
  twice the radius; 0.5 when a postcode is unknown;
- availability: 1.0 when available by the start date (or today, if later),
  falling linearly to 0 at 60 days late;
- requirements: the mean of driving licence met, share of required
  certificates held, Dutch language level met.

The arrays are plain numpy, so the same functions score one vacancy against
all candidates, one candidate against all vacancies, or the full cross in
chunks (``cross_top_k``). Reasons are built only for the pairs shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from . import geo
from .constants import LANGUAGE_ORDER, LanguageLevel
from .geo import EARTH_RADIUS_KM

WEIGHTS: dict[str, float] = {
    "occupation": 40.0,
    "hours": 15.0,
    "distance": 20.0,
    "availability": 10.0,
    "requirements": 15.0,
}
SUB_MAJOR_FIT = 0.6
MAJOR_FIT = 0.3
UNKNOWN_DISTANCE_FIT = 0.5
LATE_DAYS_TO_ZERO = 60.0
EPOCH = date(1970, 1, 1)
_NO_OCCUPATION = -1


def day_number(d: date) -> int:
    return (d - EPOCH).days


class CertificateVocabulary:
    """Certificate tags as bits of an int64, so "has all" is a bitwise test.

    Up to 63 distinct tags are exact; beyond that tags share bits (a tag then
    may count as held when a colliding one is), which the docs note.
    """

    def __init__(self) -> None:
        self.bits: dict[str, int] = {}

    def mask(self, tags: list[str]) -> int:
        value = 0
        for tag in tags:
            if tag not in self.bits:
                self.bits[tag] = len(self.bits) % 63
            value |= 1 << self.bits[tag]
        return value


@dataclass
class Candidates:
    """Candidate arrays (n rows); ``occupations`` is n × k, padded with -1."""

    ids: np.ndarray
    occupations: np.ndarray
    hours: np.ndarray
    vectors: np.ndarray
    known: np.ndarray
    radius_km: np.ndarray
    available_day: np.ndarray
    licence: np.ndarray
    certificates: np.ndarray
    language: np.ndarray
    extra: list[dict] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, index) -> Candidates:
        return Candidates(
            ids=self.ids[index],
            occupations=self.occupations[index],
            hours=self.hours[index],
            vectors=self.vectors[index],
            known=self.known[index],
            radius_km=self.radius_km[index],
            available_day=self.available_day[index],
            licence=self.licence[index],
            certificates=self.certificates[index],
            language=self.language[index],
        )


@dataclass
class Vacancies:
    """Vacancy arrays (m rows)."""

    ids: np.ndarray
    occupation: np.ndarray
    hours_min: np.ndarray
    hours_max: np.ndarray
    vectors: np.ndarray
    known: np.ndarray
    start_day: np.ndarray
    licence_required: np.ndarray
    certificates: np.ndarray
    language: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, index) -> Vacancies:
        return Vacancies(
            **{name: getattr(self, name)[index] for name in self.__dataclass_fields__}
        )


def _popcount(x: np.ndarray) -> np.ndarray:
    return np.bitwise_count(x.astype(np.uint64)).astype(np.float32)


def _occupation_fit(c: Candidates, v: Vacancies) -> np.ndarray:
    v_occ = v.occupation[None, :]
    occupation = np.zeros((len(c), len(v)), dtype=np.float32)
    for k in range(c.occupations.shape[1]):
        wanted = c.occupations[:, k, None]
        fit = np.where(
            wanted == v_occ,
            np.float32(1.0),
            np.where(
                wanted // 100 == v_occ // 100,
                np.float32(SUB_MAJOR_FIT),
                np.where(
                    wanted // 1000 == v_occ // 1000,
                    np.float32(MAJOR_FIT),
                    np.float32(0.0),
                ),
            ),
        )
        fit = np.where(wanted == _NO_OCCUPATION, np.float32(0.0), fit)
        np.maximum(occupation, fit, out=occupation)
    return occupation


def _requirements_fit(c: Candidates, v: Vacancies) -> np.ndarray:
    licence = (~v.licence_required[None, :] | c.licence[:, None]).astype(np.float32)
    required = _popcount(v.certificates)[None, :]
    held = _popcount(v.certificates[None, :] & c.certificates[:, None])
    certificates = np.where(required > 0, held / np.maximum(required, 1), 1.0)
    language = (c.language[:, None] >= v.language[None, :]).astype(np.float32)
    return ((licence + certificates + language) / 3.0).astype(np.float32)


def factor_scores(c: Candidates, v: Vacancies, *, on_day: int) -> dict[str, np.ndarray]:
    """The five factor scores (each n × m, float32 in [0, 1]) plus ``_km``.

    The readable path, used for explanations; ``score_prepared`` computes
    the same total in bulk.
    """
    occupation = _occupation_fit(c, v)

    hours_min = np.maximum(v.hours_min, 1).astype(np.float32)[None, :]
    hours = np.minimum(c.hours[:, None].astype(np.float32) / hours_min, 1.0)

    km = geo.distance_km(c.vectors, v.vectors).astype(np.float32)
    radius = c.radius_km[:, None].astype(np.float32)
    distance = np.clip(2.0 - km / radius, 0.0, 1.0)
    known = c.known[:, None] & v.known[None, :]
    distance = np.where(known, distance, np.float32(UNKNOWN_DISTANCE_FIT))

    start = np.maximum(v.start_day, on_day)[None, :]
    late = (c.available_day[:, None] - start).astype(np.float32)
    availability = np.clip(1.0 - late / LATE_DAYS_TO_ZERO, 0.0, 1.0)

    return {
        "occupation": occupation,
        "hours": hours,
        "distance": distance.astype(np.float32),
        "availability": availability.astype(np.float32),
        "requirements": _requirements_fit(c, v),
        "_km": km,
    }


def total_score(factors: dict[str, np.ndarray]) -> np.ndarray:
    """Weighted sum of the factors, 0–100 (float32)."""
    total = np.zeros_like(factors["occupation"])
    for name, weight in WEIGHTS.items():
        total += np.float32(weight) * factors[name]
    return total


def score(c: Candidates, v: Vacancies, *, on_day: int) -> np.ndarray:
    """Total scores (n × m), computed by the fast path."""
    return score_prepared(c, prepare(v, on_day=on_day))


@dataclass
class PreparedVacancies:
    """Vacancy arrays rearranged for the bulk path (see ``score_prepared``).

    Occupation and requirements take few distinct values, so their factor is
    computed once per distinct (occupation, licence, certificates, language)
    combination and gathered; the continuous factors are computed per pair in
    float32.
    """

    combo_occupation: np.ndarray
    combo_licence: np.ndarray
    combo_certificates: np.ndarray
    combo_language: np.ndarray
    combo_index: np.ndarray
    inv_hours_min: np.ndarray
    xyz: np.ndarray
    known: np.ndarray
    start_day: np.ndarray


def prepare(v: Vacancies, *, on_day: int) -> PreparedVacancies:
    keys = np.stack(
        [
            v.occupation.astype(np.int64),
            v.licence_required.astype(np.int64),
            v.certificates.astype(np.int64),
            v.language.astype(np.int64),
        ],
        axis=1,
    )
    combos, inverse = np.unique(keys, axis=0, return_inverse=True)
    return PreparedVacancies(
        combo_occupation=combos[:, 0].astype(np.int32),
        combo_licence=combos[:, 1].astype(bool),
        combo_certificates=combos[:, 2],
        combo_language=combos[:, 3].astype(np.int8),
        combo_index=inverse.reshape(-1),
        inv_hours_min=(1.0 / np.maximum(v.hours_min, 1)).astype(np.float32),
        xyz=np.ascontiguousarray(v.vectors.T.astype(np.float32)),
        known=v.known,
        start_day=np.maximum(v.start_day, on_day).astype(np.float32),
    )


def score_prepared(c: Candidates, p: PreparedVacancies) -> np.ndarray:
    """Total scores (n × m, float32): the same rules as ``factor_scores``."""
    combos = Vacancies(
        ids=np.arange(len(p.combo_occupation)),
        occupation=p.combo_occupation,
        hours_min=np.ones(len(p.combo_occupation), dtype=np.float32),
        hours_max=np.ones(len(p.combo_occupation), dtype=np.float32),
        vectors=np.zeros((len(p.combo_occupation), 3)),
        known=np.ones(len(p.combo_occupation), dtype=bool),
        start_day=np.zeros(len(p.combo_occupation), dtype=np.int32),
        licence_required=p.combo_licence,
        certificates=p.combo_certificates,
        language=p.combo_language,
    )
    occ, req = _occupation_fit(c, combos), _requirements_fit(c, combos)
    table = np.float32(WEIGHTS["occupation"]) * occ
    table += np.float32(WEIGHTS["requirements"]) * req
    total = np.take(table, p.combo_index, axis=1)

    tmp = np.multiply(c.hours.astype(np.float32)[:, None], p.inv_hours_min[None, :])
    np.minimum(tmp, 1.0, out=tmp)
    tmp *= np.float32(WEIGHTS["hours"])
    total += tmp

    cx = c.vectors.astype(np.float32)
    np.subtract(cx[:, 0, None], p.xyz[0][None, :], out=tmp)
    chord2 = tmp * tmp
    for axis in (1, 2):
        np.subtract(cx[:, axis, None], p.xyz[axis][None, :], out=tmp)
        tmp *= tmp
        chord2 += tmp
    # km = 2R·asin(chord/2) = R·chord·(1 + chord²/24 + …); exact to <1e-8 in NL.
    np.multiply(chord2, np.float32(1.0 / 24.0), out=tmp)
    tmp += np.float32(1.0)
    np.sqrt(chord2, out=chord2)
    chord2 *= tmp
    inv_radius = (np.float32(EARTH_RADIUS_KM) / c.radius_km.astype(np.float32))[:, None]
    chord2 *= inv_radius  # now km / radius
    np.subtract(np.float32(2.0), chord2, out=chord2)
    np.clip(chord2, 0.0, 1.0, out=chord2)
    if not (c.known.all() and p.known.all()):
        unknown = ~(c.known[:, None] & p.known[None, :])
        chord2[unknown] = np.float32(UNKNOWN_DISTANCE_FIT)
    chord2 *= np.float32(WEIGHTS["distance"])
    total += chord2

    np.subtract(
        c.available_day.astype(np.float32)[:, None], p.start_day[None, :], out=tmp
    )
    tmp *= np.float32(-1.0 / LATE_DAYS_TO_ZERO)
    tmp += np.float32(1.0)
    np.clip(tmp, 0.0, 1.0, out=tmp)
    tmp *= np.float32(WEIGHTS["availability"])
    total += tmp
    return total


def cross_top_k(
    c: Candidates, v: Vacancies, *, on_day: int, k: int = 10, chunk: int = 32
) -> tuple[np.ndarray, np.ndarray]:
    """Best k vacancies per candidate over the full cross, in candidate chunks.

    Returns (indices n × k into ``v``, scores n × k), best first.
    """
    k = min(k, len(v))
    top_index = np.empty((len(c), k), dtype=np.int64)
    top_score = np.empty((len(c), k), dtype=np.float32)
    prepared = prepare(v, on_day=on_day)
    for start in range(0, len(c), chunk):
        stop = min(start + chunk, len(c))
        block = score_prepared(c.take(slice(start, stop)), prepared)
        part = np.argpartition(-block, k - 1, axis=1)[:, :k]
        part_score = np.take_along_axis(block, part, axis=1)
        order = np.argsort(-part_score, axis=1, kind="stable")
        top_index[start:stop] = np.take_along_axis(part, order, axis=1)
        top_score[start:stop] = np.take_along_axis(part_score, order, axis=1)
    return top_index, top_score


def language_rank(level: str) -> int:
    return LANGUAGE_ORDER.get(level or LanguageLevel.NONE, 0)
