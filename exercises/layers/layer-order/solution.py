def attach(lam, function_name, base_arn, patch_arn):
    lam.update_function_configuration(FunctionName=function_name, Layers=[base_arn, patch_arn])


if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    lam = cloud.client("lambda")
    base = lam.publish_layer_version(
        LayerName="base",
        Content={
            "ZipFile": pocketcloud.zip_code(
                {
                    "python/shared/__init__.py": "",
                    "python/shared/greeting.py": "def hello(name):\n    return 'helo ' + name\n",
                    "python/shared/util.py": "def shout(text):\n    return text.upper() + '!'\n",
                }
            )
        },
    )
    patch = lam.publish_layer_version(
        LayerName="patch",
        Content={
            "ZipFile": pocketcloud.zip_code(
                {"python/shared/greeting.py": "def hello(name):\n    return 'hello ' + name\n"}
            )
        },
    )
    app = "from shared import greeting, util\n\n\ndef handler(event, context):\n"
    app += "    return util.shout(greeting.hello(event['name']))\n"
    fn = pocketcloud.deploy(cloud, source=app, handler_name="handler", name="greeter")
    attach(lam, "greeter", base["LayerVersionArn"], patch["LayerVersionArn"])
    print(fn.invoke({"name": "ada"}).payload)
