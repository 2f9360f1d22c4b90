"""A Mermaid diagram of the conversation, drawn from the content pack (``content diagram``),
so people who review content without reading code can check where each screen leads."""

from __future__ import annotations

import re
from pathlib import Path

from bot.i18n import Renderer
from flows.content import ContentPack
from flows.replies import Msg
from flows.screens import FEATURES


def node_id(*parts: str) -> str:
    return "_".join(re.sub(r"[^A-Za-z0-9]", "_", p) for p in parts)


def mermaid(pack: ContentPack, locales_dir: Path, lang: str = "en") -> str:
    renderer = Renderer(locales_dir, pack.languages)

    def label(msg_id: str) -> str:
        return renderer.format(Msg(msg_id), lang).replace('"', "'").replace("\n", " ")

    lines = [
        "flowchart TD",
        '    start(["/start"]) --> language["Choose language"] --> privacy["Privacy note"]',
        '    privacy --> country["Country (or shared location)"] --> updates["Safety updates?"]',
        f'    updates --> menu["{label("menu-title")}"]',
        f'    menu --> helpnow["{label("helpnow-title")}"]',
        '    anywhere(("any screen")) -. "/sos · Help now" .-> helpnow',
    ]
    for p in pack.phases:
        pid = node_id("ph", p.id)
        status = "" if p.live else " (coming soon)"
        lines.append(f'    menu --> {pid}["{label(p.title)}{status}"]')
        chain = p.chain()
        if chain:
            lines.append(f"    {pid} --> {node_id('tp', p.id, chain[0].id)}")
        for t in p.topics:
            tid = node_id("tp", p.id, t.id)
            lines.append(f'    {tid}["{label(t.title)}"]')
            if t.next:
                lines.append(f"    {tid} -->|Next| {node_id('tp', p.id, t.next)}")
    lines += [
        f'    menu --> job["{label("menu-jobcheck")}"] -->|"paste or forward an ad"| job_result',
        f'    job_result["{label("jobcheck-result-title")}"] --> job_q',
        f'    job -->|"{label("btn-job-questions-only")}"| job_q',
        f'    job_q["{len(pack.questions)} yes / no / not sure questions"] --> job_verdict',
        f'    job_verdict["{label("verdict-title")}"] -->|"{label("btn-job-another")}"| job',
        f'    job_result & job_verdict -->|"{label("btn-job-report")}"| report',
        f'    menu --> report["{label("report-title")}"]',
        f'    report -->|"{label("btn-report-start")}"| rep_cat',
        '    rep_cat["About what (7 kinds)"] --> rep_country["Country"] --> rep_place',
        '    rep_place["City, shared location (exact or ~1 km), or skip"] --> rep_when',
        '    rep_when["When"] --> rep_what["What happened (several messages)"]',
        '    rep_what --> rep_photos["Photos (metadata removed)"] --> rep_review',
        f'    rep_review["{label("report-review-title")}"] -->|"edit"| rep_cat',
        f'    rep_review -->|"{label("btn-report-send")}"| rep_sent["{label("report-sent-title")}'
        ' (receipt code, once)"]',
        f'    rep_review -->|"{label("btn-report-discard")}"| menu',
        f'    report -->|"{label("btn-report-followup")}"| followup["Receipt code"]',
        '    followup --> followup_what["Texts and photos to add"] --> menu',
    ]
    for f in FEATURES:
        lines.append(f'    menu --> {node_id("soon", f)}["{label("menu-" + f)} (coming soon)"]')
    lines += [
        f'    menu --> settings["{label("menu-settings")}"]',
        '    settings --> set_language["Language"] & set_country["Country"]',
        '    settings --> forget["Delete my data"] -->|yes| start',
    ]
    return "\n".join(lines) + "\n"
