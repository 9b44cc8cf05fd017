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
import random
from dataclasses import dataclass
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
WW_MONTHS = {
    3: 0.22,
    4: 0.06,
    6: 0.12,
    9: 0.1,
    12: 0.12,
    15: 0.1,
    18: 0.1,
    21: 0.08,
    24: 0.1,
}
EDUCATION_SHARES = {
    "primary": 0.08,
    "low": 0.25,
    "middle": 0.42,
    "high": 0.20,
    "unknown": 0.05,
}
BASE_WAGE = {"primary": 95, "low": 110, "middle": 140, "high": 210, "unknown": 130}
# Synthetic street names, found in many Dutch towns; the town is the municipality.
STREETS = [
    "Voorstraat",
    "Kerkstraat",
    "Molenweg",
    "Lindenlaan",
    "Dijkstraat",
    "Havenkade",
    "Julianastraat",
    "Beatrixlaan",
    "Rozenstraat",
    "Stationsweg",
    "Schoolstraat",
    "Merelstraat",
]
ADDITIONS = ["", "", "", "", "", "", "A", "B", "bis", "1"]
# Some people lack a street: their letters are listed for follow-up instead.
NO_ADDRESS_SHARE = 0.03


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
    """People, households, claims with a history of outcomes, then their screening."""
    on: dt.date = context.on
    if WWClaim.objects.filter(claim_ref__startswith=PREFIX).exists():
        counts = refresh_screening(on=on)
        return f"Screening: demo-personen bestonden al; {counts['claims']} uitkeringen ververst."
    rng = context.rng
    orgs, municipalities = _offices_and_municipalities()
    hasher, encrypter = bsn_hasher(), bsn_encrypter()
    addresses = random.Random(f"{context.seed}-addresses")  # the main draws stay
    people, households, claims, facts = [], [], [], []
    for i in range(context.people):
        person, household, claim, fact = _draw(
            rng,
            i,
            on=on,
            orgs=orgs,
            municipalities=municipalities,
            hasher=hasher,
            encrypter=encrypter,
        )
        _give_address(person, addresses)
        people.append(person)
        households.append(household)
        claims.append(claim)
        facts.append(fact)
    ids = _insert_people(people, households, on=on)
    claim_objects, outcome_flags = _insert_claims(rng, ids, claims, facts)
    _insert_outcomes_and_records(claim_objects, outcome_flags, on=on)
    _grant_caseloads(ids, people, orgs)
    trained = _train(on=on, seed=context.seed)
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


def _offices_and_municipalities() -> tuple[dict, dict]:
    """The UWV offices by name and each demo region's municipalities."""
    regions = {r.code: r for r in Region.objects.filter(code__in=REGIONS)}
    orgs = {
        o.name: o
        for o in Organisation.objects.filter(name__in=[v[0] for v in REGIONS.values()])
    }
    municipalities = {
        code: list(region.municipalities.order_by("code"))
        for code, region in regions.items()
    }
    return orgs, municipalities


@dataclass(frozen=True)
class _Facts:
    """One person's drawn facts, before they become rows."""

    age: int
    start: dt.date
    end: dt.date
    months: int
    birth: dt.date
    household: str
    education: str
    wage: float
    hours: int
    werkverkenner: str
    sector: str


def _draw(rng, i: int, *, on, orgs, municipalities, hasher, encrypter):
    """One demo person: (Person, household fields, claim fields, outcome facts).

    The draws keep their order, so a seed gives the same demo as before.
    """
    code = _pick(rng, {c: v[1] for c, v in REGIONS.items()})
    office, _share, _target, pc = REGIONS[code]
    municipality = rng.choice(municipalities[code])
    facts = _draw_facts(rng, on)
    person = _draw_person(
        rng,
        i,
        facts,
        postcode_prefix=pc,
        municipality=municipality,
        owner=orgs[office],
        hasher=hasher,
        encrypter=encrypter,
    )
    household = _draw_household(rng, facts)
    claim = _draw_claim(rng, i, facts, on=on)
    return person, household, claim, (code, _logit(facts), facts.end < on)


def _draw_facts(rng, on: dt.date) -> _Facts:
    """Age, WW period, household, education, wage, hours, Werkverkenner, sector."""
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
    months = _pick(rng, WW_MONTHS)
    start = add_months(end, -months) + dt.timedelta(days=1)
    birth = end - dt.timedelta(days=int(age * 365.25) + rng.randint(0, 364))
    household = _pick(
        rng, {"single": 0.40, "couple": 0.45, "single_parent": 0.08, "unknown": 0.07}
    )
    education = _pick(rng, EDUCATION_SHARES)
    base_wage = BASE_WAGE[education]
    wage = max(70.0, rng.gauss(base_wage, base_wage * 0.25))
    hours = rng.choice([20, 24, 28, 32, 36, 38, 40])
    werkverkenner = _pick(rng, {"low": 0.35, "high": 0.45, "unknown": 0.20})
    sector = rng.choice([*SECTORS, "Overig"])
    return _Facts(
        age,
        start,
        end,
        months,
        birth,
        household,
        education,
        wage,
        hours,
        werkverkenner,
        sector,
    )


def _draw_person(
    rng,
    i: int,
    facts: _Facts,
    *,
    postcode_prefix,
    municipality,
    owner,
    hasher,
    encrypter,
) -> Person:
    surname = rng.choice(LAST_NAMES)
    prefix, last = _split(surname)
    first = rng.choice(FIRST_NAMES)
    bsn = _synthetic_bsn(600_000_000 + i * 7)
    letters = "ABCDEGHJKLMNPRSTVWXZ"
    postcode = (
        f"{postcode_prefix}{rng.randint(10, 99)}{rng.choice(letters)}"
        f"{rng.choice(letters)}"
    )
    return Person(
        bsn_hash=hasher(bsn),
        bsn_encrypted=encrypter(bsn),
        first_name=first,
        initials=first[0] + ".",
        surname_prefix=prefix,
        last_name=last,
        birth_date=facts.birth,
        postcode=postcode,
        house_number=str(rng.randint(1, 250)),
        municipality=municipality,
        owner=owner,
    )


def _give_address(person: Person, rng: random.Random) -> None:
    """A synthetic street in the person's town; a few have none (to follow up)."""
    if rng.random() < NO_ADDRESS_SHARE:
        return
    person.street = rng.choice(STREETS)
    person.house_number_addition = rng.choice(ADDITIONS)
    person.town = person.municipality.name


def _draw_household(rng, facts: _Facts) -> dict:
    household, birth = facts.household, facts.birth
    partner_income = None
    if household == "couple" and rng.random() < 0.6:
        partner_income = Decimal(max(0, int(rng.lognormvariate(7.4, 0.6))))
    return {
        "household_type": household,
        "partner_birth_date": birth + dt.timedelta(days=rng.randint(-2500, 2500))
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


def _logit(f: _Facts) -> float:
    """The person's log-odds of entering bijstand, before the regional intercept."""
    ratio = f.wage * 5 / f.hours / 14.0
    return (
        {"single": 0.6, "couple": -0.7, "single_parent": 1.0, "unknown": 0.2}[
            f.household
        ]
        + {"primary": 0.9, "low": 0.6, "middle": 0.0, "high": -0.7, "unknown": 0.3}[
            f.education
        ]
        + {"low": 0.8, "high": -0.5, "unknown": 0.1}[f.werkverkenner]
        + (0.6 if ratio < 1.25 else -0.6 if ratio >= 2 else 0.0)
        + (0.5 if f.age >= 55 else 0.2 if f.age < 27 else 0.0)
        + (0.4 if f.months > 12 else -0.3 if f.months <= 3 else 0.0)
        + (0.3 if f.sector in ("Horeca", "Detailhandel", "Uitzendbranche") else 0.0)
    )


def _draw_claim(rng, i: int, f: _Facts, *, on: dt.date) -> dict:
    return {
        "claim_ref": f"{PREFIX}{i + 1:06d}",
        "start_date": f.start,
        "max_end_date": f.end,
        "daily_wage": Decimal(f"{f.wage:.2f}"),
        "hours_lost": Decimal(f.hours),
        "occupation": "",
        "sector": f.sector,
        "education_level": f.education,
        "werkverkenner": f.werkverkenner,
        "in_doelgroepregister": rng.random() < 0.03,
        "is_flex_worker": rng.random() < 0.2,
        "was_self_employed": rng.random() < 0.05,
        "extract_date": on,
    }


def _insert_people(people: list[Person], households: list[dict], *, on) -> list[int]:
    """People and their households in bulk; returns the people's ids in order."""
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
    return ids


def _insert_claims(rng, ids: list[int], claims: list[dict], facts: list[tuple]):
    """The claims, the ended ones with an outcome drawn from their risk.

    Returns the claims and per claim (ended, entered bijstand).
    """
    intercepts = {
        code: _solve_intercept([f[1] for f in facts if f[0] == code], REGIONS[code][2])
        for code in REGIONS
    }
    claim_objects, outcome_flags = [], []
    for pid, claim, (code, logit, ended) in zip(ids, claims, facts, strict=True):
        entered = ended and rng.random() < 1 / (
            1 + math.exp(-(logit + intercepts[code]))
        )
        if ended:
            claim |= _ending(rng, claim, entered=entered)
        claim_objects.append(WWClaim(person_id=pid, **claim))
        outcome_flags.append((ended, entered))
    WWClaim.objects.bulk_create(claim_objects, batch_size=2000)
    return claim_objects, outcome_flags


def _ending(rng, claim: dict, *, entered: bool) -> dict:
    """How an ended claim ended: into bijstand always at its maximum."""
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
    return {
        "status": ClaimStatus.ENDED,
        "actual_end_date": actual,
        "end_reason": reason,
    }


def _insert_outcomes_and_records(claim_objects, outcome_flags, *, on) -> None:
    """The recorded outcome of each ended claim, and an empty screening record each."""
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


def _grant_caseloads(ids: list[int], people: list[Person], orgs: dict) -> None:
    """Each UWV office gets its own people in caseload, as the import gives."""
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


def _train(*, on: dt.date, seed: int) -> str:
    try:
        model = train_model(on=on, seed=seed)
    except NotEnoughDataError:
        return "te weinig historie voor een risicomodel"
    return f"risicomodel v{model.version} (AUC {model.metrics['auc']:.2f})"


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
