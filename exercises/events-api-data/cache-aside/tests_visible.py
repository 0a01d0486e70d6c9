import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect, expect_equal
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


def test_first_a_miss_then_a_hit(learner):
    """ko: 첫 읽기는 누락, 두 번째 읽기는 적중이며 제품은 같습니다
    en: the first read is a miss, the second a hit, with the same product"""
    _cloud, fn, _admin = shop(learner)
    product = {"id": "7", "name": "product 7", "price": 1070}
    expect_equal(call(fn, "7"), {"hit": False, "product": product}, ko="첫 호출의 반환값", en="the first call's result")
    expect_equal(
        call(fn, "7"), {"hit": True, "product": product}, ko="두 번째 호출의 반환값", en="the second call's result"
    )


def test_the_cached_value_has_a_ttl(learner):
    """ko: 캐시된 키에는 300초 TTL이 있습니다
    en: the cached key has a 300-second TTL"""
    _cloud, fn, admin = shop(learner)
    call(fn, "3")
    ttl = admin.ttl("product:3")
    expect(ttl != -2, ko="키 product:3이 캐시에 없습니다", en="the key product:3 is not in the cache", got=ttl)
    expect(ttl != -1, ko="키에 TTL이 없습니다(ex=300을 주세요)", en="the key has no TTL (pass ex=300)", got=ttl)
    expect(295 <= ttl <= 300, ko="TTL은 300초여야 합니다", en="the TTL must be 300 seconds", expected=300, got=ttl)
