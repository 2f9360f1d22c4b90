"""The benchmarks run and report (small sizes here; the figures come from `movesafe bench`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.bench import bench_chat
from bot.bench_inbound import BenchArgs, run
from bot.bench_jobcheck import run as run_jobcheck
from tests.conftest import CONTENT


async def test_bench_inbound_reports_throughput_and_latency_without_errors() -> None:
    report = await run(BenchArgs(updates=60, people=4, rate=20.0, seconds=1.0, echo=False))
    assert "SQLite" in report
    lines = [line for line in report.splitlines() if "updates in" in line]
    assert len(lines) == 2
    for line in lines:
        assert line.rstrip().endswith("errors 0")
        assert re.search(r"p99 +\d+\.\d ms", line)


async def test_bench_inbound_aiogram_echo_answers_every_update_beside_the_ptb_echo() -> None:
    report = await run(BenchArgs(updates=20, people=4, seconds=0.0, echo=True))
    lines = [line.strip() for line in report.splitlines() if "updates in" in line]
    assert len(lines) == 3
    for name in ("movesafe (1 process)", "python-telegram-bot echo", "aiogram echo"):
        line = next(line for line in lines if line.startswith(name))
        assert re.fullmatch(re.escape(name) + r" +20 updates in .* p99 +\d+\.\d ms +errors 0", line)
    for echo in ("aiogram echo", "python-telegram-bot echo"):
        assert re.search(rf"ratio movesafe/{echo} \(updates/s\): \d+\.\d\d   p99 ", report)


def test_bench_chat_reports_startup_and_step_times() -> None:
    report = bench_chat(12)
    assert "start-up" in report
    assert re.search(r"median \d+\.\d+ ms", report)


def test_bench_jobcheck_scores_both_parts_against_hand_counted_labels(tmp_path: Path) -> None:
    offers = [
        {"id": "a", "lang": "en", "split": "tune", "risky": True, "signs": ["recruitment_fee"],
         "text": "Pay a registration fee of 200 euro before you start the job."},
        {"id": "b", "lang": "en", "split": "tune", "risky": False, "signs": [],
         "text": "Shop assistant in Dublin, contract before you start, we never charge fees."},
        {"id": "c", "lang": "en", "split": "heldout", "risky": True, "signs": ["travel_debt"],
         "text": "A quiet risky offer the rules do not know yet, said in other words."},
    ]  # fmt: skip
    data = tmp_path / "offers.jsonl"
    data.write_text("\n".join(json.dumps(o) for o in offers) + "\n", encoding="utf-8")
    report = run_jobcheck(CONTENT, data, "both", show_misses=True, repeat=1, cli_offers=20)
    tune, heldout = report.split("heldout (")
    assert re.search(r"all offers +2 +precision 1\.00 +recall 1\.00 +FPR 0\.00", tune)
    # short offers: the learned model leaves them to the rules
    assert re.search(r"rules alone +2 +precision 1\.00 +recall 1\.00 +FPR 0\.00", tune)
    assert "learned model: added 0 signs (0 labelled), took back 0 (0 not labelled)" in tune
    assert re.search(r"recruitment_fee +1 +recall 1\.00", tune)
    assert re.search(r"all offers +1 +precision +- +recall 0\.00", heldout)
    assert re.search(r"c +FN risk low +missed travel_debt", heldout)
    assert re.search(r"1,000-character offers +median \d+\.\d+ ms .*fastest of 1 passes", report)
    assert re.search(r"check-job --jsonl: 20 offers in", report)


async def test_bench_broadcast_sends_to_everyone_once_and_reports_the_figures() -> None:
    from bot.bench_broadcast import bench

    lines = await bench([300], None, 300.0, None)
    assert lines[0].startswith("broadcast benchmark")
    run_line = lines[1]
    assert run_line.startswith("sqlite") and "300" in run_line
    assert "duplicates 0" in run_line and run_line.endswith("losses 0")
    assert re.search(r"send +\d+\.\d/s of 300/s", run_line)
    assert re.search(r"peak RSS +\d+\.\d MB", run_line)
