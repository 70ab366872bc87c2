"""Server-side SVG charts for the public statistics pages and the staff dashboards: no script,
no outside service.

Each chart is an `<svg role="img">` with a `<title>` and `<desc>` (the accessible name and
description); the page puts the same figures in a table beside it. A value of None is a
suppressed count: it is never drawn to scale, only marked "fewer than N" on the axis.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
HEIGHT = 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 40, 64
# Colours with at least 4.5:1 contrast on white (WCAG 1.4.3 / 1.4.11).
INK = "#0b0c0c"
BAR = "#1d70b8"
GRID = "#6f777b"


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None  # None: suppressed, never drawn as an exact figure


def _nice_max(top: float) -> int:
    whole = int(-(-top // 1))  # ceiling
    if whole <= 5:
        return 5
    step = 10 ** (len(str(whole)) - 1)
    return int(((whole + step - 1) // step) * step)


def _axes(*, y_max: int, x_label: str, y_label: str) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="{INK}"/>',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - BOTTOM}" stroke="{INK}"/>',
    ]
    for i in range(5):
        value = f"{y_max * i / 4:g}"
        y = HEIGHT - BOTTOM - plot_h * i / 4
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
                     f'font-size="12" fill="{INK}">{value}</text>')
        if i:
            parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                         f'stroke="{GRID}" stroke-width="0.5" stroke-dasharray="2 3"/>')
    parts.append(f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{HEIGHT - 12}" '
                 f'text-anchor="middle" font-size="13" fill="{INK}">{escape(x_label)}</text>')
    parts.append(f'<text x="16" y="{(TOP + HEIGHT - BOTTOM) / 2:.1f}" text-anchor="middle" '
                 f'font-size="13" fill="{INK}" transform="rotate(-90 16 '
                 f'{(TOP + HEIGHT - BOTTOM) / 2:.1f})">{escape(y_label)}</text>')
    return parts


def _frame(*, title: str, desc: str, chart_id: str, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308  (every piece of text above is escaped)
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart" '
        f'font-family="sans-serif"><title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f'<text x="{LEFT}" y="24" font-size="15" font-weight="bold" fill="{INK}">'
        f'{escape(title)}</text>{"".join(body)}</svg>')


def _x_positions(count: int) -> list[float]:
    plot_w = WIDTH - LEFT - RIGHT
    step = plot_w / max(count, 1)
    return [LEFT + step * (i + 0.5) for i in range(count)]


def _suppressed_mark(x: float, threshold: int) -> str:
    return (f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM - 6}" text-anchor="middle" font-size="11" '
            f'fill="{INK}" class="suppressed">&lt;{threshold}</text>')


def bar_chart(
    *, title: str, desc: str, x_label: str, y_label: str, points: Sequence[Point],
    chart_id: str, threshold: int,
) -> SafeString:
    """One bar per point, heights to scale; suppressed points show "<threshold", no bar."""
    top = max((p.value for p in points if p.value is not None), default=0)
    y_max = _nice_max(top)
    plot_h = HEIGHT - TOP - BOTTOM
    xs = _x_positions(len(points))
    width = 0.6 * (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    body = _axes(y_max=y_max, x_label=x_label, y_label=y_label)
    for x, point in zip(xs, points, strict=True):
        if point.value is None:
            body.append(_suppressed_mark(x, threshold))
        else:
            h = plot_h * point.value / y_max
            body.append(f'<rect class="bar" x="{x - width / 2:.1f}" y="{HEIGHT - BOTTOM - h:.1f}" '
                        f'width="{width:.1f}" height="{h:.1f}" fill="{BAR}" '
                        f'data-value="{point.value:g}"><title>{escape(point.label)}: '
                        f'{point.value:g}</title></rect>')
        body.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                    f'font-size="11" fill="{INK}">{escape(point.label)}</text>')
    return _frame(title=title, desc=desc, chart_id=chart_id, body=body)


def line_chart(
    *, title: str, desc: str, x_label: str, y_label: str, points: Sequence[Point],
    chart_id: str, threshold: int,
) -> SafeString:
    """A line through the points; a suppressed point breaks the line (no guessed value)."""
    top = max((p.value for p in points if p.value is not None), default=0)
    y_max = _nice_max(top)
    plot_h = HEIGHT - TOP - BOTTOM
    xs = _x_positions(len(points))
    body = _axes(y_max=y_max, x_label=x_label, y_label=y_label)
    runs: list[list[tuple[float, float]]] = [[]]
    for x, point in zip(xs, points, strict=True):
        if point.value is None:
            body.append(_suppressed_mark(x, threshold))
            runs.append([])
        else:
            y = HEIGHT - BOTTOM - plot_h * point.value / y_max
            runs[-1].append((x, y))
            body.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{BAR}" '
                        f'data-value="{point.value:g}"><title>{escape(point.label)}: '
                        f'{point.value:g}</title></circle>')
        body.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                    f'font-size="11" fill="{INK}">{escape(point.label)}</text>')
    for run in runs:
        if len(run) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            body.insert(0, f'<polyline points="{path}" fill="none" stroke="{BAR}" '
                           f'stroke-width="2"/>')
    return _frame(title=title, desc=desc, chart_id=chart_id, body=body)
