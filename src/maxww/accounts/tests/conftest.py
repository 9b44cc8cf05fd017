"""The real OpenID Connect provider for the staff login tests."""

from maxww.accounts.tests.oidc_provider import (  # noqa: F401 - fixtures
    oidc_provider,
    provider_clock,
)
