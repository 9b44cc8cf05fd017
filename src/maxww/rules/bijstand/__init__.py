"""Participatiewet (bijstand): norm, kostendelersnorm, asset and income test.

One function per article, composed by ``evaluate_bijstand``. Modules: ``case``
(``BijstandCase``, ``BijstandResult``, ``Household``), ``evaluate`` (the order the
articles apply in), ``norm`` (art. 20-24a and the kostendelersnorm), ``income``
(art. 19, 31 lid 2 and 32), ``assets`` (art. 34), ``zoektermijn`` (art. 41 lid 4).
"""

from .assets import art_34_lid_2d_eigen_woning, art_34_vermogenstoets
from .case import ZERO, BijstandCase, BijstandResult, Household
from .evaluate import evaluate_bijstand
from .income import (
    art_19_inkomenstoets,
    art_31_lid_2_vrijlating,
    art_32_lid_3_inkomen_partner_zonder_recht,
)
from .norm import (
    art_20_22a_norm,
    art_20_lid_3_jongerentoeslag,
    art_22_pensioennorm,
    art_24_partner_zonder_recht,
    art_24a_verhoging,
    kostendeler_share,
)
from .zoektermijn import art_41_lid_4_zoektermijn

__all__ = [
    "ZERO",
    "BijstandCase",
    "BijstandResult",
    "Household",
    "art_19_inkomenstoets",
    "art_20_22a_norm",
    "art_20_lid_3_jongerentoeslag",
    "art_22_pensioennorm",
    "art_24_partner_zonder_recht",
    "art_24a_verhoging",
    "art_31_lid_2_vrijlating",
    "art_32_lid_3_inkomen_partner_zonder_recht",
    "art_34_lid_2d_eigen_woning",
    "art_34_vermogenstoets",
    "art_41_lid_4_zoektermijn",
    "evaluate_bijstand",
    "kostendeler_share",
]
