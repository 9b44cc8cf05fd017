"""OpenAPI generation: document the error answers every operation can give.

drf-spectacular documents only the success response. A client (and schemathesis in
CI) also needs the errors, all one problem document (RFC 9457,
``application/problem+json``, ``maxww.api.errors``): 400 with ``invalidParams``,
403 when the caller is not logged in or its policy refuses, 404 for an unknown or
invisible object or page, and 415 for a body it cannot read. An operation's own
``@extend_schema`` responses win; an own 400 (a report) becomes "that report or
the problem document".
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from drf_spectacular import openapi
from rest_framework import serializers

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("Het veld (genest: punt-gescheiden)."))
    code = serializers.CharField()
    reason = serializers.CharField(help_text=_("De foutmelding, in het Nederlands."))


class ErrorSerializer(serializers.Serializer):
    """A problem document (RFC 9457), as every refusal of the API."""

    type = serializers.CharField(help_text=_("URI van het soort probleem."))
    code = serializers.CharField(help_text=_("Het soort probleem, kort."))
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text=_("Waarom het verzoek is geweigerd."))


class ValidationErrorSerializer(ErrorSerializer):
    """A problem document with the input errors per field."""

    invalidParams = InvalidParamSerializer(  # noqa: N815 (the ZGW name)
        many=True, required=False, help_text=_("Bij invoerfouten: per veld de fout.")
    )


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema plus the 400, 403, 404 and 415 answers."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(
            path, path_regex, path_prefix, method, registry
        )
        if operation is None:
            return None
        parameters = operation.get("parameters", [])
        responses = operation["responses"]
        validation_error = self._ref(ValidationErrorSerializer)
        error = self._ref(ErrorSerializer)
        if "400" in responses and "requestBody" in operation:
            for media in responses["400"].get("content", {}).values():
                media["schema"] = {"anyOf": [media["schema"], validation_error]}
        if (
            method in UNSAFE_METHODS
            or "requestBody" in operation
            or any(p["in"] == "query" and p["name"] != "page" for p in parameters)
        ):
            self._add(responses, "400", validation_error, _("Ongeldige invoer"))
        if "requestBody" in operation:
            self._add(responses, "415", error, _("Inhoudstype niet ondersteund"))
        if operation.get("security"):
            self._add(responses, "403", error, _("Niet ingelogd of geen toegang"))
        if any(p["in"] == "path" or p["name"] == "page" for p in parameters):
            self._add(responses, "404", error, _("Niet gevonden of niet zichtbaar"))
        for code, response in responses.items():
            # Every refusal is a problem document (maxww.api.errors), also where
            # an operation documents its own 404 or 409.
            content = response.get("content", {})
            if code.startswith("4") and "application/json" in content:
                media = content.pop("application/json")
                if self._is_problem(media.get("schema", {})):
                    content["application/problem+json"] = media
                else:
                    content["application/json"] = media
        return operation

    def _is_problem(self, schema: dict) -> bool:
        refs = {self._ref(ErrorSerializer)["$ref"]}
        refs.add(self._ref(ValidationErrorSerializer)["$ref"])
        if "$ref" in schema:
            return schema["$ref"] in refs
        return any(self._is_problem(s) for s in schema.get("anyOf", []))

    def _ref(self, serializer_class) -> dict:
        return self.resolve_serializer(serializer_class, "response").ref

    @staticmethod
    def _add(responses: dict, code: str, schema: dict, description) -> None:
        responses.setdefault(
            code,
            {
                "content": {"application/problem+json": {"schema": schema}},
                "description": description,
            },
        )
