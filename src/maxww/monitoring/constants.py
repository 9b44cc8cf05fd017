"""Reference figures for monitoring (calibration facts, not law: see domain.md §4)."""

from django.utils.translation import gettext_lazy as _

# National doorstroom (share of WW ends flowing into bijstand): 5.5% in the
# cases, ~6% nationally (000 §1.3, §1.6, §1.7; 001 ch. 1; 000 Bijlage 1; 003).
NATIONAL_DOORSTROOM_LOW = 0.055
NATIONAL_DOORSTROOM_HIGH = 0.06
NATIONAL_DOORSTROOM_SOURCE = _(
    "Landelijk 5,5–6% van de WW-beëindigingen stroomt door naar de bijstand "
    "(bronnen 000 §1.3, §1.6, §1.7 en Bijlage 1; 001 hoofdstuk 1; 003)."
)

# Bossche model: 30–40% less doorstroom per year (UWV estimate; 000 §1.2, 003).
EFFECT_DEFAULT = 0.35
EFFECT_LOW = 0.30
EFFECT_HIGH = 0.40
EFFECT_SOURCE = _(
    "UWV-schatting van het effect van de Bossche aanpak ('s-Hertogenbosch): "
    "30–40% minder doorstroom per jaar (bronnen 000 §1.2 en 003). Geen "
    "controlegroep; het netto-effect is onbekend (004 §6.1)."
)

# Roles that may open the dashboard (aggregates only).

# z for a two-sided 90% interval of a normal distribution.
Z90 = 1.6448536269514722
