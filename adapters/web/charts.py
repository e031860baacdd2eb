"""Charts as inline SVG: drawn on the server, so pages need no JavaScript and no chart host.
Each chart names itself for screen readers, and its figures are in a table beside it."""

from __future__ import annotations

from html import escape

from bot.features.dashboard.model import Chart

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 64, 16, 40
BAR = "#2458a6"  # 7:1 against white, so bars read in print and for low vision
LINE = "#a63d00"


def _ticks(top: float) -> list[float]:
    """Up to five round gridline values from 0 to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    step, factors = 1.0, (2, 2.5, 2)  # 1, 2, 5, 10, 20, 50, …
    i = 0
    while top / step > 5:
        step *= factors[i % 3]
        i += 1
    count = int(-(-top // step))
    return [step * i for i in range(count + 1)]


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def svg(chart: Chart, chart_id: str) -> str:
    n = len(chart.labels)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    tallest = max([*chart.bars, *(chart.line if chart.same_unit else ())], default=0)
    bar_ticks = _ticks(tallest)
    bar_top = bar_ticks[-1] or 1
    slot = inner_w / max(n, 1)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(chart.title)}</title>',
    ]
    for tick in bar_ticks:
        y = TOP + inner_h - tick / bar_top * inner_h
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{BAR}">'
            f"{_number(tick)}</text>"
        )
    label_every = max(1, round(n / 13))
    for i, (label, value) in enumerate(zip(chart.labels, chart.bars, strict=True)):
        height = value / bar_top * inner_h
        x = LEFT + i * slot + slot * 0.15
        parts.append(
            f'<rect x="{x:.1f}" y="{TOP + inner_h - height:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{height:.1f}" fill="{BAR}"><title>{escape(label)}: {_number(value)} '
            f"{escape(chart.bar_name)}</title></rect>"
        )
        if (n - 1 - i) % label_every == 0:  # counted back from the latest, which is always named
            parts.append(
                f'<text x="{LEFT + (i + 0.5) * slot:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    if chart.line:
        line_ticks = bar_ticks if chart.same_unit else _ticks(max(chart.line, default=0))
        line_top = line_ticks[-1] or 1
        points = " ".join(
            f"{LEFT + (i + 0.5) * slot:.1f},{TOP + inner_h - v / line_top * inner_h:.1f}"
            for i, v in enumerate(chart.line)
        )
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{LINE}" stroke-width="2.5"/>'
        )
        for tick in () if chart.same_unit else line_ticks:  # a second axis only for a second unit
            y = TOP + inner_h - tick / line_top * inner_h
            parts.append(
                f'<text x="{WIDTH - RIGHT + 6}" y="{y + 4:.1f}" fill="{LINE}">'
                f"{_number(tick)}</text>"
            )
    legend = [(BAR, chart.bar_name)] + ([(LINE, chart.line_name)] if chart.line else [])
    x = LEFT
    for colour, name in legend:
        parts.append(
            f'<rect x="{x}" y="{HEIGHT - 14}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{HEIGHT - 4}">{escape(name)}</text>'
        )
        x += 24 + 8 * len(name)
    parts.append("</svg>")
    return "".join(parts)
