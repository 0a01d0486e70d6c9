"""Amazon EventBridge: event buses, rules (event patterns and schedules), targets, PutEvents, on the virtual clock.

An event arrives on a bus (PutEvents, or an AWS service: S3's "Send to EventBridge", RDS events, Lambda's
EventBridge destinations); every enabled rule of that bus whose event pattern matches it hands it to each of its
targets, transformed as the target says, a moment later; a scheduled rule (default bus only) hands its
"Scheduled Event" to its targets at the moments its ``rate(...)``/``cron(...)`` expression names, in UTC.
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-what-is-how-it-works-concepts.html

Modules: :mod:`.client` (the operations), :mod:`.service` (state, lookups, records), :mod:`.models`,
:mod:`.arns`, :mod:`.buses`, :mod:`.rules`, :mod:`.targets`, :mod:`.tags`, :mod:`.paging`, :mod:`.putevents`
(the event envelope, matching, TestEventPattern), :mod:`.schedule` (rate and cron expressions),
:mod:`.scheduling` (timers and the scheduled event), :mod:`.transform` (Input, InputPath, InputTransformer) and
:mod:`.delivery` (targets, retries, dead-letter queues, counts). Event patterns are
:mod:`pocketcloud.eventpattern`, shared with Lambda's event filtering.

What a learner can read back: ``cloud.backend("events", EventsService)`` has ``deliveries`` (every attempt and
what became of it), each rule's ``stats`` (matched events, invocations, failures, dead letters) and
``settings`` (delivery delay, retry back-off); the AWS/Events metrics are in ``cloud.metrics``.
"""
