"""What Run shows: SOURCE (your code) deployed to pocketcloud as app.py with a products table and a cache."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
ddb, ec = cloud.client("dynamodb"), cloud.client("elasticache")
ddb.create_table(
    TableName="products",
    BillingMode="PAY_PER_REQUEST",
    KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
)
ddb.put_item(TableName="products", Item={"id": {"S": "7"}, "name": {"S": "product 7"}, "price": {"N": "1070"}})
ec.create_cache_cluster(CacheClusterId="shop", Engine="redis", CacheNodeType="cache.t4g.micro", NumCacheNodes=1)
cloud.run(until=cloud.now + 600)
node = ec.describe_cache_clusters(CacheClusterId="shop", ShowCacheNodeInfo=True)["CacheClusters"][0]
host = node["CacheNodes"][0]["Endpoint"]["Address"]
fn = pocketcloud.deploy(
    cloud, source=SOURCE, handler_name="handler", name="products", environment={"CACHE_HOST": host}, timeout=10
)
for _ in range(2):
    result = fn.invoke({"id": "7"})
    print(result.function_error, result.payload, f"{result.duration_ms:.2f} ms")
