CHECKS = ("spamVerdict", "virusVerdict", "spfVerdict", "dkimVerdict")


def handler(event, context):
    receipt = event["Records"][0]["ses"]["receipt"]
    if any(receipt[check]["status"] == "FAIL" for check in CHECKS):
        return {"disposition": "STOP_RULE_SET"}
    return {"disposition": "CONTINUE"}


if __name__ == "__main__":

    def verdicts(spam):
        return {
            "spamVerdict": {"status": spam},
            "virusVerdict": {"status": "PASS"},
            "spfVerdict": {"status": "PASS"},
            "dkimVerdict": {"status": "PASS"},
        }

    print(handler({"Records": [{"ses": {"receipt": verdicts("PASS")}}]}, None))
    print(handler({"Records": [{"ses": {"receipt": verdicts("FAIL")}}]}, None))
