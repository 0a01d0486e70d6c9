"""Amazon RDS as a lifecycle model: DB instances, snapshots and the event notifications they send.

There is no SQL engine here. A pocketcloud DB instance is a *lifecycle*: it is created, backed up, rebooted, fails
over, is snapshotted and deleted, each step taking documented model time on the virtual clock and emitting the
event AWS emits (AWS's event IDs, categories and message text). What RDS teaches in a serverless course is exactly
this: a database is a data-driven event source.

**How RDS events reach Lambda on AWS.** RDS never invokes a Lambda function itself. It has two ways out:

* an **event subscription** (CreateEventSubscription) publishes each matching event to an **SNS topic**; a Lambda
  function subscribed to the topic receives the SNS event whose ``Message`` is RDS's JSON notification ("Event
  Source", "Event Time", "Identifier Link", "Source ID", "Source ARN", "Event ID", "Event Message") with the
  subject "RDS Notification Message". "Amazon RDS sends notifications to an Amazon Simple Notification Service
  (Amazon SNS) topic, which you can configure to invoke a Lambda function. Amazon SNS wraps the message from Amazon
  RDS in its own event document and sends it to your function."
  https://docs.aws.amazon.com/lambda/latest/dg/services-rds.html
  https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.html
* every event also goes to **Amazon EventBridge** as an "RDS DB Instance Event" (source ``aws.rds``), which a rule
  can route to Lambda. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-cloud-watch-events.html
  pocketcloud builds that event (:func:`.events.eventbridge_event`) and sends it with ``PutEvents`` once an
  ``events`` service is registered.

Modules: :mod:`.client` (the AWS operations), :mod:`.service` (the state of one cloud), :mod:`.instances` (DB
instance records and their shape), :mod:`.lifecycle` (status transitions on the virtual clock), :mod:`.snapshots`,
:mod:`.catalog` (event IDs, categories and messages), :mod:`.events` (the event log, SNS and EventBridge
deliveries), :mod:`.subscriptions` (event subscriptions), :mod:`.identifiers` (naming rules and errors).
"""
