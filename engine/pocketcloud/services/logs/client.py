"""``cloud.client("logs")``: the CloudWatch Logs API with boto3's operation and (camelCase) parameter names.

The client is assembled from one part per area of the API, each a thin layer over the modules that hold the
rules: :mod:`.client_events` (groups, streams, PutLogEvents, GetLogEvents, FilterLogEvents),
:mod:`.client_filters` (metric filters, subscription filters to Lambda), :mod:`.client_insights` (Logs Insights
queries) and :mod:`.client_admin` (retention, tags, resource policies, export tasks to S3). Lambda writes the
``/aws/lambda/<function>`` groups through the backend's internal path (:mod:`.backend`), exactly as the platform
does on AWS. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/Welcome.html
"""

from __future__ import annotations

from .client_admin import AdminOperations
from .client_events import EventsOperations
from .client_filters import FilterOperations
from .client_insights import InsightsOperations


class LogsClient(EventsOperations, FilterOperations, InsightsOperations, AdminOperations):
    """A boto3-shaped CloudWatch Logs client over the cloud's one Logs state (shared with Lambda)."""
