"""REST API for information sessions."""
