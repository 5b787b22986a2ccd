"""The calibration table: each indicator x period, the generator's value beside the figure the
September 2016 performance framework shows (sections Quality Assurance, Children in Need of Help
& Protection, Looked After Children)."""

from __future__ import annotations

# indicator_id -> (year_1, year_2, year_3, latest) as printed in the document ("-" = blank)
DOCUMENT = {
    "icpc_within_15_working_days": ("90.1%", "97.8%", "97.9%", "91%"),
    "cp_visits_on_time": ("33.5%", "17.7%", "25%", "38%"),
    "cp_children_seen_alone": ("N/A", "N/A", "56.7%", "52.8%"),
    "assessments_within_45_working_days": ("83.1%", "67.0%", "71.2%", "89.40%"),
    "lac_review_participation": ("N/A", "98%", "93%", "93%"),
    "assessments_child_seen": ("N/A", "N/A", "72.3%", "Not Yet Available"),
    "assessments_child_seen_alone": ("N/A", "N/A", "N/A", "Not Yet Available"),
    "referrals_rate": ("648.7 (3641)", "639.6 (3636)", "689.4 (4010)", "776.9 (4519)"),
    "cin_rate_excl_cp_lac": ("220.5 (1243)", "303.0 (1749)", "244.3 (1421)", "193.4 (1125)"),
    "cin_rate_incl_cp_lac": ("398.3 (2248)", "488.6 (2817)", "382.7 (2226)", "338.5 (1969)"),
    "s47_rate": ("140.8 (795)", "177.8 (1025)", "186.7 (1086)", "233.2 (1217)"),
    "s47_to_icpc_proportion": ("N/A", "N/A", "33.2%", "27.4%"),
    "cp_rate": ("41.8 (236)", "50.3 (290)", "26.1 (152)", "35.1 (204)"),
    "cp_second_or_subsequent": ("12.5% (46)", "12.6% (53)", "17.9% (50)", "29.9% (61)"),
    "cp_plans_two_years_plus": ("N/A", "0.0%", "7.0%", "4.0% (9)"),
    "lac_rate": ("136.0 (769)", "135.0 (778)", "112.3 (653)", "110.0 (640)"),
    "lac_visits_on_time": ("-", "-", "63%", "69%"),
    "lac_reviews_on_time": ("N/A", "91%", "90%", "95%"),
    "lac_placement_stability_over_2y": ("N/A", "80%", "75%", "77%"),
    "lac_placement_stability_under_2y": ("N/A", "75%", "70%", "70%"),
    "lac_long_term_placement_stability": ("64%", "69%", "69.8%", "64%"),
    "lac_in_house_foster": ("N/A", "171 (21%)", "183 (28%)", "190 (29%)"),
    "lac_placed_with_parents_care_order": ("N/A", "88", "47", "46"),
    "private_fostering_known": ("N/A", "N/A", "1", "4"),
    "foster_carers_in_pipeline": ("-", "-", "-", "19"),
    "foster_carers_approved": ("-", "-", "-", "5"),
    "foster_carer_days_to_approve": ("-", "-", "-", "254 days"),
}

PERIOD_KEYS = ("year_1", "year_2", "year_3", "latest")


STATE_TEXT = {"not_recorded": "not recorded", "no_data": "no data"}


def format_value(unit: str, num, den) -> str:
    if unit in ("percent",):
        return f"{100 * num / den:.1f}% ({num}/{den})" if den else f"- ({num}/{den})"
    if unit == "count_and_percent":
        return f"{num} ({100 * num / den:.1f}%)" if den else f"{num} (-)"
    if unit == "rate_per_10000":
        return f"{10000 * num / den:.1f} ({num})" if den else f"{num}"
    if unit == "average_days":
        return f"{num / den:.0f} days ({den})" if den else "- (0)"
    return f"{num}"


def _generated(unit: str, value: dict | None) -> str:
    if value is None:
        return ""
    state = value.get("state", "computed")
    if state != "computed":
        return STATE_TEXT.get(state, state)
    return format_value(unit, value["numerator"], value["denominator"])


def summary_table(ground_truth: dict, measures: list, labels: dict[str, str]) -> str:
    """measures: ground_truth.Measure rows (indicator_id, unit), in the catalogue's order."""
    units = {m.indicator_id: m.unit for m in measures}
    cells = {(v["indicator_id"], v["period_key"]): v for v in ground_truth["values"]}
    rows = [("indicator", "period", "generator", "document")]
    for indicator_id, unit in units.items():
        for key in PERIOD_KEYS:
            gen = _generated(unit, cells.get((indicator_id, key)))
            doc = DOCUMENT.get(indicator_id, ("",) * 4)[PERIOD_KEYS.index(key)]
            rows.append((indicator_id if key == "year_1" else "", labels.get(key, key), gen, doc))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for n, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
