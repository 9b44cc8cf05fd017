"""A throw-away PostgreSQL database for a benchmark (not a benchmark itself)."""

from __future__ import annotations


def database_urls(url: str, name: str) -> tuple[str, str]:
    """The server's maintenance database URL and the benchmark database's URL."""
    base, _, _name = url.rpartition("/")
    return f"{base}/postgres", f"{base}/{name}"


def execute(server: str, sql: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE)."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql)
