"""Identity providers in the admin: the secret is write-only, discovery checked."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import IdentityProvider
from .providers import fetch_discovery


def _formfield(field: models.Field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class IdentityProviderForm(forms.ModelForm):
    client_secret = forms.CharField(
        label=_("client-secret"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Wordt versleuteld opgeslagen. Leeg laten: het oude blijft."),
    )

    class Meta:
        model = IdentityProvider
        formfield_callback = _formfield
        fields = (
            "name",
            "slug",
            "purpose",
            "organisation",
            "discovery_url",
            "client_id",
            "scopes",
            "claim",
            "user_field",
            "minimum_assurance",
            "mfa_by_provider",
            "is_active",
        )

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("client_secret")
            and not self.instance.client_secret_encrypted
        ):
            self.add_error("client_secret", _("Vul het client-secret in."))
        url = cleaned.get("discovery_url")
        if url:
            try:
                self.endpoints = fetch_discovery(url)
            except forms.ValidationError as exc:
                self.add_error("discovery_url", exc)
        return cleaned

    def save(self, commit=True):
        provider = super().save(commit=False)
        if self.cleaned_data.get("client_secret"):
            provider.client_secret = self.cleaned_data["client_secret"]
        for name, value in getattr(self, "endpoints", {}).items():
            setattr(provider, name, value)
        if commit:
            provider.save()
        return provider


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    form = IdentityProviderForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "purpose", "organisation", "issuer", "is_active")
    list_filter = ("purpose", "is_active")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = (
        "issuer",
        "authorization_endpoint",
        "token_endpoint",
        "userinfo_endpoint",
        "jwks_uri",
        "end_session_endpoint",
    )
