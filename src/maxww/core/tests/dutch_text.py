"""What a Dutch reader should never see: shared by the crawler and the document tests."""

from __future__ import annotations

import re
from html.parser import HTMLParser

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ENGLISH_MONEY = re.compile(r"€\s?-?\d+\.\d{2}\b|\b\d{3,}\.\d{2}\b")
ENGLISH = re.compile(
    r"\b(True|False|None|single|couple|single_parent|phone|pending|"
    r"signalled|in_person|group_info|share_with_partner|jobready)\b"
)
ENGLISH_MONTHS = re.compile(
    r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Dec)\b"
)
INTERNAL = re.compile(r"docs/|domain\.md|\.md\b")
URL = re.compile(r"https?://\S+")
SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")

CHECKS = {
    "ISO-datum": ISO_DATE,
    "bedrag met punt": ENGLISH_MONEY,
    "Engels of ruwe waarde": ENGLISH,
    "Engelse maand": ENGLISH_MONTHS,
    "interne verwijzing": INTERNAL,
    "ruwe code": SNAKE_CASE,
}


def problems(text: str) -> list[str]:
    """Each offending snippet with what is wrong with it."""
    found = []
    text = URL.sub(" ", text)  # a link keeps its ISO date
    for what, pattern in CHECKS.items():
        for match in pattern.finditer(text):
            start = max(match.start() - 30, 0)
            snippet = " ".join(text[start : match.end() + 30].split())
            found.append(f"{what}: {match.group(0)!r} in …{snippet}…")
    return found


class _Visible(HTMLParser):
    """The text a person sees: no script or style, no attributes."""

    # Code is a machine format on purpose (column names, an example line, an event).
    SKIP = {"script", "style", "template", "noscript", "code", "kbd", "samp"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if self.skipping and tag in self.SKIP:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())
