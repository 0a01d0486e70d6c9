import re
from decimal import Decimal


def field(line, name):
    """The number after "<name>: " in a REPORT line, as a Decimal."""
    match = re.search(rf"\t{name}: ([\d.]+)", "\t" + line.split("\t", 1)[1])
    return Decimal(match.group(1))


def bill(report_lines, usd_per_gb_second, usd_per_request):
    gb_seconds = Decimal(0)
    for line in report_lines:
        seconds = field(line, "Billed Duration") / 1000
        gigabytes = field(line, "Memory Size") / 1024
        gb_seconds += gigabytes * seconds
    return len(report_lines) * usd_per_request + gb_seconds * usd_per_gb_second


if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)

    @cloud.function(memory_size=512)
    def api(event, context):
        return {"ok": True}

    for _ in range(3):
        api.invoke({})
    lines = [line for line in api.logs() if line.startswith("REPORT")]
    print("\n".join(lines))
    print(bill(lines, Decimal("0.0000166667"), Decimal("0.0000002")))
