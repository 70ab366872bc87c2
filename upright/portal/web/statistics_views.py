"""Public statistics, the commitments tracker and the open-data downloads. No log-in.

The figures come suppressed from upright.portal.figures, which reads the stored insight
summaries; the charts are server-side SVG drawn from exactly the cells the tables and CSV
files show, so the three cannot disagree. A figure not yet computed (or not available) is in
the table and the CSV, said in words, and left out of the chart.
"""

import csv
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from upright.core.charts import Point, bar_chart, line_chart
from upright.portal.figures import Series, public_topic, public_topics, suppression_threshold
from upright.portal.selectors import commitment_public_list


def _chart(series: Series, *, threshold: int) -> Any:
    draw = line_chart if series.chart == "line" else bar_chart
    return draw(title=series.title, desc=series.desc, x_label=series.x_label,
                y_label=series.y_label, chart_id=f"chart-{series.key}", threshold=threshold,
                points=[Point(label=c.label, value=c.value) for c in series.cells if c.charted])


def statistics_index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/statistics_index.html",
                  {"topics": public_topics(), "threshold": suppression_threshold()})


def statistics_topic(request: HttpRequest, slug: str) -> HttpResponse:
    topic = public_topic(slug=slug)
    if topic is None:
        raise Http404("No such statistics page.")
    threshold = suppression_threshold()
    charts = [(series, _chart(series, threshold=threshold)) for series in topic.series]
    return render(request, "portal/statistics_topic.html",
                  {"topic": topic, "charts": charts, "threshold": threshold})


def commitment_list(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/commitments.html", {"commitments": commitment_public_list()})


def open_data(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/open_data.html", {"threshold": suppression_threshold()})


def _csv_response(filename: str) -> tuple[HttpResponse, Any]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response, csv.writer(response)


def figures_csv(request: HttpRequest) -> HttpResponse:
    """Every published cell; a suppressed one, or one not yet computed, has an empty value and
    says which in `published`; computed_at is when the topic's summaries were computed."""
    response, writer = _csv_response("upright-statistics.csv")
    writer.writerow(["topic", "measure", "period_or_group", "value", "suppressed", "published",
                     "computed_at"])
    for topic in public_topics():
        for series in topic.series:
            for cell in series.cells:
                writer.writerow([topic.slug, series.title, cell.label,
                                 "" if cell.value is None else cell.value,
                                 "yes" if cell.value is None and cell.charted else "no",
                                 cell.display,
                                 topic.computed_at.isoformat() if topic.computed_at else ""])
    return response


def commitments_csv(request: HttpRequest) -> HttpResponse:
    response, writer = _csv_response("upright-commitments.csv")
    writer.writerow(["reference", "title", "source", "owner", "deadline", "status",
                     "evidence", "evidence_url", "history"])
    for c in commitment_public_list():
        history = "; ".join(f"{h.changed_at.date().isoformat()} {h.to_status}"
                            for h in c.status_changes.all())
        writer.writerow([c.reference, c.title, c.source, c.owner,
                         c.deadline.isoformat() if c.deadline else "", c.status, c.evidence,
                         c.evidence_url, history])
    return response
