import os


def handler(event, context):
    debug = bool(os.environ.get("DEBUG"))
    limit = os.environ.get("MAX_ITEMS", 10)
    return {"debug": debug, "items": event["items"][:limit]}
