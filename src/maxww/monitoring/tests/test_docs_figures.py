"""``maxww monitoring docs --check``: the documented figures are the data's."""

import datetime as dt

from django.core.management import CommandError, call_command

import pytest

from maxww.monitoring.docs_figures import END, START
from maxww.organisations.tests.factories import MunicipalityFactory, RegionFactory

from .factories import ended_claims

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 6, 1)


@pytest.fixture
def docs(tmp_path):
    for name in ("monitoring.md", "risk-model.md"):
        (tmp_path / name).write_text(f"# {name}\n\n{START}\nold\n{END}\n\nrest\n")
    town = MunicipalityFactory(region=RegionFactory())
    ended_claims(municipality=town, end=dt.date(2025, 12, 1), bijstand=4, other=36)
    return tmp_path


def test_check_fails_on_typed_figures_and_passes_once_regenerated(docs):
    args = ("monitoring", "docs", "--on", ON.isoformat(), "--docs-dir", str(docs))
    with pytest.raises(CommandError, match="wijken af"):
        call_command(*args, "--check")
    call_command(*args)
    text = (docs / "monitoring.md").read_text()
    assert "| all demo regions | 40 |" in text and text.endswith("rest\n")
    call_command(*args, "--check")  # no error
    ended_claims(
        municipality=MunicipalityFactory(), end=dt.date(2025, 12, 1), bijstand=9
    )
    with pytest.raises(CommandError, match=r"monitoring\.md"):
        call_command(*args, "--check")
