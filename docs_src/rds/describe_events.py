"""RDS keeps its own event log: DescribeEvents and DescribeEventCategories, with no
subscription at all.
"""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
rds = cloud.client("rds")

categories = rds.describe_event_categories(SourceType="db-instance")[
    "EventCategoriesMapList"
][0]
print("db-instance categories:", ", ".join(categories["EventCategories"]))

rds.create_db_instance(
    DBInstanceIdentifier="reports-db",
    DBInstanceClass="db.t3.micro",
    Engine="postgres",
    MasterUsername="postgres",
    MasterUserPassword="change-me-please",
    AllocatedStorage=20,
)
cloud.run(until=cloud.now + 900)
rds.reboot_db_instance(DBInstanceIdentifier="reports-db")
cloud.run(until=cloud.now + 300)
rds.create_db_snapshot(
    DBInstanceIdentifier="reports-db", DBSnapshotIdentifier="before-upgrade"
)
cloud.run(until=cloud.now + 900)

events = rds.describe_events(
    SourceIdentifier="reports-db", SourceType="db-instance", Duration=120
)["Events"]
for event in events:
    categories = ",".join(event["EventCategories"])
    print(f"{event['Date']:%H:%M:%S} {categories:<13} {event['Message']}")

# Bad input gets RDS's own error codes.
for bad in ("1-starts-with-a-digit", "ends-with-a-hyphen-"):
    try:
        rds.create_db_instance(
            DBInstanceIdentifier=bad, DBInstanceClass="db.t3.micro", Engine="mysql"
        )
    except rds.exceptions.ClientError as error:
        print(bad, "->", error.response["Error"]["Code"])

# expect: failover
# expect: DB instance created
# expect: DB instance restarted
# expect: Finished DB Instance backup
