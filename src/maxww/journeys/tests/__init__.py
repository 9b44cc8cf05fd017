"""One Playwright journey per role, through the real forms (issue #20)."""
