"""Demo: employers, ~200 vacancies, candidate profiles, proposals and placements.

Runs after trajects (ORDER 20). Candidates are the open trajects; about 70%
consent to be proposed to employers via the region's WSP (or UWV office), which
gives that organisation a legal basis to see them, as the real consent does.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.utils import timezone

from maxww.organisations.models import Organisation, User
from maxww.people.constants import GrantBasis
from maxww.people.models import AccessGrant, WWClaim
from maxww.trajects.constants import ConsentKind, ConsentPurpose, TrajectState
from maxww.trajects.models import Consent, Traject

from . import services
from .constants import LanguageLevel, ProposalStatus, Sector, Transport
from .geo import pc4_table
from .models import CandidateProfile, Employer, Occupation, Proposal, Vacancy

ORDER = 40
MARK = "DEMO-"

# Occupations per sector (ISCO-08) for employers' vacancies and candidates' wishes.
SECTOR_OCCUPATIONS: dict[str, list[str]] = {
    Sector.LOGISTICS: ["9333", "8344", "8332", "4321", "9321", "8322", "4323"],
    Sector.CARE: ["5321", "5322", "3221", "5311", "3412", "9112"],
    Sector.METAL: ["7212", "7223", "7213", "7214", "8211", "7233", "3115"],
    Sector.CLEANING: ["9112", "9129", "5151", "9122", "5153"],
    Sector.RETAIL: ["5223", "5230", "9334", "1420", "4321"],
    Sector.ADMINISTRATION: ["4110", "4311", "4222", "4226", "3313", "4313"],
    Sector.HOSPITALITY: ["5120", "5131", "9412", "5132"],
    Sector.CONSTRUCTION: ["9313", "7112", "7115", "7411", "7126", "7131"],
    Sector.FOOD: ["8160", "9329", "7512", "9321"],
}
CLAIM_SECTORS = {
    "Logistiek": Sector.LOGISTICS,
    "Zorg en welzijn": Sector.CARE,
    "Detailhandel": Sector.RETAIL,
    "Horeca": Sector.HOSPITALITY,
    "Bouw": Sector.CONSTRUCTION,
    "Techniek en industrie": Sector.METAL,
    "Zakelijke dienstverlening": Sector.ADMINISTRATION,
    "Uitzendbranche": Sector.LOGISTICS,
    "Overheid en onderwijs": Sector.ADMINISTRATION,
    "ICT": Sector.ADMINISTRATION,
}
CERTIFICATES = {
    "8344": "heftruck",
    "7212": "VCA, lassen",
    "9313": "VCA",
    "7411": "VCA",
    "8332": "code 95",
    "3221": "BIG",
}

# (name, sector, postcode, city) per region; Drechtsteden first (001 ch. 4).
EMPLOYERS: dict[str, list[tuple[str, str, str, str]]] = {
    "AM24": [
        ("Distributiecentrum Dordtse Kil", Sector.LOGISTICS, "3316AB", "Dordrecht"),
        ("Transportbedrijf Van der Waal", Sector.LOGISTICS, "3334KA", "Zwijndrecht"),
        ("Zorggroep Drechtsteden", Sector.CARE, "3311CD", "Dordrecht"),
        ("Thuiszorg Merwestreek", Sector.CARE, "3352BB", "Papendrecht"),
        ("Scheepswerf Merwede", Sector.METAL, "3361AA", "Sliedrecht"),
        ("Metaalbewerking Alblasserdam", Sector.METAL, "2952AG", "Alblasserdam"),
        (
            "Schoonmaakbedrijf Drechtsteden",
            Sector.CLEANING,
            "3342LE",
            "Hendrik-Ido-Ambacht",
        ),
        ("Supermarkten Zuid-Holland Zuid", Sector.RETAIL, "3313AA", "Dordrecht"),
        (
            "Administratiekantoor De Merwe",
            Sector.ADMINISTRATION,
            "3371AC",
            "Hardinxveld-Giessendam",
        ),
        (
            "Gemeentelijke diensten Dordrecht",
            Sector.ADMINISTRATION,
            "3311AX",
            "Dordrecht",
        ),
    ],
    "AM22": [
        ("Havenlogistiek Waalhaven", Sector.LOGISTICS, "3089KA", "Rotterdam"),
        ("Zorginstelling Maasstad", Sector.CARE, "3079DZ", "Rotterdam"),
        ("Schoonmaak Rijnmond", Sector.CLEANING, "3112AA", "Schiedam"),
        ("Horecagroep Kop van Zuid", Sector.HOSPITALITY, "3072AP", "Rotterdam"),
        ("Bouwbedrijf Ridderkerk", Sector.CONSTRUCTION, "2983AA", "Ridderkerk"),
    ],
    "AM29": [
        ("Logistiek Park Rosmalen", Sector.LOGISTICS, "5237AA", "'s-Hertogenbosch"),
        ("Zorggroep Bossche Kring", Sector.CARE, "5211AB", "'s-Hertogenbosch"),
        ("Vleesverwerking Oss", Sector.FOOD, "5342AA", "Oss"),
        ("Metaal Boxtel", Sector.METAL, "5281AA", "Boxtel"),
    ],
    "AM20": [
        ("Distributie Nijmegen-West", Sector.LOGISTICS, "6541AA", "Nijmegen"),
        ("Radboud Zorgdiensten", Sector.CARE, "6525AA", "Nijmegen"),
        ("Bouwcombinatie Wijchen", Sector.CONSTRUCTION, "6602AA", "Wijchen"),
        ("Winkelcentrum Dukenburg", Sector.RETAIL, "6536AA", "Nijmegen"),
    ],
    "AM04": [
        ("Zorgcentrum Assen", Sector.CARE, "9401AA", "Assen"),
        ("Transport Drenthe", Sector.LOGISTICS, "9405AA", "Assen"),
        ("Schoonmaak Noord", Sector.CLEANING, "9481AA", "Vries"),
    ],
    "AM01": [
        ("Chemiepark Delfzijl", Sector.METAL, "9936AA", "Delfzijl"),
        ("Zorggroep Groningen", Sector.CARE, "9713AA", "Groningen"),
        ("Distributiecentrum Zuidbroek", Sector.LOGISTICS, "9601AA", "Hoogezand"),
    ],
}
VACANCIES_PER_REGION = {
    "AM24": 70,
    "AM22": 40,
    "AM29": 30,
    "AM20": 30,
    "AM04": 15,
    "AM01": 15,
}


def _host(code: str) -> Organisation | None:
    """The organisation that keeps employers in a region: its WSP, else UWV."""
    orgs = Organisation.objects.filter(region__code=code)
    return orgs.filter(kind="wsp").first() or orgs.filter(kind="uwv").first()


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def load(context) -> str:
    """Employers per region, their vacancies, candidate profiles (with consent
    for most) and, in Drechtsteden, proposals and a few placements."""
    on: dt.date = context.on
    rng = context.rng
    if Employer.objects.filter(agreements__startswith=MARK).exists():
        return "Matching: demo-werkgevers bestonden al."
    occupations = dict(Occupation.objects.values_list("code", "id"))
    adviser = User.objects.filter(username="accountmanager").first()
    employers, hosts = _employers(adviser, rng)
    vacancies = _vacancies(employers, hosts, occupations, adviser, on=on, rng=rng)
    profiles, consents = _candidates(hosts, occupations, on=on, rng=rng)
    made, placed = (0, 0)
    if adviser is not None:
        made, placed = _proposals(adviser, on=on, rng=rng)
    return (
        f"{len(employers)} werkgevers, {len(vacancies)} vacatures, {len(profiles)} "
        f"kandidaatprofielen ({len(consents)} met toestemming), {made} voorstellen, "
        f"{placed} plaatsingen"
    )


def _employers(
    adviser: User | None, rng
) -> tuple[list[Employer], dict[str, Organisation]]:
    """The EMPLOYERS of each region with a host, saved; and the hosts."""
    employers: list[Employer] = []
    hosts: dict[str, Organisation] = {}
    for code, rows in EMPLOYERS.items():
        host = _host(code)
        if host is None:
            continue
        hosts[code] = host
        for i, (name, sector, postcode, city) in enumerate(rows):
            employers.append(
                Employer(
                    kvk_number=f"{24000000 + len(employers) * 7919 + i:08d}",
                    name=name,
                    sector=sector,
                    postcode=postcode,
                    city=city,
                    contact_persons=f"HR-afdeling {name}, 088-{rng.randint(1000000, 9999999)}",
                    agreements=f"{MARK}vaste contactpersoon via het WSP; "
                    + rng.choice(
                        [
                            "SROI-afspraak: 2 plaatsen per jaar.",
                            "Proefplaatsing bespreekbaar.",
                            "Baanbonus bij jaarcontract.",
                            "Leerwerkplekken mogelijk.",
                        ]
                    ),
                    account_manager=adviser if code == "AM24" else None,
                    organisation=host,
                    region=host.region,
                )
            )
    Employer.objects.bulk_create(employers)
    employers = list(
        Employer.objects.filter(agreements__startswith=MARK).select_related("region")
    )

    return employers, hosts


def _vacancies(
    employers: list[Employer],
    hosts: dict[str, Organisation],
    occupations: dict[str, int],
    adviser: User | None,
    *,
    on: dt.date,
    rng,
) -> list[Vacancy]:
    """VACANCIES_PER_REGION vacancies at the region's employers, saved."""
    pc4_by_prefix: dict[str, list[str]] = {}
    for pc in pc4_table():
        pc4_by_prefix.setdefault(pc[:2], []).append(pc)
    vacancies: list[Vacancy] = []
    by_region: dict[str, list[Employer]] = {}
    for e in employers:
        by_region.setdefault(e.region.code, []).append(e)
    for code, count in VACANCIES_PER_REGION.items():
        for n in range(count):
            if code not in by_region:
                break
            employer = rng.choice(by_region[code])
            vacancies.append(
                _vacancy(
                    employer,
                    f"{MARK}{code}-{n:03d}",
                    occupations,
                    pc4_by_prefix,
                    host=hosts[code],
                    created_by=adviser if code == "AM24" else None,
                    on=on,
                    rng=rng,
                )
            )
    labels = dict(Occupation.objects.values_list("id", "label"))
    for v in vacancies:
        v.title = labels[v.occupation_id]
    Vacancy.objects.bulk_create(vacancies)

    return vacancies


def _vacancy(
    employer: Employer,
    ref: str,
    occupations: dict[str, int],
    pc4_by_prefix: dict[str, list[str]],
    *,
    host: Organisation,
    created_by: User | None,
    on: dt.date,
    rng,
) -> Vacancy:
    """One unsaved vacancy in the employer's sector, near the employer."""
    occ = rng.choice(SECTOR_OCCUPATIONS[employer.sector])
    low = rng.choice([12, 16, 20, 24, 24, 32, 32, 36])
    return Vacancy(
        external_ref=ref,
        employer=employer,
        title="",  # the occupation label, set by the caller
        occupation_id=occupations[occ],
        hours_min=low,
        hours_max=min(40, low + rng.choice([0, 4, 8, 12])),
        postcode=rng.choice(
            pc4_by_prefix.get(employer.postcode[:2], [employer.postcode[:4]])
        ),
        location=employer.city,
        requires_driving_licence=occ in ("8332", "8322", "5322") or rng.random() < 0.1,
        certificates=CERTIFICATES.get(occ, ""),
        language_level=rng.choice(
            [LanguageLevel.NONE, LanguageLevel.BASIC, LanguageLevel.GOOD]
        ),
        experience_years=rng.choice([0, 0, 0, 1, 2]),
        start_date=on + dt.timedelta(days=rng.randint(-10, 60)),
        status=rng.choices(["open", "filled", "closed"], weights=[85, 10, 5])[0],
        is_shared_in_region=rng.random() < 0.85,
        organisation=host,
        region=host.region,
        created_by=created_by,
    )


def _candidates(
    hosts: dict[str, Organisation], occupations: dict[str, int], *, on: dt.date, rng
) -> tuple[list[CandidateProfile], list[Consent]]:
    """Candidate profiles for trajects in coaching; consent to be proposed for
    ~70% (with the grant it gives); the wished occupations. All saved."""
    open_trajects = list(
        Traject.objects.filter(
            state__in=[TrajectState.COACHING, TrajectState.FOLLOW_UP],
            candidate_profile__isnull=True,
        )
        .select_related("organisation__region")
        .values("id", "person_id", "organisation__region__code", "coach_id")
    )
    sectors = dict(
        WWClaim.objects.filter(person_id__in=[t["person_id"] for t in open_trajects])
        .order_by("person_id", "-max_end_date")
        .values_list("person_id", "sector")
    )
    recorder = User.objects.filter(username="coordinator").first()
    profiles, consents, grants, wanted = [], [], [], []
    for t in open_trajects:
        sector = CLAIM_SECTORS.get(sectors.get(t["person_id"], "")) or rng.choice(
            list(SECTOR_OCCUPATIONS)
        )
        choices = SECTOR_OCCUPATIONS[sector]
        codes = rng.sample(choices, k=min(len(choices), rng.choice([1, 2, 2, 3])))
        profiles.append(_profile(t["id"], on=on, rng=rng))
        wanted.append(codes)
        host = hosts.get(t["organisation__region__code"])
        if host is not None and recorder is not None and rng.random() < 0.7:
            c = _propose_consent(t["person_id"], host, recorder, on=on, rng=rng)
            consents.append(c)
            grants.append(
                AccessGrant(
                    person_id=t["person_id"],
                    organisation=host,
                    basis=GrantBasis.CONSENT,
                    source=f"consent:{c.uuid}",
                )
            )
    CandidateProfile.objects.bulk_create(profiles, batch_size=2000)
    Consent.objects.bulk_create(consents, batch_size=2000)
    AccessGrant.objects.bulk_create(grants, batch_size=2000)
    _save_wishes(open_trajects, wanted, occupations)
    return profiles, consents


def _profile(traject_id: int, *, on: dt.date, rng) -> CandidateProfile:
    """An unsaved profile: hours, travel, licence, certificates, language."""
    return CandidateProfile(
        traject_id=traject_id,
        hours_available=rng.choice([16, 20, 24, 32, 32, 36, 40]),
        max_travel_km=rng.choice([10, 15, 20, 25, 30, 40]),
        transport=rng.choice(Transport.values),
        available_from=on + dt.timedelta(days=rng.randint(-20, 30)),
        has_driving_licence=rng.random() < 0.6,
        certificates=rng.choice(
            ["", "", "VCA", "heftruck", "VCA, heftruck", "code 95"]
        ),
        language_level=rng.choice(
            [
                LanguageLevel.BASIC,
                LanguageLevel.GOOD,
                LanguageLevel.GOOD,
                LanguageLevel.FLUENT,
            ]
        ),
        experience_years=rng.randint(0, 25),
        skills=rng.choice(
            ["klantgericht", "teamspeler, nauwkeurig", "zelfstandig", ""]
        ),
    )


def _propose_consent(
    person_id: int, host: Organisation, recorder: User, *, on: dt.date, rng
) -> Consent:
    """An unsaved consent to be proposed to employers via the host."""
    return Consent(
        uuid=uuid.uuid4(),
        person_id=person_id,
        purpose=ConsentPurpose.PROPOSE_TO_EMPLOYERS,
        recipient=host,
        scope="Werkzoekprofiel en cv, om voor te stellen aan werkgevers.",
        kind=ConsentKind.SIGNED_FORM if rng.random() < 0.5 else ConsentKind.VERBAL,
        given_at=_aware(on - dt.timedelta(days=rng.randint(1, 40))),
        recorded_by=recorder,
    )


def _save_wishes(
    open_trajects: list[dict], wanted: list[list[str]], occupations: dict[str, int]
) -> None:
    """The wished occupations of the saved profiles, in one bulk insert."""
    ids = dict(
        CandidateProfile.objects.filter(
            traject_id__in=[t["id"] for t in open_trajects]
        ).values_list("traject_id", "id")
    )
    through = CandidateProfile.occupations.through
    through.objects.bulk_create(
        [
            through(candidateprofile_id=ids[t["id"]], occupation_id=occupations[code])
            for t, codes in zip(open_trajects, wanted, strict=True)
            for code in codes
        ],
        batch_size=5000,
    )


def _proposals(adviser: User, *, on: dt.date, rng) -> tuple[int, int]:
    """Proposals and a few placements in Drechtsteden, by the demo account
    manager: the number proposed and placed."""
    made = placed = 0
    open_ds = list(
        Vacancy.objects.filter(
            region__code="AM24", status="open", external_ref__startswith=MARK
        ).order_by("id")[:20]
    )
    for vacancy in open_ds:
        for match in services.rank_candidates(vacancy=vacancy, on=on, limit=2):
            if Proposal.objects.filter(traject_id=match.traject_id).exists():
                continue
            proposal = services.propose(
                vacancy=vacancy, traject=match.profile.traject, by=adviser, on=on
            )
            made += 1
            step = made % 5
            if step == 1 and placed < 3:
                services.hire(
                    proposal=proposal,
                    by=adviser,
                    on=on,
                    hours_per_week=Decimal(vacancy.hours_max),
                    start_date=max(vacancy.start_date, on),
                    contract_type="fixed_term",
                )
                placed += 1
            elif step in (2, 3):
                services.set_proposal_status(
                    proposal=proposal,
                    status=ProposalStatus.INTERVIEW,
                    by=adviser,
                    on=on,
                )
            elif step == 4:
                services.set_proposal_status(
                    proposal=proposal,
                    status=ProposalStatus.REJECTED,
                    rejection_reason=rng.choice(["employer", "hours", "travel"]),
                    by=adviser,
                    on=on,
                )
            break
    return made, placed
