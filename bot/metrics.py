"""Prometheus metrics (``GET /metrics``). Labels carry channels and kinds, never people."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


@dataclass
class Metrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.updates = Counter(
            "movesafe_updates", "Inbound updates handled", ["channel", "kind"], registry=r
        )
        self.duplicates = Counter(
            "movesafe_duplicates", "Re-delivered updates dropped", ["channel"], registry=r
        )
        self.replies = Counter(
            "movesafe_replies", "Messages sent or edited", ["channel"], registry=r
        )
        self.errors = Counter(
            "movesafe_errors", "Errors by where they happened", ["channel", "where"], registry=r
        )
        self.latency = Histogram(
            "movesafe_update_seconds",
            "Time from webhook received to last reply accepted",
            ["channel"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )

    def render(self) -> bytes:
        return bytes(generate_latest(self.registry))
