"""Browser journeys per role (tests only; not a Django app)."""
