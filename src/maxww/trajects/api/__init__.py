"""REST API for trajects and consents."""
