"""Changing a region's configuration, with a history of who changed what."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

import structlog

from maxww.core.formatting import nl_value

from .models import RegionalConfig, RegionalConfigChange

if TYPE_CHECKING:
    from .models import User

logger = structlog.stdlib.get_logger(__name__)


def _shown(config: RegionalConfig, name: str) -> str:
    """A field's value as a person reads it (choice labels, lists joined)."""
    if name == "consent_recipients":
        if config.pk is None:
            return "—"
        names = sorted(o.name for o in config.consent_recipients.all())
        return ", ".join(names) or "—"
    value = getattr(config, name)
    display = getattr(config, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    if name == "enabled_steps":
        from .constants import ProcessStep

        return ", ".join(str(ProcessStep(s).label) for s in value) or "—"
    if isinstance(value, list):
        return ", ".join(value) or "—"
    return nl_value(value) or "—"


@transaction.atomic
def save_config(
    *,
    config: RegionalConfig,
    before: dict[str, Any],
    by: User,
    recipients: Any = None,
) -> RegionalConfigChange | None:
    """Save an edited (and validated) config; record the changed fields.

    ``before`` holds the shown values from ``shown_values`` taken before the
    form changed the instance. Returns the change, or None if nothing changed.
    """
    after = shown_values(config)
    if recipients is not None:  # a many-to-many field: not on the unsaved instance
        after["consent_recipients"] = (
            ", ".join(sorted(o.name for o in recipients)) or "—"
        )
    changes = {
        str(RegionalConfig._meta.get_field(name).verbose_name): [before[name], value]
        for name, value in after.items()
        if before[name] != value
    }
    if not changes:
        return None
    config.save()
    if recipients is not None:
        config.consent_recipients.set(recipients)
    change = RegionalConfigChange.objects.create(
        region=config.region, changed_by=by, changes=changes
    )
    logger.info(
        "regional_config_changed", region=config.region.code, fields=len(changes)
    )
    return change


def shown_values(config: RegionalConfig) -> dict[str, str]:
    """Every editable field's value as shown in the history."""
    from .config_forms import RegionalConfigForm

    return {name: _shown(config, name) for name in RegionalConfigForm.Meta.fields}
