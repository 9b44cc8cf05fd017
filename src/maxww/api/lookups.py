"""Shared lookup patterns for the API's routers."""

# A code in the path (region, occupation) without NUL: PostgreSQL text cannot hold
# it, so the lookup would fail with a 500; now such a path is a 404.
CODE_LOOKUP = r"[^/.\x00]+"
