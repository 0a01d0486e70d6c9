import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal
from pocketcloud.redis import Redis


def shop(learner, seed=0):
    """A products table, a cache cluster and the learner's function; returns (cloud, function, admin redis client)."""
    cloud = pocketcloud.Cloud(seed=seed)
    ddb, ec = cloud.client("dynamodb"), cloud.client("elasticache")
    ddb.create_table(
        TableName="products",
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    )
    for n in range(10):
        ddb.put_item(
            TableName="products",
            Item={"id": {"S": str(n)}, "name": {"S": f"product {n}"}, "price": {"N": str(1000 + 10 * n)}},
        )
    ec.create_cache_cluster(CacheClusterId="shop", Engine="redis", CacheNodeType="cache.t4g.micro", NumCacheNodes=1)
    cloud.run(until=cloud.now + 600)
    node = ec.describe_cache_clusters(CacheClusterId="shop", ShowCacheNodeInfo=True)["CacheClusters"][0]
    host = node["CacheNodes"][0]["Endpoint"]["Address"]
    fn = deploy_learner(cloud, learner, name="products", environment={"CACHE_HOST": host}, timeout=10)
    return cloud, fn, Redis(host=host, port=6379, cloud=cloud, decode_responses=True)


def call(fn, product_id):
    result = fn.invoke({"id": product_id})
    expect_equal(result.function_error, None, ko="함수 오류", en="the function error")
    return result.payload


def test_after_the_ttl_it_reads_the_table_again(learner):
    """ko: TTL이 지나면 다시 누락이 되어 테이블의 새 값을 읽습니다
    en: after the TTL it is a miss again and reads the table's new value"""
    cloud, fn, _admin = shop(learner, seed=2)
    call(fn, "5")
    cloud.client("dynamodb").update_item(
        TableName="products",
        Key={"id": {"S": "5"}},
        UpdateExpression="SET price = :p",
        ExpressionAttributeValues={":p": {"N": "9"}},
    )
    expect_equal(call(fn, "5")["product"]["price"], 1050, ko="TTL 안에서 읽은 가격", en="the price read within the TTL")
    cloud.run(until=cloud.now + 301)
    expect_equal(
        call(fn, "5"),
        {"hit": False, "product": {"id": "5", "name": "product 5", "price": 9}},
        ko="TTL이 지난 뒤의 반환값",
        en="the result after the TTL",
    )


def test_keys_are_per_product(learner):
    """ko: 제품마다 키가 따로 있습니다
    en: each product has its own key"""
    _cloud, fn, admin = shop(learner, seed=3)
    for product_id in ("1", "2", "1"):
        call(fn, product_id)
    expect_equal(
        sorted(admin.keys("product:*")), ["product:1", "product:2"], ko="캐시의 키", en="the keys in the cache"
    )
