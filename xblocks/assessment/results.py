"""Results of an assessment as the view shows them: per characteristic against the level's
expectation, a chart geometry (inline SVG, no library), and development areas. Pure functions."""

from leadership_domain import framework, scoring

CHART_WIDTH, LABEL_WIDTH, BAR_HEIGHT, ROW_GAP = 640, 190, 14, 14
PLOT_WIDTH = CHART_WIDTH - LABEL_WIDTH - 50


def summarize(level_id, answers):
    """What a history entry keeps: means per characteristic and the three development areas."""
    results = scoring.characteristic_results(level_id, answers)
    return {"means": {c: r.mean for c, r in results.items()},
            "areas": list(scoring.development_areas(results))}


def pooled_means(level_id, answer_sets):
    """Means per characteristic over several people's answers, each answer weighing the same."""
    totals = {c: [0.0, 0] for c in framework.CHARACTERISTIC_IDS}
    for answers in answer_sets:
        for c, result in scoring.characteristic_results(level_id, answers).items():
            if result.mean is not None:
                totals[c][0] += result.mean * result.rated
                totals[c][1] += result.rated
    return {c: (round(total / count, 2) if count else None) for c, (total, count) in totals.items()}


def rows(level_id, series, characteristics=None):
    """One row per characteristic: expected score and each series' mean (``series`` is a list
    of ``(label, {characteristic: mean})``), with the gap of the first series."""
    wanted = characteristics or framework.CHARACTERISTIC_IDS
    found = []
    for c in framework.CHARACTERISTIC_IDS:
        if c not in wanted:
            continue
        expected = framework.expected_score(c, level_id)
        values = [means.get(c) for _label, means in series]
        first = values[0] if values else None
        found.append({"id": c, "name": framework.characteristic(c).name, "expected": expected,
                      "values": values,
                      "gap": None if first is None else round(first - expected, 2)})
    return found


def _x(value):
    """Horizontal position of a 1..5 score inside the plot (1 at the left edge)."""
    span = framework.SCALE_MAX - framework.SCALE_MIN
    return LABEL_WIDTH + PLOT_WIDTH * (value - framework.SCALE_MIN) / span


def chart(table_rows, series_count):
    """Geometry for the inline SVG: bars per series, the expectation mark, the scale ticks."""
    row_height = series_count * (BAR_HEIGHT + 2) + ROW_GAP
    height = 30 + row_height * len(table_rows)
    bars = []
    for index, row in enumerate(table_rows):
        top = 24 + index * row_height
        entry = {"name": row["name"], "label_y": top + row_height / 2, "bars": [],
                 "expected_x": _x(row["expected"]), "top": top - 2,
                 "bottom": top + series_count * (BAR_HEIGHT + 2)}
        for position, value in enumerate(row["values"]):
            y = top + position * (BAR_HEIGHT + 2)
            width = 0 if value is None else max(_x(value) - LABEL_WIDTH, 2)
            entry["bars"].append({"series": position, "y": y, "width": round(width, 1),
                                  "value": value, "text_x": LABEL_WIDTH + width + 4,
                                  "text_y": y + BAR_HEIGHT - 3})
        bars.append(entry)
    ticks = [{"value": v, "x": round(_x(v), 1)}
             for v in range(framework.SCALE_MIN, framework.SCALE_MAX + 1)]
    return {"width": CHART_WIDTH, "height": height, "rows": bars, "ticks": ticks,
            "bar_height": BAR_HEIGHT, "plot_left": LABEL_WIDTH}
