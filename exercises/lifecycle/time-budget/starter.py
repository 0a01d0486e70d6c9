import time


def work(item):
    time.sleep(0.5)  # half a second per item (virtual time)
    return item.upper()


def handler(event, context):
    done = []
    for item in event["items"]:
        done.append(work(item))
    return {"done": done, "left": []}
