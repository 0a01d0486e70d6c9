"""What Run shows: SOURCE (your code) deployed to pocketcloud as app.py and invoked."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
fn = pocketcloud.deploy(
    cloud, source=SOURCE, handler_name="handler", name="orders-dev", environment={"TABLE_NAME": "orders-dev"}
)
print(fn.invoke({}).payload)
