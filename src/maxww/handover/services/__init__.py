"""Warm handover, signed exchange between deployments, the bijstand gate.

Public surface for other apps: ``build_dossier``, ``hand_over``,
``HandoverRefusedError``, ``consent_for``, ``receiving_organisations``,
``export_package``, ``import_package``, ``PackageRejectedError``,
``generate_key``, ``trust_key``, ``register_application``, ``record_check``,
``overdue_checks``, ``indication``, ``suggest_route``, ``choose_route``,
``visible_applications``, ``shared_with``. Time is always passed in
(``on``/``now``); nothing reads today's date itself.

The package re-exports them; the modules hold:

- ``_common`` — errors, receiving kinds and the write database shared by the handover modules
- ``dossier`` — ``receiving_organisations``, ``consent_for``, ``check_allowed``, ``build_dossier``, ``hand_over``
- ``keys`` — ``generate_key``, ``active_key``, ``public_key_file``, ``trust_key``
- ``exchange`` — ``export_package``, ``verify_package``, ``import_package``, ``ImportResult``
- ``applications`` — ``visible_applications``, ``incoming_handovers``, ``register_application``, ``register_fresh_application``, ``record_check``, ``overdue_checks``, ``indication``, ``explain``, ``search_period_end``
- ``route`` — ``suggest_route``, ``choose_route``, ``least_loaded_case_manager``
- ``client`` — ``shared_with``
"""

from __future__ import annotations

from ._common import RECEIVING_KINDS, HandoverRefusedError, PackageRejectedError
from .applications import (
    APPLICATION_FACTS,
    PersonMismatchError,
    explain,
    facts_from_handover,
    incoming_handovers,
    indication,
    overdue_checks,
    record_check,
    register_application,
    register_fresh_application,
    search_period_end,
    visible_applications,
)
from .client import SHARED_PARTS, shared_with
from .dossier import (
    build_dossier,
    check_allowed,
    consent_for,
    hand_over,
    receiving_organisations,
)
from .exchange import (
    HEADER_FIELDS,
    ImportResult,
    export_package,
    import_package,
    verify_package,
)
from .keys import active_key, generate_key, public_key_file, trust_key
from .route import choose_route, least_loaded_case_manager, suggest_route

__all__ = [
    "APPLICATION_FACTS",
    "HEADER_FIELDS",
    "RECEIVING_KINDS",
    "SHARED_PARTS",
    "HandoverRefusedError",
    "ImportResult",
    "PackageRejectedError",
    "PersonMismatchError",
    "active_key",
    "build_dossier",
    "check_allowed",
    "choose_route",
    "consent_for",
    "explain",
    "export_package",
    "facts_from_handover",
    "generate_key",
    "hand_over",
    "import_package",
    "incoming_handovers",
    "indication",
    "least_loaded_case_manager",
    "overdue_checks",
    "public_key_file",
    "receiving_organisations",
    "record_check",
    "register_application",
    "register_fresh_application",
    "search_period_end",
    "shared_with",
    "suggest_route",
    "trust_key",
    "verify_package",
    "visible_applications",
]
