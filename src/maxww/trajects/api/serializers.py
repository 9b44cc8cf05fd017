"""Serializers for trajects and consents; writes delegate to services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from maxww.core.validators import NOTE_LENGTH
from maxww.organisations.models import Organisation
from maxww.people.models import Person
from maxww.trajects.constants import (
    ConsentKind,
    ConsentPurpose,
    ContractType,
    Outcome,
    TrajectState,
)
from maxww.trajects.models import Consent, Traject, TrajectEvent


class TrajectEventSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.username", default="", read_only=True)
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)

    class Meta:
        model = TrajectEvent
        fields = ["event", "from_state", "to_state", "on", "by", "detail"]


class TrajectSerializer(serializers.ModelSerializer):
    person = serializers.UUIDField(source="person.uuid", read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    coach = serializers.CharField(source="coach.username", default=None, read_only=True)
    # Empty until the traject ends ("" is in the schema too).
    outcome = serializers.ChoiceField(
        choices=Outcome.choices, allow_blank=True, read_only=True
    )
    contract_type = serializers.ChoiceField(
        choices=ContractType.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Traject
        fields = [
            "uuid",
            "person",
            "organisation",
            "coach",
            "state",
            "reason",
            "signalled_date",
            "state_date",
            "ended_date",
            "outcome",
            "employer_name",
            "hours_per_week",
            "work_start_date",
            "contract_type",
        ]
        read_only_fields = fields


class TrajectDetailSerializer(TrajectSerializer):
    events = TrajectEventSerializer(many=True, read_only=True)

    class Meta(TrajectSerializer.Meta):
        fields = [*TrajectSerializer.Meta.fields, "events"]
        read_only_fields = fields


class TransitionSerializer(serializers.Serializer):
    # A plain string, so that an invalid state gets the service's Dutch message.
    to = serializers.CharField(
        help_text=_("Nieuwe fase: %(states)s.")
        % {"states": ", ".join(TrajectState.values)}
    )
    outcome = serializers.ChoiceField(
        choices=Outcome.choices, required=False, allow_blank=True
    )
    employer_name = serializers.CharField(
        required=False, allow_blank=True, max_length=150
    )
    hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, required=False, allow_null=True
    )
    work_start_date = serializers.DateField(required=False, allow_null=True)
    contract_type = serializers.ChoiceField(
        choices=ContractType.choices, required=False, allow_blank=True
    )
    outcome_note = serializers.CharField(
        required=False, allow_blank=True, validators=[NOTE_LENGTH]
    )


class ConsentSerializer(serializers.ModelSerializer):
    person = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Person.objects.none()
    )
    recipient = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True)
    )
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    kind = serializers.ChoiceField(
        choices=[(ConsentKind.VERBAL.value, ConsentKind.VERBAL.label)],
        default=ConsentKind.VERBAL,
        help_text=_("Via de API alleen mondeling; een formulier uploadt u in de app."),
    )
    recorded_by = serializers.CharField(source="recorded_by.username", read_only=True)
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = Consent
        fields = [
            "uuid",
            "person",
            "purpose",
            "recipient",
            "scope",
            "kind",
            "given_at",
            "withdrawn_at",
            "recorded_by",
            "is_active",
        ]
        read_only_fields = ["uuid", "given_at", "withdrawn_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["person"].queryset = Person.objects.visible_to(request.user)
