"""The leadership assessment block's parts: results and chart, multi-rater, handlers, report."""
