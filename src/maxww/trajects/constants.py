"""Choices and the state machine of a traject."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentPurpose(models.TextChoices):
    SHARE_WITH_MUNICIPALITY = (
        "share_with_municipality",
        _("Gegevens delen met gemeente"),
    )
    SHARE_WITH_PARTNER = "share_with_partner", _("Gegevens delen met partner")
    PROPOSE_TO_EMPLOYERS = "propose_to_employers", _("Voorstellen aan werkgevers")


class ConsentKind(models.TextChoices):
    SIGNED_FORM = "signed_form", _("Ondertekend formulier")
    VERBAL = "verbal", _("Mondeling vastgelegd")


class TrajectState(models.TextChoices):
    SIGNALLED = "signalled", _("Gesignaleerd")
    INVITED = "invited", _("Uitgenodigd")
    ATTENDED = "attended", _("Voorlichting bezocht")
    COACHING = "coaching", _("Begeleiding")
    FOLLOW_UP = "follow_up", _("Opvolging")
    ENDED = "ended", _("Afgesloten")


class Outcome(models.TextChoices):
    WORK = "work", _("Werk")
    BIJSTAND_APPLICATION = "bijstand_application", _("Bijstandsaanvraag")
    OTHER_INCOME = "other_income", _("Ander inkomen")
    MOVED = "moved", _("Verhuisd")
    DECLINED = "declined", _("Wil niet deelnemen")
    STOPPED = "stopped", _("Gestopt")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Vast")
    FIXED_TERM = "fixed_term", _("Tijdelijk")
    TEMP_AGENCY = "temp_agency", _("Uitzendcontract")
    TRIAL = "trial", _("Proefplaatsing")
    OTHER = "other", _("Anders")


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    MAIL = "mail", _("E-mail")
    WHATSAPP = "whatsapp", _("WhatsApp")
    VISIT = "visit", _("Bezoek")
    VIDEO = "video", _("Video")


class Childcare(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Niet nodig")
    ARRANGED = "arranged", _("Geregeld")
    NOT_ARRANGED = "not_arranged", _("Niet geregeld")


class LanguageLevel(models.TextChoices):
    GOOD = "good", _("Goed")
    SUFFICIENT = "sufficient", _("Voldoende")
    INSUFFICIENT = "insufficient", _("Onvoldoende")


class PlanActionKind(models.TextChoices):
    APPLICATIONS = "applications", _("Sollicitaties per week")
    CV = "cv", _("Cv op orde")
    BROADEN = "broaden", _("Zoekgebied verbreden (van droombaan naar broodbaan)")
    TRAINING = "training", _("Scholing of training")
    OTHER = "other", _("Anders")


class TaskKind(models.TextChoices):
    GENERAL = "general", _("Taak")
    DURABILITY = "durability", _("Controle duurzaamheid")
    REVIEW = "review", _("Weekgesprek")


S = TrajectState
# Allowed moves; anything else raises TransitionError with a Dutch message.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.SIGNALLED: frozenset({S.INVITED, S.COACHING, S.ENDED}),
    S.INVITED: frozenset({S.ATTENDED, S.COACHING, S.ENDED}),
    S.ATTENDED: frozenset({S.COACHING, S.ENDED}),
    S.COACHING: frozenset({S.FOLLOW_UP, S.ENDED}),
    S.FOLLOW_UP: frozenset({S.COACHING, S.ENDED}),
    S.ENDED: frozenset(),
}
OPEN_STATES = frozenset(s for s in S if s != S.ENDED)

# Months after the start of work at which we check whether the person still works.
DURABILITY_MONTHS = (3, 6)

# Consent form uploads.
CONSENT_MAX_BYTES = 5 * 1024 * 1024
CONSENT_EXTENSIONS = ("pdf", "png", "jpg", "jpeg")

EVENT_LABELS = {
    "traject_signalled": _("Traject gestart"),
    "traject_state_changed": _("Fase gewijzigd"),
    "coach_assigned": _("Contactpersoon vastgelegd"),
    "jobready_checked": _("Werkfit-check"),
    "plan_action_agreed": _("Afspraak werkplan"),
    "plan_action_done": _("Afspraak afgevinkt"),
    "plan_reviewed": _("Weekgesprek"),
    "contact_logged": _("Contactmoment"),
    "task_added": _("Taak toegevoegd"),
    "task_done": _("Taak gedaan"),
    "durability_checked": _("Duurzaamheid gecontroleerd"),
}

# The history's details in Dutch: key → (label, how to show the stored value).
# The kind is the name of a Choices class, "bool" or "text".
EVENT_DETAIL_LABELS = {
    "channel": (_("kanaal"), "ContactChannel"),
    "jobready": (_("werkfit"), "bool"),
    "kind": (_("soort"), "PlanActionKind"),
    "on_track": (_("op schema"), "bool"),
    "outcome": (_("uitkomst"), "Outcome"),
    "still_working": (_("werkt nog"), "bool"),
    "title": (_("taak"), "text"),
    "reason": (_("reden"), "text"),
    "note": (_("notitie"), "text"),
    "coach": (_("coach"), "text"),
    "previous": (_("eerder"), "text"),
    "months": (_("maanden"), "text"),
    "employer": (_("werkgever"), "text"),
    "hours": (_("uren per week"), "text"),
}
