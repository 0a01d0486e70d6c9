import pocketcloud

MONEY = """
def won(amount):
    return f"{amount:,} KRW"
"""

APP = """
import money


def handler(event, context):
    return {"price": money.won(event["amount"])}
"""


def layer_zip():
    return pocketcloud.zip_code({"money.py": MONEY})


def create_shop(cloud, layer_arn):
    return pocketcloud.deploy(cloud, source=APP, handler_name="handler", name="shop")


if __name__ == "__main__":
    cloud = pocketcloud.Cloud(seed=0)
    layer = cloud.client("lambda").publish_layer_version(LayerName="money", Content={"ZipFile": layer_zip()})
    shop = create_shop(cloud, layer["LayerVersionArn"])
    result = shop.invoke({"amount": 12900})
    print(result.function_error, result.payload)
