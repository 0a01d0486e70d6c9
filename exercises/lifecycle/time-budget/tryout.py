"""What Run shows: SOURCE (your code) deployed to pocketcloud as app.py and invoked."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
fn = pocketcloud.deploy(cloud, source=SOURCE, handler_name="handler", name="batch", timeout=3)
result = fn.invoke({"items": [f"item-{n}" for n in range(10)]})
print("FunctionError:", result.function_error)
print(result.payload)
