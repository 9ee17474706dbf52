"""The HTML report's charts as PNG images: matplotlib with the Agg backend (no display needed), and
a CJK font when the machine has one. Without one the charts still render — Chinese labels then
show as boxes — and a warning says which package to install."""

from __future__ import annotations

import io
import logging
import warnings
from functools import lru_cache

from core.reports.figures import Report
from core.texts.reports import WORDS

log = logging.getLogger(__name__)

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "SimHei", "Heiti SC", "AR PL UMing CN")
CJK_FILE_HINTS = ("notosanscjk", "noto-cjk", "wqy", "sourcehansans", "simhei", "msyh", "pingfang", "uming")


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of an installed CJK font, or None (warned once)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager

    def known() -> str | None:
        names = {f.name for f in font_manager.fontManager.ttflist}
        return next((family for family in CJK_FAMILIES if family in names), None)

    found = known()
    if found is None:  # installed after matplotlib built its font cache: add the files directly
        for path in font_manager.findSystemFonts():
            if any(hint in path.lower().replace("_", "").replace(" ", "") for hint in CJK_FILE_HINTS):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = known()
    if found is None:
        log.warning("no CJK font found: chart labels in Chinese will not render; install one, e.g. "
                    "`apt-get install fonts-noto-cjk` or `fonts-wqy-microhei`")
    return found


def _figure(width: float, height: float):  # type: ignore[no-untyped-def]
    from matplotlib.figure import Figure

    font = cjk_font()
    fig = Figure(figsize=(width, height), dpi=110)
    if font:
        fig.set_layout_engine("tight")
    return fig, font


def _png(fig) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _fonted(font: str | None) -> dict[str, object]:
    return {"fontfamily": [font, "DejaVu Sans"]} if font else {}


def trend_chart(report: Report) -> bytes:
    fig, font = _figure(8, 3.2)
    ax = fig.subplots()
    days = [d for d, _, _ in report.trend]
    ax.plot(days, [f for _, f, _ in report.trend], marker="o", label=WORDS["legend_filed"])
    ax.plot(days, [c for _, _, c in report.trend], marker="s", label=WORDS["legend_closed"])
    ax.set_title(WORDS["trend_title"], **_fonted(font))
    ax.legend(prop={"family": [font, "DejaVu Sans"]} if font else None)
    ax.grid(alpha=0.3)
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.autofmt_xdate()
    return _png(fig)


def category_chart(report: Report) -> bytes:
    fig, font = _figure(6, 3.2)
    ax = fig.subplots()
    pairs = list(reversed(report.by_category))
    if not pairs:
        ax.text(0.5, 0.5, WORDS["no_data"], ha="center", va="center", transform=ax.transAxes, **_fonted(font))
        ax.set_xticks([])
        ax.set_yticks([])
    ax.barh([k for k, _ in pairs], [v for _, v in pairs], color="#4C78A8")
    for label in ax.get_yticklabels():
        if font:
            label.set_fontfamily([font, "DejaVu Sans"])
    ax.set_title(WORDS["category_title"], **_fonted(font))
    if pairs:
        ax.xaxis.get_major_locator().set_params(integer=True)
    return _png(fig)


def grid_chart(report: Report) -> bytes:
    fig, font = _figure(7, 3.2)
    ax = fig.subplots()
    rows = report.per_grid or []
    names = [g.grid for g in rows] or [WORDS["no_data"]]
    positions = list(range(len(names)))
    feedback = [(g.feedback_on_time.value or 0) * 100 for g in rows] or [0]
    resolved = [(g.resolved_on_time.value or 0) * 100 for g in rows] or [0]
    left = ax.bar([p - 0.2 for p in positions], feedback, width=0.4, label=WORDS["legend_feedback"], color="#54A24B")
    right = ax.bar([p + 0.2 for p in positions], resolved, width=0.4, label=WORDS["legend_resolved"], color="#F58518")
    # a rate without tickets is "—", not 0 %: say which is which on the bars
    for bars, rates in ((left, [g.feedback_on_time for g in rows]), (right, [g.resolved_on_time for g in rows])):
        ax.bar_label(bars, labels=[r.percent for r in rates] or [""], fontsize=8)
    ax.set_xticks(positions, names, **_fonted(font))
    ax.set_ylim(0, 115)
    ax.set_ylabel("%")
    ax.set_title(WORDS["grid_title"], **_fonted(font))
    ax.legend(prop={"family": [font, "DejaVu Sans"]} if font else None, loc="lower right")
    return _png(fig)
