import os


def handler(event, context):
    debug = os.environ.get("DEBUG", "").strip().lower() in ("true", "1", "yes")
    limit = int(os.environ.get("MAX_ITEMS", "10"))
    return {"debug": debug, "items": event["items"][:limit]}
