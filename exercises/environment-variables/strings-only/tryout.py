"""What Run shows: SOURCE (your code) deployed to pocketcloud as app.py and invoked."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
env = {"DEBUG": "false", "MAX_ITEMS": "2"}
fn = pocketcloud.deploy(cloud, source=SOURCE, handler_name="handler", name="list", environment=env)
result = fn.invoke({"items": ["a", "b", "c"]})
print("FunctionError:", result.function_error)
print(result.payload)
