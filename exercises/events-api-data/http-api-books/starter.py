import json

BOOKS = {"1": {"id": "1", "title": "Dune"}, "2": {"id": "2", "title": "Pachinko"}}


def reply(status, body):
    return {"statusCode": status, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}


def handler(event, context):
    # event["routeKey"] says which route matched: "GET /books/{id}" or "POST /books".
    book_id = event["pathParameters"]["id"]
    return BOOKS[book_id]


if __name__ == "__main__":
    event = {"version": "2.0", "routeKey": "GET /books/{id}", "pathParameters": {"id": "1"}}
    print(handler(event, None))
