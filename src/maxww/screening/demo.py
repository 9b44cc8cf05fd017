"""Demo: ~5,000 people with WW claims in the six demo regions, and an outcome history.

End dates run from three years back to a year ahead, so there is history (ended
claims with a recorded outcome, ``screening.ClaimOutcome``) and current cohorts.
The chance of entering bijstand follows the risk factors from the research
(household, education, wage, Werkverkenner, age, WW duration), with a regional
intercept solved so each region's share of WW ends flowing into bijstand
matches domain.md (Drechtsteden 6.1%, Rotterdam 8.8%, Nijmegen 9%, Assen 9.3%,
Groningen/Eemsdelta 8.7%, 's-Hertogenbosch 4%). Bulk inserts only; a second run
adds nothing and only refreshes windows for the new date.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from django.db.models import Q

import polars as pl
import structlog

from maxww.organisations.models import Organisation, Region, User
from maxww.people.bsn import bsn_encrypter, bsn_hasher
from maxww.people.constants import ClaimStatus, EndReason, GrantBasis
from maxww.people.models import Household, Person, WWClaim
from maxww.people.services import grant_access_bulk
from maxww.rules.dates import add_months

from .models import ClaimOutcome, ScreeningRecord, Selection
from .services import NotEnoughDataError, refresh_screening, train_model
from .services.cohorts import months_before, region_windows
from .services.frame import claims_frame
from .services.refresh import refresh_records
from .services.risk import SECTORS, active_model

logger = structlog.stdlib.get_logger(__name__)

ORDER = 10
PREFIX = "DEMO-"

# region code: (UWV office, share of people, bijstand inflow target, postcode prefix)
# The inflow targets are each region's reported doorstroom (domain.md); the shares
# are chosen so that the demo as a whole lands near the national ~6% (domain.md:
# "~6%, ~24,000/year"), since the reported regions are mostly the high ones.
REGIONS = {
    "AM24": ("UWV Dordrecht", 0.32, 0.061, "33"),
    "AM22": ("UWV Rotterdam", 0.10, 0.088, "30"),
    "AM29": ("UWV 's-Hertogenbosch", 0.38, 0.040, "52"),
    "AM20": ("UWV Nijmegen", 0.08, 0.090, "65"),
    "AM04": ("UWV Assen", 0.06, 0.093, "94"),
    "AM01": ("UWV Groningen", 0.06, 0.087, "99"),
}
NATIONAL_DOORSTROOM = 0.06
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Öztürk",
    "Pinas",
    "Martina",
    "Kowalski",
    "Nowak",
    "Bouali",
    "Sedney",
]
FIRST_NAMES = [
    "Anna",
    "Daan",
    "Emma",
    "Sem",
    "Julia",
    "Lucas",
    "Sophie",
    "Noah",
    "Tess",
    "Levi",
    "Fatima",
    "Mohamed",
    "Ayse",
    "Mehmet",
    "Sanne",
    "Thijs",
    "Lotte",
    "Ruben",
    "Iris",
    "Bram",
    "Chantal",
    "Dennis",
    "Priya",
    "Kevin",
    "Nadia",
    "Wim",
    "Ria",
    "Henk",
]
PREFIXES = {"de", "van", "den", "der"}


def _split(name: str) -> tuple[str, str]:
    parts = name.split(" ")
    prefix = [p for p in parts[:-1] if p in PREFIXES]
    return " ".join(prefix), parts[-1] if prefix else name


def _pick(rng, options: dict):
    r, total = rng.random(), 0.0
    for value, weight in options.items():
        total += weight
        if r < total:
            return value
    return value


def _synthetic_bsn(n: int) -> str:
    from maxww.people.tests.factories import synthetic_bsn

    return synthetic_bsn(n)


def load(context) -> str:
    on: dt.date = context.on
    if WWClaim.objects.filter(claim_ref__startswith=PREFIX).exists():
        counts = refresh_screening(on=on)
        return f"Screening: demo-personen bestonden al; {counts['claims']} uitkeringen ververst."
    rng = context.rng
    regions = {r.code: r for r in Region.objects.filter(code__in=REGIONS)}
    orgs = {
        o.name: o
        for o in Organisation.objects.filter(name__in=[v[0] for v in REGIONS.values()])
    }
    municipalities = {
        code: list(region.municipalities.order_by("code"))
        for code, region in regions.items()
    }
    hasher, encrypter = bsn_hasher(), bsn_encrypter()
    people, households, claims, facts = [], [], [], []
    for i in range(context.people):
        code = _pick(rng, {c: v[1] for c, v in REGIONS.items()})
        office, _share, _target, pc = REGIONS[code]
        # Weight the central municipality (first in CBS order is not always central).
        municipality = rng.choice(municipalities[code])
        age = int(
            _pick(
                rng,
                {
                    rng.randint(19, 26): 0.14,
                    rng.randint(27, 44): 0.40,
                    rng.randint(45, 54): 0.25,
                    rng.randint(55, 66): 0.21,
                },
            )
        )
        end = on + dt.timedelta(days=rng.randint(-3 * 365, 365))
        months = _pick(
            rng,
            {
                3: 0.22,
                4: 0.06,
                6: 0.12,
                9: 0.1,
                12: 0.12,
                15: 0.1,
                18: 0.1,
                21: 0.08,
                24: 0.1,
            },
        )
        start = add_months(end, -months) + dt.timedelta(days=1)
        birth = end - dt.timedelta(days=int(age * 365.25) + rng.randint(0, 364))
        household = _pick(
            rng,
            {"single": 0.40, "couple": 0.45, "single_parent": 0.08, "unknown": 0.07},
        )
        education = _pick(
            rng,
            {
                "primary": 0.08,
                "low": 0.25,
                "middle": 0.42,
                "high": 0.20,
                "unknown": 0.05,
            },
        )
        base_wage = {
            "primary": 95,
            "low": 110,
            "middle": 140,
            "high": 210,
            "unknown": 130,
        }[education]
        wage = max(70.0, rng.gauss(base_wage, base_wage * 0.25))
        hours = rng.choice([20, 24, 28, 32, 36, 38, 40])
        werkverkenner = _pick(rng, {"low": 0.35, "high": 0.45, "unknown": 0.20})
        sector = rng.choice([*SECTORS, "Overig"])
        surname = rng.choice(LAST_NAMES)
        prefix, last = _split(surname)
        first = rng.choice(FIRST_NAMES)
        bsn = _synthetic_bsn(600_000_000 + i * 7)
        people.append(
            Person(
                bsn_hash=hasher(bsn),
                bsn_encrypted=encrypter(bsn),
                first_name=first,
                initials=first[0] + ".",
                surname_prefix=prefix,
                last_name=last,
                birth_date=birth,
                postcode=f"{pc}{rng.randint(10, 99)}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}",
                house_number=str(rng.randint(1, 250)),
                municipality=municipality,
                owner=orgs[office],
            )
        )
        partner_income = None
        if household == "couple" and rng.random() < 0.6:
            partner_income = Decimal(max(0, int(rng.lognormvariate(7.4, 0.6))))
        households.append(
            {
                "household_type": household,
                "partner_birth_date": birth
                + dt.timedelta(days=rng.randint(-2500, 2500))
                if household == "couple"
                else None,
                "partner_net_monthly_income": partner_income,
                "co_residents_27_plus": 0 if rng.random() < 0.9 else 1,
                "children": rng.choice([1, 2, 3])
                if household == "single_parent"
                else (rng.choice([0, 0, 1, 2]) if household == "couple" else 0),
                "assets": Decimal(rng.choice([0, 500, 2500, 8000, 15000, 60000]))
                if rng.random() < 0.5
                else None,
            }
        )
        ratio = wage * 5 / hours / 14.0
        logit = (
            {"single": 0.6, "couple": -0.7, "single_parent": 1.0, "unknown": 0.2}[
                household
            ]
            + {"primary": 0.9, "low": 0.6, "middle": 0.0, "high": -0.7, "unknown": 0.3}[
                education
            ]
            + {"low": 0.8, "high": -0.5, "unknown": 0.1}[werkverkenner]
            + (0.6 if ratio < 1.25 else -0.6 if ratio >= 2 else 0.0)
            + (0.5 if age >= 55 else 0.2 if age < 27 else 0.0)
            + (0.4 if months > 12 else -0.3 if months <= 3 else 0.0)
            + (0.3 if sector in ("Horeca", "Detailhandel", "Uitzendbranche") else 0.0)
        )
        claims.append(
            {
                "claim_ref": f"{PREFIX}{i + 1:06d}",
                "start_date": start,
                "max_end_date": end,
                "daily_wage": Decimal(f"{wage:.2f}"),
                "hours_lost": Decimal(hours),
                "occupation": "",
                "sector": sector,
                "education_level": education,
                "werkverkenner": werkverkenner,
                "in_doelgroepregister": rng.random() < 0.03,
                "is_flex_worker": rng.random() < 0.2,
                "was_self_employed": rng.random() < 0.05,
                "extract_date": on,
            }
        )
        facts.append((code, logit, end < on))
    intercepts = {
        code: _solve_intercept([f[1] for f in facts if f[0] == code], REGIONS[code][2])
        for code in REGIONS
    }
    Person.objects.bulk_create(people, batch_size=2000)
    person_ids = dict(
        Person.objects.filter(bsn_hash__in=[p.bsn_hash for p in people]).values_list(
            "bsn_hash", "pk"
        )
    )
    ids = [person_ids[p.bsn_hash] for p in people]
    Household.objects.bulk_create(
        [
            Household(person_id=pid, known_on=on, **h)
            for pid, h in zip(ids, households, strict=True)
        ],
        batch_size=2000,
    )
    claim_objects, outcome_flags = [], []
    for pid, claim, (code, logit, ended) in zip(ids, claims, facts, strict=True):
        entered = ended and rng.random() < 1 / (
            1 + math.exp(-(logit + intercepts[code]))
        )
        if ended:
            reason = (
                EndReason.MAXIMUM
                if entered
                else _pick(
                    rng,
                    {
                        EndReason.WORK: 0.55,
                        EndReason.MAXIMUM: 0.35,
                        EndReason.OTHER_INCOME: 0.05,
                        EndReason.OTHER: 0.05,
                    },
                )
            )
            actual = (
                claim["max_end_date"]
                if reason == EndReason.MAXIMUM
                else claim["start_date"]
                + (claim["max_end_date"] - claim["start_date"]) * rng.uniform(0.2, 0.95)
            )
            claim |= {
                "status": ClaimStatus.ENDED,
                "actual_end_date": actual,
                "end_reason": reason,
            }
        claim_objects.append(WWClaim(person_id=pid, **claim))
        outcome_flags.append((ended, entered))
    WWClaim.objects.bulk_create(claim_objects, batch_size=2000)
    claim_ids = dict(
        WWClaim.objects.filter(claim_ref__startswith=PREFIX).values_list(
            "claim_ref", "pk"
        )
    )
    ClaimOutcome.objects.bulk_create(
        [
            ClaimOutcome(
                claim_id=claim_ids[c.claim_ref],
                entered_bijstand=entered,
                bijstand_start_date=c.max_end_date + dt.timedelta(days=1)
                if entered
                else None,
                source="demo",
                recorded_on=on,
            )
            for c, (ended, entered) in zip(claim_objects, outcome_flags, strict=True)
            if ended
        ],
        batch_size=2000,
    )
    ScreeningRecord.objects.bulk_create(
        [
            ScreeningRecord(claim_id=claim_ids[c.claim_ref], person_id=c.person_id)
            for c in claim_objects
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    for office in {v[0] for v in REGIONS.values()}:
        grant_access_bulk(
            person_ids=[
                pid
                for pid, p in zip(ids, people, strict=True)
                if p.owner.name == office
            ],
            organisation=orgs[office],
            basis=GrantBasis.CASELOAD,
            source="import:uwv-extract",
        )
    try:
        model = train_model(on=on, seed=context.seed)
        trained = f"risicomodel v{model.version} (AUC {model.metrics['auc']:.2f})"
    except NotEnoughDataError:
        trained = "te weinig historie voor een risicomodel"
    history = _screen_history(on)
    counts = refresh_screening(on=on)
    _demo_selections(on)
    ended = sum(1 for f in outcome_flags if f[0])
    inflow = sum(1 for f in outcome_flags if f[1])
    return (
        f"Screening: {len(people)} personen, {ended} beëindigde WW-uitkeringen "
        f"({inflow / max(ended, 1):.1%} naar bijstand, {history} gescreend voordat "
        f"hun WW eindigde), {counts['claims']} lopend; {trained}."
    )


SCREENED_BEFORE_END = 6  # months: the regions screen their cohorts from T-7 to T-6


def _screen_history(on: dt.date) -> int:
    """Give ended claims the screening they had before their WW ended.

    The regions screen everyone whose WW ends within half a year, so the
    history's claims got their window, pre-check and risk score then: each is
    screened as of the first of the month six months before its last WW day,
    as a running claim, unless the person had already left WW by then (work
    found early). The monitoring funnel counts them. Returns how many.
    """
    frame = claims_frame(where=Q(status=ClaimStatus.ENDED))
    ends = dict(
        WWClaim.objects.filter(status=ClaimStatus.ENDED)
        .exclude(actual_end_date=None)
        .values_list("pk", "actual_end_date")
    )
    screened_on = (
        months_before(pl.col("max_end_date"), pl.lit(SCREENED_BEFORE_END))
        .dt.month_start()
        .alias("screened_on")
    )
    frame = frame.with_columns(
        screened_on,
        pl.col("claim_id")
        .replace_strict(ends, default=None, return_dtype=pl.Date)
        .alias("_left"),
    ).filter(
        (pl.col("screened_on") < pl.lit(on))
        & (pl.col("_left").is_null() | (pl.col("screened_on") < pl.col("_left")))
    )
    model, windows = active_model(), region_windows()
    running = pl.lit(str(ClaimStatus.ACTIVE))
    for (day,), part in frame.group_by("screened_on", maintain_order=True):
        refresh_records(
            part.drop("screened_on", "_left").with_columns(running.alias("status")),
            on=day,
            model=model,
            windows=windows,
        )
    return frame.height


def _solve_intercept(logits: list[float], target: float) -> float:
    """The intercept that makes the mean probability equal the target (bisection)."""
    if not logits:
        return 0.0
    low, high = -12.0, 4.0
    for _ in range(50):
        mid = (low + high) / 2
        mean = sum(1 / (1 + math.exp(-(x + mid))) for x in logits) / len(logits)
        low, high = (mid, high) if mean < target else (low, mid)
    return (low + high) / 2


def _demo_selections(on: dt.date) -> None:
    """A few open selections by the Drechtsteden coordinator, so voorlichting has work."""
    coordinator = User.objects.filter(username="coordinator").first()
    if coordinator is None or Selection.objects.exists():
        return
    records = (
        ScreeningRecord.objects.filter(
            Q(window="invitation") | Q(window="screening"),
            person__owner=coordinator.organisation,
            precheck="likely",
        )
        .order_by("-risk_score")
        .values_list("person_id", "window")[:12]
    )
    Selection.objects.bulk_create(
        Selection(
            person_id=pid,
            organisation=coordinator.organisation,
            selected_by=coordinator,
            reason="Voorcheck waarschijnlijk recht op bijstand; hoog in de lijst (demo).",
            window=window,
        )
        for pid, window in records
    )
