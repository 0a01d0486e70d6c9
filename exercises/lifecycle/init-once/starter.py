import time

LOADS = 0  # how many times this environment downloaded the table


def load_rates():
    global LOADS
    LOADS += 1
    time.sleep(0.8)  # a slow download (virtual time)
    return {"KRW": 1380.5, "JPY": 151.2, "EUR": 0.92}


def handler(event, context):
    rates = load_rates()
    return {"amount": round(event["usd"] * rates[event["currency"]], 2), "loads": LOADS}
