"""Intrinsic functions: small built-in operations inside a JSONPath payload template,
in a field whose name ends in ".$"."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")

state = {
    "Type": "Pass",
    "Parameters": {
        "greeting.$": "States.Format('Hello, {}! You have {} items.', $.name, $.count)",
        "total.$": "States.MathAdd($.count, 10)",
        "tags.$": "States.Array('new', $.plan)",
        "pages.$": "States.ArrayPartition($.ids, 2)",
        "has3.$": "States.ArrayContains($.ids, 3)",
        "parsed.$": "States.StringToJson($.raw)",
        "text.$": "States.JsonToString($.ids)",
        "encoded.$": "States.Base64Encode($.name)",
        "sha1.$": "States.Hash($.name, 'SHA-1')",
        "part.$": "States.ArrayGetItem(States.StringSplit($.path, '/'), 1)",
    },
    "End": True,
}
state_input = {
    "name": "Ada",
    "count": 3,
    "plan": "pro",
    "ids": [1, 2, 3, 4, 5],
    "raw": '{"ok": true}',
    "path": "orders/2026/A-1",
}
answer = sfn.test_state(definition=json.dumps(state), input=json.dumps(state_input))
for key, value in json.loads(answer["output"]).items():
    print(f"{key:>9} = {value!r}")

# expect:  greeting = 'Hello, Ada! You have 3 items.'
# expect:     total = 13
# expect:     pages = [[1, 2], [3, 4], [5]]
# expect:    parsed = {'ok': True}
# expect:   encoded = 'QWRh'
# expect:      part = '2026'
