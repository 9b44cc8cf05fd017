"""Serializers for sessions and invitations."""

from __future__ import annotations

from rest_framework import serializers

from maxww.voorlichting.models import Invitation, Session


class SessionSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    invited_count = serializers.IntegerField(read_only=True)
    attended_count = serializers.IntegerField(read_only=True)
    attendance_rate = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = Session
        fields = [
            "uuid",
            "title",
            "format",
            "starts_at",
            "duration_minutes",
            "place",
            "address",
            "capacity",
            "region",
            "organisation",
            "invited_count",
            "attended_count",
            "attendance_rate",
            "attendance_closed_at",
        ]
        read_only_fields = fields


class InvitationSerializer(serializers.ModelSerializer):
    person = serializers.UUIDField(source="person.uuid", read_only=True)

    class Meta:
        model = Invitation
        fields = ["uuid", "person", "status", "channel", "invited_date", "attended_at"]
        read_only_fields = fields


class InviteSerializer(serializers.Serializer):
    people = serializers.ListField(child=serializers.UUIDField(), min_length=1)


class InviteResultSerializer(serializers.Serializer):
    invited = serializers.IntegerField()
    already_invited = serializers.IntegerField()
    not_visible = serializers.IntegerField()
