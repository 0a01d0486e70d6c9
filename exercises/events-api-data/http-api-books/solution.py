import json

BOOKS = {"1": {"id": "1", "title": "Dune"}, "2": {"id": "2", "title": "Pachinko"}}


def reply(status, body):
    return {"statusCode": status, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}


def handler(event, context):
    if event["routeKey"] == "POST /books":
        try:
            data = json.loads(event.get("body") or "")
        except ValueError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("title"), str) or not data["title"].strip():
            return reply(400, {"error": "title is required"})
        book = {"id": str(len(BOOKS) + 1), "title": data["title"]}
        BOOKS[book["id"]] = book
        return reply(201, book)
    book = BOOKS.get(event["pathParameters"]["id"])
    if book is None:
        return reply(404, {"error": "not found"})
    return reply(200, book)


if __name__ == "__main__":
    event = {"version": "2.0", "routeKey": "GET /books/{id}", "pathParameters": {"id": "1"}}
    print(handler(event, None))
    print(handler({"version": "2.0", "routeKey": "POST /books", "body": '{"title": "Emma"}'}, None))
