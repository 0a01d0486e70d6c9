"""The account's concurrency, what reserved and provisioned concurrency take from it,
and the 100 that always stay unreserved."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
CODE = pocketcloud.zip_code(
    {"app.py": "def handler(event, context):\n    return 'ok'\n"}
)
for name in ("orders", "reports", "search"):
    lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role="arn:aws:iam::123456789012:role/lambda-role",
        Handler="app.handler",
        Code={"ZipFile": CODE},
    )


def show(when: str) -> None:
    limit = lam.get_account_settings()["AccountLimit"]
    total, free = limit["ConcurrentExecutions"], limit["UnreservedConcurrentExecutions"]
    print(
        f"{when:<21} ConcurrentExecutions={total} UnreservedConcurrentExecutions={free}"
    )


show("a new account")
lam.put_function_concurrency(FunctionName="orders", ReservedConcurrentExecutions=300)
show("orders reserves 300")
version = lam.publish_version(FunctionName="search")["Version"]
lam.put_provisioned_concurrency_config(
    FunctionName="search", Qualifier=version, ProvisionedConcurrentExecutions=50
)
show("search provisions 50")

# At least 100 must stay unreserved for every function without reserved concurrency.
try:
    lam.put_function_concurrency(
        FunctionName="reports", ReservedConcurrentExecutions=551
    )
except lam.exceptions.InvalidParameterValueException as err:
    print("reports reserves 551 ->", err.response["Error"]["Message"])
lam.put_function_concurrency(FunctionName="reports", ReservedConcurrentExecutions=550)
show("reports reserves 550")

# Provisioned concurrency needs a published version or an alias.
try:
    lam.put_provisioned_concurrency_config(
        FunctionName="search", Qualifier="$LATEST", ProvisionedConcurrentExecutions=1
    )
except lam.exceptions.InvalidParameterValueException as err:
    print("$LATEST ->", err.response["Error"]["Message"])

# expect: 300   ConcurrentExecutions=1000 UnreservedConcurrentExecutions=700
# expect: 50  ConcurrentExecutions=1000 UnreservedConcurrentExecutions=650
# expect: reports reserves 551 -> Specified ReservedConcurrentExecutions for function
# expect: below its minimum value of [100].
# expect: 550  ConcurrentExecutions=1000 UnreservedConcurrentExecutions=100
# expect: cannot be applied to unpublished function versions.
