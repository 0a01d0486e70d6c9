"""Pictures of what the engine did, in pure Python: SVG graphs and HTML fragments that render offline, on the site,
in JupyterLite and in notebooks, in light and dark themes.

* :mod:`.layout` lays out layered directed graphs (top to bottom), :mod:`.svg` holds the markup helpers and
  :mod:`.theme` the scoped stylesheets, so later pictures (charts, timelines) share them;
* :func:`state_machine_svg` draws a Step Functions state machine, coloured by an execution history when given one;
* :func:`execution_html` adds the states' inputs and outputs and the history table;
* :func:`metric_chart`, :func:`series_chart` and :func:`time_series_svg` draw metrics as line charts
  (:mod:`.charts`), :func:`gantt_svg` draws per-environment timelines (:mod:`.gantt`).

Learners reach the Step Functions views through :mod:`pocketcloud.stepfunctions` (``pocketcloud.show_execution(cloud,
arn)``), which reads an execution through the public API and displays itself with these functions.
"""

from .charts import Line, Picture, metric_chart, series_chart, time_series_svg
from .gantt import Bar, gantt_svg
from .html import execution_html
from .statemachine import state_machine_svg

__all__ = [
    "Bar",
    "Line",
    "Picture",
    "execution_html",
    "gantt_svg",
    "metric_chart",
    "series_chart",
    "state_machine_svg",
    "time_series_svg",
]
