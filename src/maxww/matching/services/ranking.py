"""Ranking: candidates for a vacancy and vacancies for a candidate, with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

import numpy as np

from maxww.matching import engine, geo
from maxww.matching.constants import LanguageLevel
from maxww.matching.models import (
    CandidateProfile,
    Occupation,
    Proposal,
    Vacancy,
    split_tags,
)
from maxww.matching.occupations import MAJOR_GROUPS
from maxww.trajects.constants import ConsentPurpose
from maxww.trajects.models import Consent


@dataclass
class Reason:
    """One factor of a score, in Dutch, with its points."""

    factor: str
    points: float
    max_points: float
    text: str

    @property
    def ok(self) -> bool:
        return self.points >= 0.75 * self.max_points

    def as_dict(self) -> dict[str, Any]:
        return {
            "factor": self.factor,
            "points": round(self.points, 1),
            "max_points": self.max_points,
            "ok": self.ok,
            "text": self.text,
        }


@dataclass
class Match:
    """A ranked pair: the other side's id, the score 0–100 and the reasons."""

    profile_id: int
    vacancy_id: int
    traject_id: int
    score: int
    distance_km: float | None
    reasons: list[Reason] = field(default_factory=list)
    vacancy: Vacancy | None = None
    profile: CandidateProfile | None = None

    def reasons_as_dicts(self) -> list[dict[str, Any]]:
        return [r.as_dict() for r in self.reasons]


_PROFILE_FIELDS = (
    "id",
    "traject_id",
    "postcode",
    "traject__person__postcode",
    "traject__person__municipality__code",
    "hours_available",
    "max_travel_km",
    "available_from",
    "has_driving_licence",
    "certificates",
    "language_level",
)
_VACANCY_FIELDS = (
    "id",
    "occupation__code",
    "hours_min",
    "hours_max",
    "postcode",
    "start_date",
    "requires_driving_licence",
    "certificates",
    "language_level",
)


def _candidate_arrays(
    profiles, vocabulary: engine.CertificateVocabulary
) -> tuple[engine.Candidates, list[dict]]:
    rows = list(profiles.values(*_PROFILE_FIELDS))
    wanted: dict[int, list[int]] = {}
    through = CandidateProfile.occupations.through.objects.filter(
        candidateprofile__in=profiles.values("id")
    ).values_list("candidateprofile_id", "occupation__code")
    for profile_id, code in through:
        wanted.setdefault(profile_id, []).append(int(code))
    width = max((len(v) for v in wanted.values()), default=1)
    occupations = np.full((len(rows), max(width, 1)), -1, dtype=np.int32)
    lat = np.empty(len(rows))
    lon = np.empty(len(rows))
    for i, r in enumerate(rows):
        codes = sorted(wanted.get(r["id"], []))
        occupations[i, : len(codes)] = codes
        r["occupation_codes"] = codes
        lat[i], lon[i] = geo.locate(
            r["postcode"] or r["traject__person__postcode"],
            r["traject__person__municipality__code"],
        )
    known = ~np.isnan(lat)
    arrays = engine.Candidates(
        ids=np.array([r["id"] for r in rows], dtype=np.int64),
        occupations=occupations,
        hours=np.array([r["hours_available"] for r in rows], dtype=np.float32),
        vectors=geo.unit_vectors(np.nan_to_num(lat), np.nan_to_num(lon)),
        known=known,
        radius_km=np.array([r["max_travel_km"] for r in rows], dtype=np.float32),
        available_day=np.array(
            [engine.day_number(r["available_from"]) for r in rows], dtype=np.int32
        ),
        licence=np.array([r["has_driving_licence"] for r in rows], dtype=bool),
        certificates=np.array(
            [vocabulary.mask(split_tags(r["certificates"])) for r in rows],
            dtype=np.int64,
        ),
        language=np.array(
            [engine.language_rank(r["language_level"]) for r in rows], dtype=np.int8
        ),
    )
    return arrays, rows


def _vacancy_arrays(
    vacancies, vocabulary: engine.CertificateVocabulary
) -> tuple[engine.Vacancies, list[dict]]:
    rows = list(vacancies.values(*_VACANCY_FIELDS))
    points = [geo.locate(r["postcode"]) for r in rows]
    lat = np.array([p[0] for p in points], dtype=np.float64)
    lon = np.array([p[1] for p in points], dtype=np.float64)
    arrays = engine.Vacancies(
        ids=np.array([r["id"] for r in rows], dtype=np.int64),
        occupation=np.array([int(r["occupation__code"]) for r in rows], dtype=np.int32),
        hours_min=np.array([r["hours_min"] for r in rows], dtype=np.float32),
        hours_max=np.array([r["hours_max"] for r in rows], dtype=np.float32),
        vectors=geo.unit_vectors(np.nan_to_num(lat), np.nan_to_num(lon)),
        known=~np.isnan(lat),
        start_day=np.array(
            [engine.day_number(r["start_date"]) for r in rows], dtype=np.int32
        ),
        licence_required=np.array(
            [r["requires_driving_licence"] for r in rows], dtype=bool
        ),
        certificates=np.array(
            [vocabulary.mask(split_tags(r["certificates"])) for r in rows],
            dtype=np.int64,
        ),
        language=np.array(
            [engine.language_rank(r["language_level"]) for r in rows], dtype=np.int8
        ),
    )
    return arrays, rows


def _labels() -> dict[int, str]:
    return {
        int(c): label for c, label in Occupation.objects.values_list("code", "label")
    }


def _explain(
    factors: dict[str, np.ndarray],
    i: int,
    j: int,
    c_row: dict,
    v_row: dict,
    *,
    on: date,
    labels: dict[int, str],
) -> list[Reason]:
    """Dutch reasons for pair (i, j), from the same factor arrays as the score:
    occupation, hours, distance, availability, requirements."""
    texts = {
        "occupation": _occupation_text(c_row, v_row, labels),
        "hours": _hours_text(c_row, v_row),
        "distance": _distance_text(
            c_row, km=float(factors["_km"][i, j]), known=factors["_known"][i, j]
        ),
        "availability": _availability_text(c_row, v_row, on=on),
        "requirements": _requirements_text(c_row, v_row),
    }
    return [
        Reason(
            name,
            float(factors[name][i, j]) * engine.WEIGHTS[name],
            engine.WEIGHTS[name],
            text,
        )
        for name, text in texts.items()
    ]


def _occupation_text(c_row: dict, v_row: dict, labels: dict[int, str]) -> str:
    """Exact, related (same group or class) or another occupation."""
    v_code = int(v_row["occupation__code"])
    wanted = c_row["occupation_codes"]
    v_label = f"{labels.get(v_code, v_code)} ({v_code})"
    if v_code in wanted:
        text = _("Beroep komt precies overeen: %(occ)s.") % {"occ": v_label}
    elif any(w // 100 == v_code // 100 for w in wanted):
        near = next(w for w in wanted if w // 100 == v_code // 100)
        text = _(
            "Verwant beroep (zelfde beroepsgroep %(g)s): gezocht %(w)s, vacature %(occ)s."
        ) % {
            "g": str(v_code)[:2],
            "w": labels.get(near, near),
            "occ": v_label,
        }
    elif any(w // 1000 == v_code // 1000 for w in wanted):
        text = _("Zelfde beroepsklasse (%(major)s), ander beroep: %(occ)s.") % {
            "major": MAJOR_GROUPS.get(str(v_code)[0], str(v_code)[0]),
            "occ": v_label,
        }
    elif wanted:
        text = _("Beroep %(occ)s staat niet bij de wensen van de kandidaat.") % {
            "occ": v_label
        }
    else:
        text = _("De kandidaat heeft nog geen gewenste beroepen.")
    return text


def _hours_text(c_row: dict, v_row: dict) -> str:
    h, lo, hi = c_row["hours_available"], v_row["hours_min"], v_row["hours_max"]
    if h >= lo:
        text = _("Uren passen: %(h)s uur beschikbaar, vacature %(lo)s–%(hi)s uur.") % {
            "h": h,
            "lo": lo,
            "hi": hi,
        }
    else:
        text = _("Minder uren beschikbaar (%(h)s) dan gevraagd (minimaal %(lo)s).") % {
            "h": h,
            "lo": lo,
        }
    return text


def _distance_text(c_row: dict, *, km: float, known: bool) -> str:
    radius = c_row["max_travel_km"]
    if not known:
        text = _("Afstand onbekend: postcode niet in de tabel.")
    elif km <= radius:
        text = _("Afstand %(km)s km, binnen de reisafstand van %(r)s km.") % {
            "km": round(km),
            "r": radius,
        }
    else:
        text = _("Afstand %(km)s km, verder dan de reisafstand van %(r)s km.") % {
            "km": round(km),
            "r": radius,
        }
    return text


def _availability_text(c_row: dict, v_row: dict, *, on: date) -> str:
    start = max(v_row["start_date"], on)
    available = c_row["available_from"]
    if available <= start:
        text = _("Beschikbaar vanaf %(a)s, op tijd voor de start (%(s)s).") % {
            "a": date_format(available, "j F Y"),
            "s": date_format(start, "j F Y"),
        }
    else:
        text = _("Pas beschikbaar %(d)s dagen na de start (%(s)s).") % {
            "d": (available - start).days,
            "s": date_format(start, "j F Y"),
        }
    return text


def _requirements_text(c_row: dict, v_row: dict) -> str:
    """Driving licence, certificates and language level, where asked."""
    parts = []
    if v_row["requires_driving_licence"]:
        parts.append(
            _("rijbewijs B aanwezig")
            if c_row["has_driving_licence"]
            else _("rijbewijs B nodig maar niet aanwezig")
        )
    required = split_tags(v_row["certificates"])
    if required:
        held = set(split_tags(c_row["certificates"]))
        have = [t for t in required if t in held]
        missing = [t for t in required if t not in held]
        if have:
            parts.append(_("certificaat aanwezig: %(c)s") % {"c": ", ".join(have)})
        if missing:
            parts.append(_("certificaat ontbreekt: %(c)s") % {"c": ", ".join(missing)})
    if v_row["language_level"] != LanguageLevel.NONE:
        ok = engine.language_rank(c_row["language_level"]) >= engine.language_rank(
            v_row["language_level"]
        )
        level = LanguageLevel(v_row["language_level"]).label
        parts.append(
            (
                _("taalniveau %(l)s gehaald")
                if ok
                else _("taalniveau %(l)s niet gehaald")
            )
            % {"l": level}
        )
    text = (
        _("Eisen: %(p)s.") % {"p": "; ".join(parts)}
        if parts
        else _("Geen bijzondere eisen.")
    )
    return text


def _rank(
    profiles, vacancies, *, on: date, limit: int, by_vacancy: bool
) -> list[Match]:
    vocabulary = engine.CertificateVocabulary()
    c, c_rows = _candidate_arrays(profiles, vocabulary)
    v, v_rows = _vacancy_arrays(vacancies, vocabulary)
    if not len(c) or not len(v):
        return []
    factors = engine.factor_scores(c, v, on_day=engine.day_number(on))
    factors["_known"] = c.known[:, None] & v.known[None, :]
    total = engine.total_score(factors)
    flat = total[:, 0] if by_vacancy else total[0, :]
    # Highest score first; ties by id, so the order is stable and testable.
    ids = c.ids if by_vacancy else v.ids
    order = np.lexsort((ids, -np.round(flat, 3)))[:limit]
    labels = _labels()
    matches = []
    for k in order:
        i, j = (int(k), 0) if by_vacancy else (0, int(k))
        score = round(float(total[i, j]))
        reasons = _explain(factors, i, j, c_rows[i], v_rows[j], on=on, labels=labels)
        shown = apportion([r.points for r in reasons], score)
        for reason, points in zip(reasons, shown, strict=True):
            reason.points = points
        matches.append(
            Match(
                profile_id=int(c.ids[i]),
                vacancy_id=int(v.ids[j]),
                traject_id=c_rows[i]["traject_id"],
                score=score,
                distance_km=round(float(factors["_km"][i, j]), 1)
                if factors["_known"][i, j]
                else None,
                reasons=reasons,
            )
        )
    return matches


def apportion(parts: list[float], total: int) -> list[int]:
    """Whole points per part that add up to ``total`` (largest remainder).

    Rounding each part on its own can show 98 next to parts that add up to 97.

    >>> apportion([39.6, 14.6, 19.6, 9.6, 14.6], 98)
    [40, 15, 20, 9, 14]
    """
    floors = [int(p // 1) for p in parts]
    left = total - sum(floors)
    by_remainder = sorted(range(len(parts)), key=lambda k: (-(parts[k] - floors[k]), k))
    for k in by_remainder[: max(left, 0)]:
        floors[k] += 1
    for k in reversed(by_remainder[: max(-left, 0)]):
        floors[k] -= 1
    return floors


def rank_candidates(
    *, vacancy: Vacancy, on: date, limit: int = 25, profiles=None
) -> list[Match]:
    """Candidates for a vacancy, best first, each with its reasons.

    Only profiles of open trajects whose person consented to be proposed to
    employers in the vacancy's region take part. ``profiles`` narrows the pool
    further (a view passes the profiles the user may see).
    """
    pool = profiles if profiles is not None else CandidateProfile.objects.all()
    pool = pool.proposable(vacancy.region)
    already = Proposal.objects.filter(vacancy=vacancy).values("traject_id")
    pool = pool.exclude(traject_id__in=already)
    matches = _rank(
        pool, Vacancy.objects.filter(pk=vacancy.pk), on=on, limit=limit, by_vacancy=True
    )
    profiles_by_id = CandidateProfile.objects.select_related(
        "traject__person", "traject__coach"
    ).in_bulk([m.profile_id for m in matches])
    for m in matches:
        m.profile = profiles_by_id[m.profile_id]
        m.vacancy = vacancy
    return matches


def rank_vacancies(
    *,
    profile: CandidateProfile,
    on: date,
    limit: int = 25,
    vacancies=None,
    require_consent: bool = True,
) -> list[Match]:
    """Open vacancies for a candidate, best first, each with its reasons.

    Without an active consent to be proposed, the list is empty: the
    candidate cannot be put forward. Vacancies are those in the regions the
    consent covers (``vacancies`` narrows further, e.g. to what a user sees).
    """
    pool = vacancies if vacancies is not None else Vacancy.objects.all()
    pool = pool.open()
    if require_consent:
        regions = Consent.objects.filter(
            person_id=profile.traject.person_id,
            purpose=ConsentPurpose.PROPOSE_TO_EMPLOYERS,
            withdrawn_at__isnull=True,
        ).values("recipient__region_id")
        pool = pool.filter(region_id__in=regions)
    matches = _rank(
        CandidateProfile.objects.filter(pk=profile.pk),
        pool,
        on=on,
        limit=limit,
        by_vacancy=False,
    )
    by_id = Vacancy.objects.select_related("employer", "occupation").in_bulk(
        [m.vacancy_id for m in matches]
    )
    for m in matches:
        m.vacancy = by_id[m.vacancy_id]
        m.profile = profile
    return matches
