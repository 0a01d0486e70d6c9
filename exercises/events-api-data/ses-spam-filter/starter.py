def handler(event, context):
    receipt = event["Records"][0]["ses"]["receipt"]
    # Look at receipt["spamVerdict"]["status"] and the other verdicts.
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
