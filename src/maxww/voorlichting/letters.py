"""Letter runs: a session's invitation letters made by a background task.

``start_letter_run`` records the request and hands it to the task
``generate_letters`` (small sessions are made at once, in the request). The task
is defined here, next to the work it does, and ``tasks.py`` re-exports it: so
``tasks`` imports this module and not the other way round.
``generate_letter_run`` stores one ``Letter`` per invitation, each in its own
transaction together with its audit entry, then joins them into one PDF. Run it
twice, or again after its worker died halfway, and every invitation still has
exactly one letter and one "printed" entry: letters already stored are skipped.

django-tasks-db does not notice a worker that died: its task stays RUNNING for
ever. ``recover_letter_runs`` (``maxww voorlichting recover-letters``) finds such
runs and queues them again. On PostgreSQL a run's task holds a session advisory
lock while it works; the server drops it the moment the worker's connection
goes, so "nobody holds the lock" means "nobody is working on it". Elsewhere a
run counts as abandoned when its heartbeat is older than ``stale_after``.

``prune_letter_runs`` (``maxww voorlichting prune-letters``) drops the PDFs and
letter texts of runs finished longer ago than ``KEEP_PDFS``; the rows stay, as
the record of who was sent a letter when.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import structlog
from django_tasks import task

from maxww.audit.constants import Action, LegalBasis
from maxww.audit.services import log_access
from maxww.policy import Perm, can

from .constants import OPEN_RUN_STATUSES, LetterRunStatus
from .models import Invitation, Letter, LetterRun, Session
from .services import (
    html_to_pdf,
    letter_sections,
    letters_html,
    printable_invitations,
    with_address,
    without_address,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from maxww.organisations.models import User

logger = structlog.stdlib.get_logger(__name__)

# Sessions up to this many letters are made in the request: quick, and it works
# without a running worker (the demo); larger ones go to the background.
SYNC_LETTERS = 20
# Advisory-lock namespace for letter runs (the second key is the run id).
_LOCK_CLASS = 0x4C52
STALE_AFTER = timedelta(minutes=10)
# Printed letters are not kept as files longer than this (the rows stay).
KEEP_PDFS = timedelta(days=30)


def start_letter_run(
    *,
    session: Session,
    by: User,
    on: date,
    request: HttpRequest | None = None,
    background: bool | None = None,
) -> LetterRun:
    """Ask for all letters of a session; an open run for it is returned as is.

    The same user's failed run is continued rather than started over.
    ``background`` None decides by size (more than ``SYNC_LETTERS`` letters).
    """
    count = printable_invitations(session=session, by=by).count()
    if not count:
        raise ValidationError(_("Er zijn geen uitnodigingen om af te drukken."))
    open_run = _open_run(session)
    if open_run is not None:
        return open_run
    last = LetterRun.objects.filter(session=session).first()
    if (
        last is not None
        and last.status == LetterRunStatus.FAILED
        and last.requested_by_id == by.pk  # printing is logged on the requester
    ):
        return _resume(last, background=background, count=count)
    try:
        with transaction.atomic():
            run = LetterRun.objects.create(
                session=session,
                requested_by=by,
                letter_date=on,
                total=count,
                request_id=(getattr(request, "request_id", "") or "")[:36],
            )
    except IntegrityError:  # someone else just asked for the same session
        return _open_run(session) or LetterRun.objects.filter(session=session).first()
    logger.info("letter_run_requested", run=str(run.uuid), letters=count)
    if background is None:
        background = count > SYNC_LETTERS
    _dispatch(run, background=background)
    run.refresh_from_db()
    return run


def _resume(run: LetterRun, *, background: bool | None, count: int) -> LetterRun:
    """Continue a failed run where it stopped: its stored letters are kept."""
    LetterRun.objects.filter(pk=run.pk).update(
        status=LetterRunStatus.QUEUED, message="", finished_at=None
    )
    logger.info("letter_run_resumed", run=str(run.uuid))
    _dispatch(
        run, background=count > SYNC_LETTERS if background is None else background
    )
    run.refresh_from_db()
    return run


def _open_run(session: Session) -> LetterRun | None:
    return LetterRun.objects.filter(
        session=session, status__in=OPEN_RUN_STATUSES
    ).first()


@task()
def generate_letters(run_id: int) -> str:
    """Make the letters of one LetterRun; safe to run again."""
    return generate_letter_run(run_id=run_id)


def _dispatch(run: LetterRun, *, background: bool) -> None:
    if background:
        result = generate_letters.enqueue(run.pk)
        LetterRun.objects.filter(pk=run.pk).update(task_id=str(result.id))
    else:
        try:
            generate_letters.call(run.pk)
        except DatabaseError:
            raise
        except Exception:
            pass  # logged, and the run records that it failed


@contextmanager
def _run_lock(run_id: int) -> Iterator[bool]:
    """Hold the run's advisory lock while working (PostgreSQL); False if taken."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [_LOCK_CLASS, run_id])
        got = bool(cursor.fetchone()[0])
    try:
        yield got
    finally:
        if got:
            try:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_advisory_unlock(%s, %s)", [_LOCK_CLASS, run_id]
                    )
            except DatabaseError:
                pass  # the connection is gone, and the lock with it


def _is_worked_on(run: LetterRun, *, stale_after: timedelta) -> bool:
    if connection.vendor == "postgresql":
        with _run_lock(run.pk) as free:
            return not free
    alive = run.heartbeat_at or run.started_at or run.created_at
    return alive > timezone.now() - stale_after


def generate_letter_run(*, run_id: int) -> str:
    """Make every missing letter of a run, then the combined PDF; returns the status.

    Safe to run again at any point: stored letters are kept, not redone.
    """
    with _run_lock(run_id) as mine:
        if not mine:
            logger.info("letter_run_busy", run_id=run_id)
            return "busy"
        run = LetterRun.objects.select_related(
            "session__region", "session__organisation", "requested_by"
        ).get(pk=run_id)
        if run.is_finished:
            return run.status
        now = timezone.now()
        if not can(run.requested_by, Perm.SESSION_MANAGE):
            # Background work answers to the same policy as the page that asked
            # for it: a requester who lost the role gets no letters printed.
            LetterRun.objects.filter(pk=run.pk).update(
                status=LetterRunStatus.FAILED,
                finished_at=now,
                message=_(
                    "De brieven zijn niet gemaakt: de aanvrager mag geen brieven "
                    "meer maken."
                ),
            )
            logger.warning("letter_run_refused", run=str(run.uuid))
            return LetterRunStatus.FAILED
        LetterRun.objects.filter(pk=run.pk).update(
            status=LetterRunStatus.RUNNING,
            attempts=F("attempts") + 1,
            started_at=now,
            heartbeat_at=now,
        )
        try:
            _make_letters(run)
        except Exception as exc:
            logger.exception("letter_run_failed", run=str(run.uuid))
            LetterRun.objects.filter(pk=run.pk).update(
                status=LetterRunStatus.FAILED,
                finished_at=timezone.now(),
                message=_(
                    "Het maken van de brieven is mislukt (%(error)s). Probeer het "
                    "opnieuw: brieven die al gemaakt zijn, worden niet nog eens "
                    "gemaakt."
                )
                % {"error": type(exc).__name__},
            )
            raise
    return LetterRunStatus.DONE


def _make_letters(run: LetterRun) -> None:
    """Store each missing letter, then the combined PDF; no address, no letter."""
    printable = printable_invitations(session=run.session, by=run.requested_by)
    invitations = list(
        with_address(printable).select_related("person", "person__municipality")
    )
    made = set(run.letters.values_list("invitation_id", flat=True))
    todo = [i for i in invitations if i.pk not in made]
    skipped = without_address(printable).exclude(pk__in=made).count()
    LetterRun.objects.filter(pk=run.pk).update(
        total=len(made | {i.pk for i in invitations}), done=len(made), skipped=skipped
    )
    if not made and not todo and not skipped:
        raise ValidationError(_("Er zijn geen uitnodigingen om af te drukken."))
    for invitation in todo:
        _make_letter(run, invitation)
    _combine(run, skipped=skipped)


def _make_letter(run: LetterRun, invitation: Invitation) -> None:
    """One letter with its "printed" entry, in one transaction (kept if stored)."""
    (section,) = letter_sections(run.session, [invitation], run.letter_date)
    pdf = html_to_pdf(letters_html(run.session, [section]))
    with transaction.atomic():
        _letter, created = Letter.objects.get_or_create(
            run=run, invitation=invitation, defaults={"html": section, "pdf": pdf}
        )
        if not created:
            return
        now = timezone.now()
        Invitation.objects.filter(pk=invitation.pk).update(letter_printed_at=now)
        LetterRun.objects.filter(pk=run.pk).update(done=F("done") + 1, heartbeat_at=now)
        log_access(
            user=run.requested_by,
            action=Action.PRINTED,
            obj=invitation,
            person_ref=str(invitation.person.uuid),
            legal_basis=LegalBasis.CASELOAD,
            purpose="uitnodigingsbrief voorlichting",
            request=SimpleNamespace(request_id=run.request_id),
            event="invitation_letter_printed",
        )


def _combine(run: LetterRun, *, skipped: int) -> None:
    """Join the stored letters into one PDF and mark the run done."""
    sections = list(
        run.letters.order_by(
            "invitation__person__last_name", "invitation_id"
        ).values_list("html", flat=True)
    )
    combined = html_to_pdf(letters_html(run.session, sections)) if sections else None
    message = (
        ngettext(
            "%(n)s brief niet gemaakt: adres onvolledig.",
            "%(n)s brieven niet gemaakt: adres onvolledig.",
            skipped,
        )
        % {"n": skipped}
        if skipped
        else ""
    )
    LetterRun.objects.filter(pk=run.pk).update(
        status=LetterRunStatus.DONE,
        pdf=combined,
        total=len(sections),
        done=len(sections),
        skipped=skipped,
        finished_at=timezone.now(),
        message=message,
    )
    logger.info(
        "letter_run_done", run=str(run.uuid), letters=len(sections), skipped=skipped
    )


def recover_letter_runs(*, stale_after: timedelta = STALE_AFTER) -> list[LetterRun]:
    """Queue again every unfinished run whose worker is gone; returns those runs.

    A run still waiting in the queue is left alone; its old task (if stuck in
    RUNNING) is marked failed so the queue does not show it running for ever.
    """
    recovered = []
    for run in LetterRun.objects.filter(status__in=OPEN_RUN_STATUSES):
        stuck = _stuck_task(run)
        if stuck is False or _is_worked_on(run, stale_after=stale_after):
            continue
        if stuck is not None:
            stuck.set_failed(
                RuntimeError("Worker stopped while running; run queued again.")
            )
        LetterRun.objects.filter(pk=run.pk).update(
            status=LetterRunStatus.QUEUED,
            message=_("Opnieuw in de wachtrij gezet na een onderbreking."),
        )
        logger.warning("letter_run_requeued", run=str(run.uuid), task=run.task_id)
        _dispatch(run, background=True)
        run.refresh_from_db()
        recovered.append(run)
    return recovered


def _stuck_task(run: LetterRun):
    """The run's task row if a worker took it; False while it waits; None if none.

    Only django-tasks-db keeps task rows; with another backend this is None.
    """
    if not run.task_id:
        return None
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.filter(pk=run.task_id).first()
    if task is None:
        return None
    if task.status == TaskResultStatus.READY:
        return False
    return task if task.status == TaskResultStatus.RUNNING else None


def prune_letter_runs(*, now: datetime, keep: timedelta = KEEP_PDFS) -> int:
    """Drop the files of runs finished before ``now - keep``; returns how many."""
    ids = list(
        LetterRun.objects.filter(
            finished_at__lt=now - keep, pdf__isnull=False
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        Letter.objects.filter(run_id__in=ids).update(html="", pdf=b"")
        LetterRun.objects.filter(pk__in=ids).update(pdf=None)
    if ids:
        logger.info("letter_runs_pruned", runs=len(ids))
    return len(ids)
