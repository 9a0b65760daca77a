"""Pages of the evaluation module: runs, a zone's standings, what-if, robustness, downloads.

Each view parses the request, calls the selectors or services of `yingshang.evaluation`, and
renders; the tables the templates show are shaped in `views.tables`, the charts in `charts`.
"""
