"""CloudWatch Logs Insights: a small query language over a log group's events, as StartQuery runs it.

:mod:`.syntax` reads a query (commands joined by ``|``, expressions, functions, aggregations) into a tree,
:mod:`.fields` gives each event its fields (the system fields, JSON fields, and the fields Lambda's ``START``,
``END`` and ``REPORT`` lines carry), :mod:`.functions` and :mod:`.aggregates` evaluate, :mod:`.run` applies the
commands in order, and :mod:`.queries` holds StartQuery's queries on the virtual clock.
https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html
"""
