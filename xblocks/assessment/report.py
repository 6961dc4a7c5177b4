"""The instructors' CSV report (Open edX's ``generate_report_data`` protocol): one row per
submitted self-assessment, retakes included. Rater answers never appear (they are anonymous)."""

from leadership_domain import framework


class ReportMixin:
    def generate_report_data(self, user_state_iterator, limit_responses=None):
        """Yield ``(username, {column: value})`` for each learner's submissions, oldest first."""
        count = 0
        for user_state in user_state_iterator:
            history = (user_state.state or {}).get("history") or []
            for attempt, entry in enumerate(history, start=1):
                if limit_responses is not None and count >= limit_responses:
                    return
                row = {"Attempt": attempt, "Submitted at": entry.get("at", ""),
                       "Level": entry.get("level", ""), "Item set": entry.get("item_set", "")}
                means = entry.get("means") or {}
                for c in framework.CHARACTERISTIC_IDS:
                    mean = means.get(c)
                    row[framework.characteristic(c).name] = "" if mean is None else mean
                row["Development areas"] = "; ".join(
                    framework.characteristic(c).name for c in entry.get("areas") or [])
                count += 1
                yield user_state.username, row
