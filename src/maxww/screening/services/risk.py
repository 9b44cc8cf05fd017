"""Risk of ending in bijstand: an interpretable logistic regression.

A fixed allow-list of feature groups (research factors: age band, wage relative
to the minimum wage, household, education, sector, WW duration, Werkverkenner).
Protected attributes can never enter; location only when explicitly allowed.
The model is stored as its coefficients; scoring is a vectorised dot product.
Each score carries its top 3 reasons: the largest positive contributions
(coefficient x indicator) relative to the reference person (27-44, couple,
middle education, wage 1.25-2x minimum, 4-12 months WW, Werkverkenner high).
A score only orders a list; a person decides.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

import numpy as np
import polars as pl
import structlog

from maxww.people.constants import EducationLevel, HouseholdType
from maxww.rules import default_parameters
from maxww.screening.models import ClaimOutcome, RiskModel

from .cohorts import _age
from .frame import claims_frame

logger = structlog.stdlib.get_logger(__name__)

# Never features, whatever the caller asks (architecture: Risk and fairness).
PROTECTED_ATTRIBUTES = frozenset(
    {
        "nationality",
        "ethnicity",
        "religion",
        "sex",
        "gender",
        "country_of_birth",
        "migration_background",
    }
)
# Off unless explicitly allowed (neighbourhood effects proxy for ethnicity).
LOCATION_ATTRIBUTES = frozenset({"postcode_area", "postcode", "neighbourhood"})

SECTORS = (
    "Logistiek",
    "Zorg en welzijn",
    "Detailhandel",
    "Horeca",
    "Bouw",
    "Techniek en industrie",
    "Zakelijke dienstverlening",
    "Uitzendbranche",
    "Overheid en onderwijs",
    "ICT",
)


class FeatureNotAllowedError(ValueError):
    """A requested feature is protected, location-based, or not on the allow-list."""


@dataclass(frozen=True)
class FeatureGroup:
    name: str
    label: str
    levels: tuple[tuple[str, str], ...]  # (column, Dutch label) vs the reference


def _groups() -> dict[str, FeatureGroup]:
    """Every feature group by name: the person, the claim, the location."""
    groups = [*_person_groups(), *_claim_groups(), *_location_groups()]
    return {g.name: g for g in groups}


def _person_groups() -> list[FeatureGroup]:
    """Age band, wage relative to the minimum wage, household, education."""
    return [
        FeatureGroup(
            "age_band",
            "Leeftijd",
            (
                ("age_lt27", "jonger dan 27"),
                ("age_45_54", "45 tot 55 jaar"),
                ("age_55plus", "55 jaar of ouder"),
            ),
        ),
        FeatureGroup(
            "wage_vs_minimum",
            "Loon t.o.v. minimumloon",
            (
                ("wage_low", "loon onder 1,25 x minimumloon"),
                ("wage_high", "loon vanaf 2 x minimumloon"),
            ),
        ),
        FeatureGroup(
            "household",
            "Huishouden",
            (
                ("hh_single", "alleenstaand"),
                ("hh_single_parent", "alleenstaande ouder"),
                ("hh_unknown", "leefvorm onbekend"),
            ),
        ),
        FeatureGroup(
            "education",
            "Opleiding",
            (
                ("edu_primary", "basisonderwijs"),
                ("edu_low", "vmbo / mbo 1"),
                ("edu_high", "hbo / wo"),
                ("edu_unknown", "opleiding onbekend"),
            ),
        ),
    ]


def _claim_groups() -> list[FeatureGroup]:
    """Sector, WW duration and the Werkverkenner outcome."""
    return [
        FeatureGroup(
            "sector",
            "Sector",
            tuple(
                (f"sector_{i}", f"sector {s.lower()}") for i, s in enumerate(SECTORS)
            ),
        ),
        FeatureGroup(
            "ww_duration",
            "WW-duur",
            (
                ("ww_short", "korte WW (≤ 3 maanden)"),
                ("ww_long", "lange WW (> 12 maanden)"),
            ),
        ),
        FeatureGroup(
            "werkverkenner",
            "Werkverkenner",
            (
                ("wv_low", "Werkverkenner: kans op werk ≤ 50%"),
                ("wv_unknown", "Werkverkenner niet ingevuld"),
            ),
        ),
    ]


def _location_groups() -> list[FeatureGroup]:
    """The postcode area (off unless explicitly allowed: ``LOCATION_ATTRIBUTES``)."""
    return [
        FeatureGroup(
            "postcode_area",
            "Postcodegebied",
            tuple((f"pc_{d}", f"postcodegebied {d}xxx") for d in range(1, 10)),
        ),
    ]


FEATURE_GROUPS = _groups()
DEFAULT_FEATURES = (
    "age_band",
    "wage_vs_minimum",
    "household",
    "education",
    "sector",
    "ww_duration",
    "werkverkenner",
)


def select_features(
    requested: list[str] | tuple[str, ...] | None = None,
    *,
    allow_location: bool = False,
) -> list[str]:
    """Check a feature set against the allow-list; raise on anything else."""
    names = list(requested or DEFAULT_FEATURES)
    for name in names:
        if name.lower() in PROTECTED_ATTRIBUTES:
            raise FeatureNotAllowedError(
                f"'{name}' is a protected attribute and can never be a feature."
            )
        if name.lower() in LOCATION_ATTRIBUTES and not allow_location:
            raise FeatureNotAllowedError(
                f"'{name}' is location-based; it is off unless explicitly allowed."
            )
        if name not in FEATURE_GROUPS:
            raise FeatureNotAllowedError(f"'{name}' is not on the feature allow-list.")
    return names


def feature_columns(groups: list[str]) -> list[tuple[str, str]]:
    return [lvl for g in groups for lvl in FEATURE_GROUPS[g].levels]


def _minimum_hourly_wage(dates: pl.Expr) -> pl.Expr:
    """Statutory minimum hourly wage in force per row (maxww.rules parameter)."""
    parameter = default_parameters()["minimumuurloon"]
    expr = pl.lit(None, pl.Float64)
    for version in parameter.versions:
        if version.value is None:
            continue
        expr = (
            pl.when(dates >= pl.lit(version.valid_from))
            .then(pl.lit(float(version.value)))
            .otherwise(expr)
        )
    first = float(next(v.value for v in parameter.versions if v.value is not None))
    return expr.fill_null(first)


def build_features(frame: pl.DataFrame, groups: list[str]) -> pl.DataFrame:
    """Indicator columns for the given groups; reference date = last WW day."""
    end = pl.col("max_end_date")
    age = _age(pl.col("birth_date"), end)
    hourly = pl.col("daily_wage") * 5 / pl.max_horizontal(pl.col("hours_lost"), 1.0)
    ratio = hourly / _minimum_hourly_wage(pl.col("start_date"))
    hh = pl.col("household_type").fill_null("unknown")
    edu = pl.col("education_level").fill_null("unknown")
    wv = pl.col("werkverkenner").fill_null("unknown")
    sector = pl.col("sector").fill_null("")
    pc = pl.col("postcode").fill_null("").str.slice(0, 1)
    exprs = {
        "age_lt27": age < 27,
        "age_45_54": (age >= 45) & (age < 55),
        "age_55plus": age >= 55,
        "wage_low": ratio < 1.25,
        "wage_high": ratio >= 2.0,
        "hh_single": hh == "single",
        "hh_single_parent": hh == "single_parent",
        "hh_unknown": hh == "unknown",
        "edu_primary": edu == "primary",
        "edu_low": edu == "low",
        "edu_high": edu == "high",
        "edu_unknown": edu == "unknown",
        "ww_short": end <= pl.col("start_date").dt.offset_by("3mo"),
        "ww_long": end > pl.col("start_date").dt.offset_by("12mo"),
        "wv_low": wv == "low",
        "wv_unknown": wv == "unknown",
        **{f"sector_{i}": sector == s for i, s in enumerate(SECTORS)},
        **{f"pc_{d}": pc == str(d) for d in range(1, 10)},
    }
    columns = [c for c, _label in feature_columns(groups)]
    return frame.select(
        [exprs[c].fill_null(False).cast(pl.Float64).alias(c) for c in columns]
    )


def score(model: RiskModel, frame: pl.DataFrame) -> pl.DataFrame:
    """Vectorised scores and top-3 reasons (largest positive contributions).

    Returns ``claim_id``, ``risk_score`` (rounded to 4 places) and
    ``risk_reasons`` as JSON text: a list of ``{"feature", "label", "weight"}``.
    """
    labels = dict(feature_columns(model.features))
    columns = list(model.coefficients)
    # Every feature is an indicator, so a million claims share a few hundred
    # distinct rows: score those and give each claim its row's result.
    x, row_of = _distinct_rows(
        build_features(frame, model.features).select(columns).to_numpy()
    )
    coef = np.array([model.coefficients[c] for c in columns])
    contributions = x * coef
    logit = contributions.sum(axis=1) + model.intercept
    probabilities = 1 / (1 + np.exp(-logit))
    top = np.argsort(-contributions, axis=1, kind="stable")[:, :3]
    weights = np.take_along_axis(contributions, top, axis=1)
    # Each reason is JSON text: the fixed part per feature is encoded once, only
    # the weight is formatted per row (no Python loop, no per-row JSON encoder).
    heads = {
        c: json.dumps({"feature": c, "label": labels[c]}, ensure_ascii=False)[:-1]
        + ', "weight": '
        for c in columns
    }
    items = []
    for k in range(top.shape[1]):
        head = pl.Series(np.array(columns, dtype=object)[top[:, k]], dtype=pl.String)
        weight = pl.Series(weights[:, k]).round(3)
        items.append(
            pl.when(weight > 0).then(
                pl.concat_str(
                    [head.replace_strict(heads), weight.cast(pl.String), pl.lit("}")]
                )
            )
        )
    reasons = pl.concat_str(items, separator=", ", ignore_nulls=True)
    distinct = pl.select(
        pl.lit(pl.Series(np.round(probabilities, 4))).alias("risk_score"),
        pl.concat_str([pl.lit("["), reasons, pl.lit("]")]).alias("risk_reasons"),
    )
    return distinct[row_of].select(
        pl.lit(frame["claim_id"]).alias("claim_id"), "risk_score", "risk_reasons"
    )


def _distinct_rows(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a 0/1 matrix, and for each row the index of its own.

    Rows are keyed by their bits (up to 63 columns); any other matrix is
    returned as it is, each row its own.
    """
    if x.shape[1] > 63 or not np.isin(x, (0.0, 1.0)).all():
        return x, np.arange(len(x))
    bits = x.astype(np.int64)
    key = bits @ (np.int64(1) << np.arange(x.shape[1], dtype=np.int64))
    _, first, row_of = np.unique(key, return_index=True, return_inverse=True)
    return x[first], row_of


def active_model() -> RiskModel | None:
    return RiskModel.objects.filter(is_active=True).order_by("-version").first()


def _ece(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error over equal-count bins."""
    if len(y) == 0:
        return 0.0
    order = np.argsort(p)
    total = 0.0
    for chunk in np.array_split(order, min(bins, len(y))):
        if len(chunk):
            total += len(chunk) * abs(p[chunk].mean() - y[chunk].mean())
    return total / len(y)


def _calibration_table(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict]:
    order = np.argsort(p)
    table = []
    for i, chunk in enumerate(np.array_split(order, bins), start=1):
        if len(chunk) == 0:
            continue
        table.append(
            {
                "bin": i,
                "n": len(chunk),
                "predicted": round(float(p[chunk].mean()), 4),
                "observed": round(float(y[chunk].mean()), 4),
                "p_min": round(float(p[chunk].min()), 4),
                "p_max": round(float(p[chunk].max()), 4),
            }
        )
    return table


def _wilson(k: int, n: int) -> tuple[float | None, float | None]:
    """95% Wilson interval of a proportion (None without observations)."""
    if not n:
        return None, None
    from scipy.stats import binomtest

    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return round(float(ci.low), 3), round(float(ci.high), 3)


def auc_interval(auc: float, positives: int, negatives: int) -> tuple[float, float]:
    """95% interval of an AUC (Hanley & McNeil 1982, Radiology 143:29-36).

    >>> auc_interval(0.75, 56, 1000)
    (0.675, 0.825)
    """
    q1, q2 = auc / (2 - auc), 2 * auc**2 / (1 + auc)
    var = (
        auc * (1 - auc)
        + (positives - 1) * (q1 - auc**2)
        + (negatives - 1) * (q2 - auc**2)
    ) / (positives * negatives)
    half = 1.959964 * var**0.5
    return round(max(0.0, auc - half), 3), round(min(1.0, auc + half), 3)


def _selection_rates(yy: np.ndarray, selected: np.ndarray) -> dict:
    """True and false positive rates at the cut-off, with counts and intervals."""
    events, non_events = int(yy.sum()), int(len(yy) - yy.sum())
    tp = int((selected & (yy == 1)).sum())
    fp = int((selected & (yy == 0)).sum())
    tpr_ci, fpr_ci = _wilson(tp, events), _wilson(fp, non_events)
    return {
        "events": events,
        "true_positives": tp,
        "tpr": round(tp / events, 3) if events else None,
        "tpr_low": tpr_ci[0],
        "tpr_high": tpr_ci[1],
        "non_events": non_events,
        "false_positives": fp,
        "fpr": round(fp / non_events, 3) if non_events else None,
        "fpr_low": fpr_ci[0],
        "fpr_high": fpr_ci[1],
    }


def _group_metrics(y, p, labels, threshold) -> list[dict]:
    from sklearn.metrics import roc_auc_score

    rows = []
    for value in sorted(set(labels)):
        mask = labels == value
        yy, pp = y[mask], p[mask]
        auc = (
            round(float(roc_auc_score(yy, pp)), 3)
            if len(set(yy.tolist())) == 2 and len(yy) >= 20
            else None
        )
        rows.append(
            {
                "group": value,
                "n": int(mask.sum()),
                "observed_rate": round(float(yy.mean()), 4) if len(yy) else None,
                "mean_predicted": round(float(pp.mean()), 4) if len(pp) else None,
                "positive_rate": round(float((pp >= threshold).mean()), 4)
                if len(pp)
                else None,
                "auc": auc,
                "calibration_error": round(_ece(yy, pp, 5), 4),
            }
            | _selection_rates(yy, pp >= threshold)
        )
    return rows


def _labels(choices) -> dict[str, str]:
    return {value: str(label).lower() for value, label in choices}


def _group_labels(frame: pl.DataFrame) -> dict[str, np.ndarray]:
    age = _age(pl.col("birth_date"), pl.col("max_end_date"))
    labelled = frame.select(
        pl.when(age < 27)
        .then(pl.lit("jonger dan 27"))
        .when(age < 45)
        .then(pl.lit("27-44"))
        .when(age < 55)
        .then(pl.lit("45-54"))
        .otherwise(pl.lit("55+"))
        .alias("age_band"),
        pl.col("household_type")
        .fill_null("unknown")
        .replace(_labels(HouseholdType.choices))
        .alias("household"),
        pl.col("education_level")
        .fill_null("unknown")
        .replace(_labels(EducationLevel.choices))
        .alias("education"),
    )
    return {c: labelled[c].to_numpy() for c in labelled.columns}


def _later_period(frame, x, y, labels, seed: int) -> dict | None:
    """Train on the earliest 75% of WW ends, test on the latest 25%.

    The random split measures fit; this measures what a model trained on the
    past does on later claims, as it is used. Per group: true and false positive
    rates at the top-20% cut-off of the later period, with intervals.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    ends = frame["max_end_date"].to_numpy()
    cutoff = np.quantile(ends.astype("datetime64[D]").astype(np.int64), 0.75)
    later = ends.astype("datetime64[D]").astype(np.int64) > cutoff
    if later.sum() < 50 or len(set(y[~later].tolist())) < 2:
        return None
    if len(set(y[later].tolist())) < 2:
        return None
    xm = x.to_numpy()
    model = LogisticRegression(C=1.0, max_iter=2000, random_state=seed)
    model.fit(xm[~later], y[~later])
    p = model.predict_proba(xm[later])[:, 1]
    yl = y[later]
    auc = float(roc_auc_score(yl, p))
    threshold = float(np.quantile(p, 0.8))
    first_later = dt.date.fromordinal(dt.date(1970, 1, 1).toordinal() + int(cutoff) + 1)
    return {
        "test_from": first_later.isoformat(),
        "n_train": int((~later).sum()),
        "n_test": int(later.sum()),
        "events": int(yl.sum()),
        "auc": round(auc, 4),
        "auc_interval": auc_interval(auc, int(yl.sum()), int(len(yl) - yl.sum())),
        "observed_rate": round(float(yl.mean()), 4),
        "mean_predicted": round(float(p.mean()), 4),
        "groups": {
            name: _group_metrics(yl, p, values[later], threshold)
            for name, values in labels.items()
        },
    }


class NotEnoughDataError(ValueError):
    """Too little outcome history (or only one outcome) to train a model."""


@transaction.atomic
def train_model(
    *,
    on: dt.date,
    seed: int = 2026,
    features: list[str] | None = None,
    allow_location: bool = False,
    min_rows: int = 200,
) -> RiskModel:
    """Train on ended claims with a recorded outcome; store and activate the model."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    groups = select_features(features, allow_location=allow_location)
    frame, y = _training_data(on=on, min_rows=min_rows)
    x = build_features(frame, groups)
    train_idx, test_idx = train_test_split(
        np.arange(len(y)), test_size=0.25, random_state=seed, stratify=y
    )
    xm = x.to_numpy()
    model = LogisticRegression(C=1.0, max_iter=2000, random_state=seed)
    model.fit(xm[train_idx], y[train_idx])
    p = model.predict_proba(xm[test_idx])[:, 1]
    labels = _group_labels(frame)
    metrics = _test_metrics(frame, x, y, labels, train_idx, test_idx, p, seed)
    stored = _store_model(
        on=on,
        seed=seed,
        groups=groups,
        coefficients=dict(zip(x.columns, model.coef_[0], strict=True)),
        intercept=float(model.intercept_[0]),
        metrics=metrics,
        yt=y[test_idx],
        p=p,
        labels={k: v[test_idx] for k, v in labels.items()},
        allow_location=allow_location,
    )
    logger.info(
        "risk_model_trained", version=stored.version, auc=metrics["auc"], n=len(y)
    )
    return stored


def _training_data(*, on: dt.date, min_rows: int) -> tuple[pl.DataFrame, np.ndarray]:
    """Ended claims with a recorded outcome before ``on``, and the outcomes (0/1)."""
    outcomes = dict(
        ClaimOutcome.objects.filter(claim__max_end_date__lt=on).values_list(
            "claim_id", "entered_bijstand"
        )
    )
    if len(outcomes) < min_rows:
        raise NotEnoughDataError(
            f"Te weinig uitkomsten om te trainen: {len(outcomes)} (minimaal {min_rows})."
        )
    frame = claims_frame(claim_ids=list(outcomes)).sort("claim_id")
    y = np.array([outcomes[c] for c in frame["claim_id"].to_list()], dtype=int)
    if len(set(y.tolist())) < 2:
        raise NotEnoughDataError("Alle uitkomsten zijn gelijk; trainen kan niet.")
    return frame, y


def _test_metrics(
    frame: pl.DataFrame,
    x: pl.DataFrame,
    y: np.ndarray,
    labels: dict[str, np.ndarray],
    train_idx: np.ndarray,
    test_idx: np.ndarray,
    p: np.ndarray,
    seed: int,
) -> dict:
    """The model card's figures on the held-out quarter (and on a later period)."""
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

    yt = y[test_idx]
    return {
        "n_total": len(y),
        "n_train": len(train_idx),
        "n_test": len(test_idx),
        "base_rate": round(float(y.mean()), 4),
        "auc": round(float(roc_auc_score(yt, p)), 4),
        "brier": round(float(brier_score_loss(yt, p)), 5),
        "log_loss": round(float(log_loss(yt, p)), 5),
        "calibration_error": round(_ece(yt, p), 4),
        "top20_threshold": round(float(np.quantile(p, 0.8)), 4),
        "auc_interval": auc_interval(
            float(roc_auc_score(yt, p)), int(yt.sum()), int(len(yt) - yt.sum())
        ),
        "later_period": _later_period(frame, x, y, labels, seed),
        "first_end_date": frame["max_end_date"].min().isoformat(),
        "last_end_date": frame["max_end_date"].max().isoformat(),
    }


def _store_model(
    *,
    on: dt.date,
    seed: int,
    groups: list[str],
    coefficients: dict,
    intercept: float,
    metrics: dict,
    yt: np.ndarray,
    p: np.ndarray,
    labels: dict,
    allow_location: bool,
) -> RiskModel:
    """Store the model as the next version and make it the active one."""
    threshold = float(np.quantile(p, 0.8))
    version = (
        RiskModel.objects.order_by("-version").values_list("version", flat=True).first()
        or 0
    ) + 1
    RiskModel.objects.filter(is_active=True).update(is_active=False)
    return RiskModel.objects.create(
        version=version,
        trained_at=timezone.now(),
        trained_on=on,
        seed=seed,
        features=groups,
        coefficients={c: round(float(w), 6) for c, w in coefficients.items()},
        intercept=intercept,
        metrics=metrics,
        calibration=_calibration_table(yt, p),
        group_metrics={
            name: _group_metrics(yt, p, values, threshold)
            for name, values in labels.items()
        },
        settings={"C": 1.0, "test_size": 0.25, "allow_location": allow_location},
    )


@dataclass(frozen=True)
class FittedModel:
    """Coefficients of a model fitted in memory (not stored, not activated)."""

    features: list[str]
    coefficients: dict[str, float]
    intercept: float
    trained_before: dt.date
    n: int


def fit(
    *,
    before: dt.date,
    seed: int = 2026,
    features: list[str] | None = None,
    min_rows: int = 200,
) -> FittedModel | None:
    """The model fitted on outcomes of claims whose WW ended before ``before``.

    For back-tests on a later period: nothing after ``before`` is seen. None
    when there are too few outcomes (or only one kind) to fit.
    """
    from sklearn.linear_model import LogisticRegression

    groups = select_features(features)
    outcomes = dict(
        ClaimOutcome.objects.filter(claim__max_end_date__lt=before).values_list(
            "claim_id", "entered_bijstand"
        )
    )
    if len(outcomes) < min_rows:
        return None
    frame = claims_frame(claim_ids=list(outcomes)).sort("claim_id")
    y = np.array([outcomes[c] for c in frame["claim_id"].to_list()], dtype=int)
    if len(set(y.tolist())) < 2:
        return None
    x = build_features(frame, groups)
    model = LogisticRegression(C=1.0, max_iter=2000, random_state=seed)
    model.fit(x.to_numpy(), y)
    return FittedModel(
        features=groups,
        coefficients=dict(zip(x.columns, map(float, model.coef_[0]), strict=True)),
        intercept=float(model.intercept_[0]),
        trained_before=before,
        n=len(y),
    )


def probabilities(model: RiskModel | FittedModel, frame: pl.DataFrame) -> np.ndarray:
    """Vectorised probabilities of a stored or fitted model for a claims frame."""
    columns = list(model.coefficients)
    x = build_features(frame, model.features).select(columns).to_numpy()
    coef = np.array([model.coefficients[c] for c in columns])
    return 1 / (1 + np.exp(-(x @ coef + model.intercept)))
