"""``movesafe check-job``: the analyzer from the command line (one offer, or JSON lines)."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from bot.content import shipped_languages
from bot.errors import ContentError
from bot.i18n import Renderer
from bot.job_rules import load_job_rules
from bot.settings import Settings
from flows.jobcheck import Analysis, Rules, analyse
from flows.replies import Msg
from flows.screens import pay_detail


def run_check_job(
    settings: Settings, source: TextIO, lang: str | None, as_json: bool, jsonl: bool
) -> None:
    rules = load_job_rules(settings.content_dir)
    if jsonl:
        for number, line in enumerate(source, 1):
            if line.strip():
                sys.stdout.write(
                    json.dumps(one_line(rules, line, number), ensure_ascii=False) + "\n"
                )
        return
    result = analyse(source.read(), rules)
    if as_json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
        return
    languages = shipped_languages(settings.locales_dir)
    renderer = Renderer(settings.locales_dir, languages)
    print(explain(result, renderer, lang if lang in languages else "en"))


def one_line(rules: Rules, line: str, number: int) -> dict[str, object]:
    try:
        item = json.loads(line)
        text = item["text"]
    except (ValueError, KeyError, TypeError):
        raise ContentError(f'line {number}: expected {{"id": …, "text": …}}') from None
    return {"id": item.get("id"), **analyse(str(text), rules).as_json()}


def explain(result: Analysis, renderer: Renderer, lang: str) -> str:
    lines = [renderer.format(Msg(f"job-risk-{result.risk}"), lang)]
    for f in result.findings:
        lines.append(f"\n• {renderer.format(Msg(f'sign-{f.sign}'), lang)}  «{f.evidence}»")
        lines.append(f"  {renderer.format(Msg(f'sign-{f.sign}-why'), lang)}")
        if f.learned:
            lines.append(f"  {renderer.format(Msg('job-sign-learned'), lang)}")
        if f.pay is not None:
            detail = pay_detail(f.pay, lambda code: renderer.has(f"country-{code}", lang))
            lines.append(f"  {renderer.format(detail, lang)}")
    if not result.findings:
        lines.append(renderer.format(Msg("job-no-signs"), lang))
    return "\n".join(lines)
