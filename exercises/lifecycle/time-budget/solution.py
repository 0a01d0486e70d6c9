import time


def work(item):
    time.sleep(0.5)  # half a second per item (virtual time)
    return item.upper()


def handler(event, context):
    items = list(event["items"])
    done = []
    while items and context.get_remaining_time_in_millis() >= 1000:
        done.append(work(items.pop(0)))
    return {"done": done, "left": items}
