"""The dashboard's charts: small SVG pictures drawn on the server with matplotlib (no script, no
CDN), from the figures of ``bot.stats.collect``. Each chart has a data table beside it on the
page, so nothing is only in a picture."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

NAMES = ("reach", "country", "language", "channel", "report-category", "report-country")
TITLES = {
    "en": {
        "reach": "Messages delivered per day",
        "country": "Delivered by country",
        "language": "Delivered by language",
        "channel": "Delivered by app",
        "report-category": "Reports by kind",
        "report-country": "Reports by country",
        "empty": "no data yet",
    },
    "uk": {
        "reach": "Доставлено повідомлень за день",
        "country": "Доставлено за країнами",
        "language": "Доставлено за мовами",
        "channel": "Доставлено за застосунками",
        "report-category": "Повідомлення про підозріле за видами",
        "report-country": "Повідомлення про підозріле за країнами",
        "empty": "ще немає даних",
    },
}


def series(name: str, stats: dict[str, Any]) -> dict[str, int]:
    """The numbers one chart draws (also shown as its table)."""
    reach, reports = stats["reach"], stats["reports"]
    chosen: dict[str, int] = {
        "reach": reach["by_day"],
        "country": reach["by_country"],
        "language": reach["by_language"],
        "channel": reach["by_channel"],
        "report-category": reports["by_category"],
        "report-country": reports["by_country"],
    }[name]
    return chosen


def draw(name: str, stats: dict[str, Any], lang: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    words = TITLES.get(lang, TITLES["en"])
    data = series(name, stats)
    with matplotlib.rc_context({"svg.fonttype": "none", "font.size": 11}):
        fig, ax = plt.subplots(figsize=(6.4, 3.2), dpi=100)
        try:
            ax.set_title(words[name])
            if not data:
                ax.text(0.5, 0.5, words["empty"], ha="center", va="center", color="grey",
                        transform=ax.transAxes)  # fmt: skip
                ax.set_xticks([])
                ax.set_yticks([])
            elif name == "reach":
                days = [dt.date.fromisoformat(d) for d in data]
                at = list(range(len(days)))  # one step a day with data (dates as labels)
                ax.plot(at, list(data.values()), marker="o", color="#1f5fa8")
                ax.set_ylim(bottom=0)
                ax.tick_params(axis="x", labelrotation=30)
                step = max(1, len(days) // 8)
                ax.set_xticks(at[::step], [d.strftime("%d.%m") for d in days[::step]])
            else:
                labels, values = list(data)[:12], list(data.values())[:12]
                bars = ax.bar(labels, values, color="#1f5fa8")
                ax.bar_label(bars, labels=[f"{v:,}" for v in values], padding=2)
                ax.margins(y=0.2)
                if len(labels) > 6:
                    ax.tick_params(axis="x", labelrotation=45)
            if data:
                ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            fig.tight_layout()
            out = io.BytesIO()
            fig.savefig(out, format="svg")
            return out.getvalue()
        finally:
            plt.close(fig)
