"""Dated legal parameters loaded strictly from the YAML files in ``parameters/``.

Each file holds one law. Each top-level key is a parameter with a Dutch
``description``, a ``unit`` and ``versions``; a version has ``valid_from``,
``value``, ``reference`` and optionally ``note`` and ``status``. Loading rejects
unknown keys, duplicate keys or dates, unsorted dates, bad dates and missing
references with a :class:`ParameterError` naming the file and key.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

PARAMETER_DIR = Path(__file__).parent / "parameters"

PARAMETER_KEYS = frozenset({"description", "unit", "versions"})
VERSION_KEYS = frozenset({"valid_from", "value", "reference", "note", "status"})
REQUIRED_VERSION_KEYS = frozenset({"valid_from", "value", "reference"})
UNITS = frozenset(
    {
        "EUR",
        "EUR/dag",
        "EUR/maand",
        "EUR/uur",
        "factor",
        "months",
        "percent",
        "weeks",
        "years",
        "years_months",
    }
)
STATUSES = frozenset({"verified", "secondary", "derived", "unverified"})

Value = Decimal | int | dict[str, Any] | None


class ParameterError(ValueError):
    """A parameter file is malformed, or a parameter is not in force."""


@dataclass(frozen=True)
class ParameterVersion:
    """One dated value of a parameter with its citation."""

    valid_from: dt.date
    value: Value
    reference: str
    note: str = ""
    status: str = "secondary"


@dataclass(frozen=True)
class Parameter:
    """A named legal parameter: description, unit and dated versions."""

    name: str
    description: str
    unit: str
    versions: tuple[ParameterVersion, ...]
    source_file: str

    def version_at(self, on: dt.date) -> ParameterVersion:
        """Return the version in force on ``on``.

        Raises:
            ParameterError: when ``on`` lies before the first version or the
                parameter has ended (value null).
        """
        found: ParameterVersion | None = None
        for version in self.versions:
            if version.valid_from <= on:
                found = version
            else:
                break
        if found is None or found.value is None:
            raise ParameterError(
                f"{self.source_file}: parameter '{self.name}' is not in force on "
                f"{on.isoformat()}"
            )
        return found

    def value_at(self, on: dt.date) -> Any:
        """Return the value in force on ``on``."""
        return self.version_at(on).value


@dataclass(frozen=True)
class ParameterSet:
    """All parameters, looked up by name."""

    parameters: Mapping[str, Parameter]

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self.parameters[name]
        except KeyError:
            raise ParameterError(f"unknown parameter '{name}'") from None

    def first_date(self) -> dt.date:
        """The latest first ``valid_from`` over all parameters.

        From this date on, every parameter has a value.
        """
        return max(p.versions[0].valid_from for p in self.parameters.values())


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader that rejects duplicate keys and reads floats as Decimal.

    Built on libyaml's parser where PyYAML has it (about 10x faster than the pure
    Python one), which keeps ``maxww rules`` quick to start.
    """


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


def _construct_decimal(loader: _StrictLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node).replace("_", ""))


def _construct_date(loader: _StrictLoader, node: yaml.ScalarNode) -> Any:
    # Keep an impossible date (2026-13-01) as text so the schema check names the key.
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _fail(file: str, key: str, message: str) -> ParameterError:
    return ParameterError(f"{file}: {key}: {message}")


def _check_value(file: str, key: str, value: Any) -> Value:
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise _fail(file, key, "value must be a number or a mapping, not a boolean")
    if isinstance(value, int):
        return value
    if isinstance(value, dict):
        for sub_key, sub_value in value.items():
            if isinstance(sub_value, bool) or not isinstance(sub_value, int | Decimal):
                raise _fail(
                    file,
                    f"{key}.{sub_key}",
                    "every value in a mapping must be a number",
                )
        return value
    raise _fail(file, key, f"value must be a number or a mapping, got {value!r}")


def _parse_version(file: str, key: str, raw: Any) -> ParameterVersion:
    if not isinstance(raw, dict):
        raise _fail(file, key, "each version must be a mapping")
    unknown = set(raw) - VERSION_KEYS
    if unknown:
        raise _fail(file, key, f"unknown key(s) {sorted(unknown)}")
    missing = REQUIRED_VERSION_KEYS - set(raw)
    if missing:
        raise _fail(file, key, f"missing key(s) {sorted(missing)}")
    valid_from = raw["valid_from"]
    if isinstance(valid_from, dt.datetime) or not isinstance(valid_from, dt.date):
        raise _fail(
            file, f"{key}.valid_from", f"not a date (YYYY-MM-DD): {valid_from!r}"
        )
    reference = raw["reference"]
    if not isinstance(reference, str) or not reference.strip():
        raise _fail(
            file, f"{key}.reference", "a reference (article, source) is required"
        )
    status = raw.get("status", "secondary")
    if status not in STATUSES:
        raise _fail(file, f"{key}.status", f"must be one of {sorted(STATUSES)}")
    return ParameterVersion(
        valid_from=valid_from,
        value=_check_value(file, f"{key}.value", raw["value"]),
        reference=" ".join(reference.split()),
        note=" ".join(str(raw.get("note", "")).split()),
        status=status,
    )


def _parse_parameter(file: str, name: str, raw: Any) -> Parameter:
    if not isinstance(raw, dict):
        raise _fail(file, name, "a parameter must be a mapping")
    unknown = set(raw) - PARAMETER_KEYS
    if unknown:
        raise _fail(file, name, f"unknown key(s) {sorted(unknown)}")
    missing = PARAMETER_KEYS - set(raw)
    if missing:
        raise _fail(file, name, f"missing key(s) {sorted(missing)}")
    if not isinstance(raw["description"], str) or not raw["description"].strip():
        raise _fail(file, f"{name}.description", "a Dutch description is required")
    if raw["unit"] not in UNITS:
        raise _fail(file, f"{name}.unit", f"unknown unit {raw['unit']!r}")
    raw_versions = raw["versions"]
    if not isinstance(raw_versions, list) or not raw_versions:
        raise _fail(file, f"{name}.versions", "at least one version is required")
    versions = [
        _parse_version(file, f"{name}.versions[{i}]", v)
        for i, v in enumerate(raw_versions)
    ]
    for i, (earlier, later) in enumerate(itertools.pairwise(versions)):
        if later.valid_from == earlier.valid_from:
            raise _fail(
                file,
                f"{name}.versions[{i + 1}].valid_from",
                f"duplicate date {later.valid_from.isoformat()}",
            )
        if later.valid_from < earlier.valid_from:
            raise _fail(
                file,
                f"{name}.versions[{i + 1}].valid_from",
                "versions must be in ascending date order (overlapping periods)",
            )
    return Parameter(
        name=name,
        description=" ".join(raw["description"].split()),
        unit=raw["unit"],
        versions=tuple(versions),
        source_file=file,
    )


def load_file(path: Path) -> dict[str, Parameter]:
    """Load and validate one parameter file."""
    file = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise ParameterError(f"{file}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ParameterError(f"{file}: the file must be a mapping of parameters")
    return {name: _parse_parameter(file, name, raw) for name, raw in data.items()}


def load_parameters(directory: Path = PARAMETER_DIR) -> ParameterSet:
    """Load every ``*.yaml`` file in ``directory``; names must be unique."""
    parameters: dict[str, Parameter] = {}
    for path in sorted(directory.glob("*.yaml")):
        for name, parameter in load_file(path).items():
            if name in parameters:
                raise ParameterError(
                    f"{path.name}: {name}: already defined in "
                    f"{parameters[name].source_file}"
                )
            parameters[name] = parameter
    return ParameterSet(parameters)


@functools.cache
def default_parameters() -> ParameterSet:
    """The parameters shipped with maxww, loaded once."""
    return load_parameters()
