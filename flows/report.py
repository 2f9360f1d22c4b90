"""The anonymous report (issue 6): the draft, step by step, and follow-ups by receipt code.

The draft lives in the session (``Session.draft``) only while it is written: it is wiped when it
is sent or discarded, and an hour after it was started at the latest. Photos and the sending
itself need I/O, so the step asks for them with effects (``SavePhoto``, ``SubmitReport``,
``CheckReceipt``, ``SubmitAddition``) and the runtime answers with a result event
(``PhotoSaved``, ``ReportSent``, ``ReceiptChecked``). Payloads start with ``rep:`` (the report)
or ``fu`` (add to an earlier report).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flows import screens
from flows.effects import CheckReceipt, DropDraft, SavePhoto, SubmitAddition, SubmitReport
from flows.events import Location, Photo, PhotoSaved, ReceiptChecked, ReportSent
from flows.guided import verdict
from flows.outcome import Outcome, show
from flows.screens import REPORT_CATEGORIES, REPORT_WHENS, Context
from flows.session import DRAFT_NODES, Draft, Node, Session, outlived

MAX_CITY = 120  # a city or a place name
MAX_TEXT = 20_000  # all texts of one report together (the store's limit)
MAX_PHOTOS = 10
# Where Back goes while writing (after the review, Back from an edited step goes to the review).
BACK = {
    Node.REPORT_CATEGORY: Node.REPORT,
    Node.REPORT_COUNTRY: Node.REPORT_CATEGORY,
    Node.REPORT_PLACE: Node.REPORT_COUNTRY,
    Node.REPORT_EXACT: Node.REPORT_PLACE,
    Node.REPORT_WHEN: Node.REPORT_PLACE,
    Node.REPORT_WHAT: Node.REPORT_WHEN,
    Node.REPORT_PHOTOS: Node.REPORT_WHAT,
    Node.REPORT_REVIEW: Node.REPORT_PHOTOS,
    Node.FOLLOWUP: Node.REPORT,
    Node.FOLLOWUP_WHAT: Node.REPORT,
}
# Steps that take typed text, photos, a location.
WRITING = (Node.REPORT_WHAT, Node.REPORT_PHOTOS, Node.REPORT_REVIEW, Node.FOLLOWUP_WHAT)
REPORT_NODES = (*DRAFT_NODES, Node.REPORT, Node.REPORT_SENT, Node.FOLLOWUP, Node.FOLLOWUP_SENT)


def new_draft(ctx: Context, **fields: Any) -> Draft:
    return replace(Draft(id=ctx.token, started=ctx.now.isoformat()), **fields)


def drop(s: Session) -> tuple[Session, tuple[DropDraft, ...]]:
    """The session without its draft, and the effect that deletes the draft's photos."""
    if s.draft is None:
        return s, ()
    return replace(s, draft=None), (DropDraft(s.draft.id),)


def expire(s: Session, ctx: Context) -> tuple[Session, tuple[DropDraft, ...], bool]:
    """Wipe a job ad and a draft older than an hour; True if a draft was wiped."""
    if s.ad_at is not None and outlived(s.ad_at, ctx.now):
        s = replace(s, ad=None, ad_at=None)
    if s.draft is None or not s.draft.expired(ctx.now):
        return s, (), False
    s, effects = drop(s)
    return s, effects, True


ORDER = (
    Node.REPORT_CATEGORY,
    Node.REPORT_COUNTRY,
    Node.REPORT_PLACE,
    Node.REPORT_WHEN,
    Node.REPORT_WHAT,
    Node.REPORT_PHOTOS,
    Node.REPORT_REVIEW,
)


def next_after(d: Draft, node: str) -> str:
    """The step after ``node``: the next one, or the review once the person has seen it (a new
    country still asks for the place in it)."""
    node = Node.REPORT_PLACE if node == Node.REPORT_EXACT else node
    if d.reviewed and node != Node.REPORT_COUNTRY:
        return Node.REPORT_REVIEW
    return ORDER[ORDER.index(node) + 1]


def at(
    s: Session, node: str, ctx: Context, notice: str | None = None, **args: str | int
) -> Outcome:
    """Show a report step; the draft remembers the step (to continue there after the menu)."""
    d = s.draft
    if d is not None and node in DRAFT_NODES and node != Node.REPORT_DISCARD:
        d = replace(d, step=node, reviewed=d.reviewed or node == Node.REPORT_REVIEW)
    return show(s.at(node, draft=d), ctx, notice, **args)


def stale(s: Session, ctx: Context) -> Outcome:
    return show(s, ctx, "stale-button")


def on_report(s: Session, arg: str, ctx: Context) -> Outcome:
    """``rep`` (the note), ``rep:new``, ``rep:go``, ``rep:offer``, ``rep:cat:<id>``,
    ``rep:cty:<CC|other>``, ``rep:exact:<yes|no>``, ``rep:when:<w>``, ``rep:next``,
    ``rep:edit:<part>``, ``rep:send``, ``rep:cancel``, ``rep:discard``, ``rep:keep``."""
    verb, _, value = arg.partition(":")
    if verb == "":
        return show(s.at(Node.REPORT), ctx)
    if verb == "new":
        s, effects = drop(s)
        out = at(replace(s, draft=new_draft(ctx)), Node.REPORT_CATEGORY, ctx)
        return replace(out, effects=effects)
    if verb == "offer":
        return offer(s, ctx)
    d = s.draft
    if d is None:  # a button from a report that was sent, discarded or expired
        return show(s.at(Node.REPORT), ctx, "report-gone")
    if verb == "go" or verb == "keep":
        if verb == "keep" and s.node != Node.REPORT_DISCARD:
            return stale(s, ctx)
        return at(s, resume_node(d), ctx)
    if verb == "cancel":
        return show(s.at(Node.REPORT_DISCARD), ctx)
    if verb == "discard":
        if s.node != Node.REPORT_DISCARD:
            return stale(s, ctx)
        s, effects = drop(s)
        return replace(show(s.at(Node.MENU), ctx, "report-discarded"), effects=effects)
    handler = STEPS.get(verb)
    if handler is None:
        return stale(s, ctx)
    return handler(s, d, value, ctx)


def resume_node(d: Draft) -> str:
    if d.receipt is not None:
        return Node.FOLLOWUP_WHAT
    return d.step if d.step in DRAFT_NODES else Node.REPORT_CATEGORY


def offer(s: Session, ctx: Context) -> Outcome:
    """ "Report this offer" from the job check: a draft with the ad and its signs filled in."""
    if s.job is None and s.answers is None:
        return show(s.at(Node.REPORT), ctx)
    v = verdict(ctx.content.questions, screens.text_signs(s), s.answers or "", ctx.content.severity)
    signs = tuple(dict.fromkeys((*v.from_text, *v.from_answers)))
    s, effects = drop(s)
    d = new_draft(ctx, category="job", signs=signs, offer=s.ad, step=Node.REPORT_COUNTRY)
    out = show(s.at(Node.REPORT, draft=d), ctx)
    return replace(out, effects=effects)


def on_category(s: Session, d: Draft, value: str, ctx: Context) -> Outcome:
    if value not in REPORT_CATEGORIES or s.node not in (Node.REPORT_CATEGORY, Node.REPORT_REVIEW):
        return stale(s, ctx)
    s = replace(s, draft=replace(d, category=value))
    return at(s, next_after(d, Node.REPORT_CATEGORY), ctx)


def on_country(s: Session, d: Draft, value: str, ctx: Context) -> Outcome:
    if s.node != Node.REPORT_COUNTRY or not (value == "other" or ctx.content.has_country(value)):
        return stale(s, ctx)
    country = None if value == "other" else value
    if country != d.country:  # the place belonged to the other country
        d = replace(d, city=None, lat=None, lon=None, exact=False)
    return at(replace(s, draft=replace(d, country=country)), Node.REPORT_PLACE, ctx)


def on_exact(s: Session, d: Draft, value: str, ctx: Context) -> Outcome:
    if s.node != Node.REPORT_EXACT or value not in ("yes", "no"):
        return stale(s, ctx)
    s = replace(s, draft=replace(d, exact=value == "yes"))
    return at(s, next_after(d, Node.REPORT_EXACT), ctx)


def on_when(s: Session, d: Draft, value: str, ctx: Context) -> Outcome:
    if s.node != Node.REPORT_WHEN or value not in REPORT_WHENS:
        return stale(s, ctx)
    return at(replace(s, draft=replace(d, when=value)), next_after(d, Node.REPORT_WHEN), ctx)


def on_next(s: Session, d: Draft, value: str, ctx: Context) -> Outcome:
    if s.node == Node.REPORT_PLACE:  # skip the place
        d = replace(d, city=None, lat=None, lon=None, exact=False)
        return at(replace(s, draft=d), next_after(d, Node.REPORT_PLACE), ctx)
    if s.node == Node.REPORT_WHAT:
        if not d.texts and d.offer is None and not d.signs:
            return show(s, ctx, "report-need-text")
        return at(s, next_after(d, Node.REPORT_WHAT), ctx)
    if s.node == Node.REPORT_PHOTOS:
        return at(s, Node.REPORT_REVIEW, ctx)
    return stale(s, ctx)


EDIT = {
    "cat": Node.REPORT_CATEGORY,
    "where": Node.REPORT_COUNTRY,
    "when": Node.REPORT_WHEN,
    "what": Node.REPORT_WHAT,
    "photos": Node.REPORT_PHOTOS,
}


def on_edit(s: Session, d: Draft, value: str, ctx: Context) -> Outcome:
    target = EDIT.get(value)
    if target is None or s.node != Node.REPORT_REVIEW:
        return stale(s, ctx)
    return at(s, target, ctx)


def on_send(s: Session, d: Draft, value: str, ctx: Context) -> Outcome:
    if s.node == Node.FOLLOWUP_WHAT and d.receipt is not None:
        if not d.texts and not d.photos:
            return show(s, ctx, "followup-need-something")
        return Outcome((), (SubmitAddition(d.id),), s)
    if s.node != Node.REPORT_REVIEW or d.receipt is not None:
        return stale(s, ctx)
    return Outcome((), (SubmitReport(d.id),), s)


STEPS = {
    "cat": on_category,
    "cty": on_country,
    "exact": on_exact,
    "when": on_when,
    "next": on_next,
    "edit": on_edit,
    "send": on_send,
}


def back(s: Session, ctx: Context) -> Outcome:
    d = s.draft
    if s.node == Node.REPORT_DISCARD:
        return at(s, resume_node(d), ctx) if d else show(s.at(Node.REPORT), ctx)
    target = BACK.get(s.node, Node.MENU)
    if d is not None and d.reviewed and s.node in ORDER and s.node != Node.REPORT_REVIEW:
        target = Node.REPORT_REVIEW
    return at(s, target, ctx)


def on_followup(s: Session, arg: str, ctx: Context) -> Outcome:
    """``fu``: type a receipt code to add to an earlier report."""
    return show(s.at(Node.FOLLOWUP), ctx)


def text(s: Session, raw: str, ctx: Context) -> Outcome:
    """Typed text on a report screen."""
    d = s.draft
    if s.node == Node.FOLLOWUP:
        return Outcome((), (CheckReceipt(raw),), s)
    if d is None:
        return show(s, ctx, "unknown-input")
    if s.node == Node.REPORT_PLACE:
        if len(raw) > MAX_CITY:
            return show(s, ctx, "report-city-too-long", max=MAX_CITY)
        d = replace(d, city=raw, lat=None, lon=None, exact=False)
        return at(replace(s, draft=d), next_after(d, Node.REPORT_PLACE), ctx)
    if s.node not in WRITING:
        return show(s, ctx, "report-use-buttons")
    used = sum(len(t) for t in d.texts) + len(d.offer or "") + len(d.city or "")
    if used + len(raw) > MAX_TEXT:
        return show(s, ctx, "report-full", max=MAX_TEXT)
    d = replace(d, texts=(*d.texts, raw))
    node = Node.FOLLOWUP_WHAT if s.node == Node.FOLLOWUP_WHAT else s.node
    return at(
        replace(s, draft=d), node, ctx, added_notice(node, "report-text-added"), count=len(d.texts)
    )


def photo(s: Session, event: Photo, ctx: Context) -> Outcome:
    d = s.draft
    if d is None or s.node not in WRITING:
        return show(s, ctx, "report-photo-later")
    if d.photos >= MAX_PHOTOS:
        return show(s, ctx, "report-photo-too-many", max=MAX_PHOTOS)
    if event.caption and event.caption.strip():  # the words sent with the picture count too
        added = text(s, event.caption.strip(), ctx).session
        s = replace(s, draft=added.draft)
    return Outcome((), (SavePhoto(event.ref, d.id),), s)


def location(s: Session, event: Location, ctx: Context) -> Outcome:
    d = s.draft
    if d is None or s.node not in (Node.REPORT_PLACE, Node.REPORT_EXACT):
        return show(s, ctx, "location-not-needed")
    d = replace(d, lat=event.lat, lon=event.lon, city=None, exact=False)
    return at(replace(s, draft=d), Node.REPORT_EXACT, ctx)


def photo_saved(s: Session, event: PhotoSaved, ctx: Context) -> Outcome:
    d = s.draft
    if event.result == "gone" or d is None:
        return show(s, ctx, "report-gone")
    if event.result != "saved":
        return show(s, ctx, f"report-photo-{event.result.replace('_', '-')}", max=MAX_PHOTOS)
    d = replace(d, photos=d.photos + 1)
    notice = added_notice(s.node, "report-photo-saved")
    return at(replace(s, draft=d), s.node, ctx, notice, count=d.photos)


def added_notice(node: str, usual: str) -> str:
    """'Added' in words that fit the screen's buttons (Done, Send the report, Send)."""
    return {Node.FOLLOWUP_WHAT: "followup-added", Node.REPORT_REVIEW: "report-added-review"}.get(
        node, usual
    )


def report_sent(s: Session, event: ReportSent, ctx: Context) -> Outcome:
    if event.problem is not None:
        node = s.node if s.draft is not None else Node.REPORT
        return show(s.at(node), ctx, f"report-{event.problem.replace('_', '-')}")
    followup = s.draft is not None and s.draft.receipt is not None
    s = replace(s, draft=None)
    if followup:
        return show(s.at(Node.FOLLOWUP_SENT), ctx)
    if event.receipt is None:
        return show(s.at(Node.REPORT_SENT), ctx)
    s = s.at(Node.REPORT_SENT)
    reply = screens.report_sent(s, ctx, display(event.receipt))
    return Outcome((reply,), (), s)


def receipt_checked(s: Session, event: ReceiptChecked, ctx: Context) -> Outcome:
    if event.limited:
        return show(s.at(Node.FOLLOWUP), ctx, "followup-limited")
    if event.digest is None:
        return show(s.at(Node.FOLLOWUP), ctx, "followup-not-found")
    s, effects = drop(s)
    d = new_draft(ctx, receipt=event.digest)
    return replace(at(replace(s, draft=d), Node.FOLLOWUP_WHAT, ctx), effects=effects)


def display(code: str) -> str:
    """``1234 5678 9012 3456``: easier to copy by hand."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))
