"""Scheduled jobs as code: the schedule, the `maxww scheduler` process, its runs."""
