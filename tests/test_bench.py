"""The benchmarks run and report (small sizes here; the figures come from `movesafe bench`)."""

from __future__ import annotations

import re

from bot.bench import bench_chat
from bot.bench_inbound import BenchArgs, run


async def test_bench_inbound_reports_throughput_and_latency_without_errors() -> None:
    report = await run(BenchArgs(updates=60, people=4, rate=20.0, seconds=1.0, echo=False))
    assert "SQLite" in report
    lines = [line for line in report.splitlines() if "updates in" in line]
    assert len(lines) == 2
    for line in lines:
        assert line.rstrip().endswith("errors 0")
        assert re.search(r"p99 +\d+\.\d ms", line)


def test_bench_chat_reports_startup_and_step_times() -> None:
    report = bench_chat(12)
    assert "start-up" in report
    assert re.search(r"median \d+\.\d+ ms", report)
