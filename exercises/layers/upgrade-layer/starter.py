def upgrade(lam, function_name, layer_name):
    config = lam.get_function_configuration(FunctionName=function_name)
    arns = [layer["Arn"] for layer in config.get("Layers", [])]
    # Publishing a new version changed nothing for this function: replace the old ARN yourself.
    return arns


if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    lam = cloud.client("lambda")

    def publish(name, text):
        content = pocketcloud.zip_code({f"python/{name}.py": f"TEXT = {text!r}\n"})
        return lam.publish_layer_version(LayerName=name, Content={"ZipFile": content})["LayerVersionArn"]

    tools, prices = publish("tools", "tools v1"), publish("prices", "prices v1")
    app = "import prices, tools\n\n\ndef handler(event, context):\n    return [tools.TEXT, prices.TEXT]\n"
    fn = pocketcloud.deploy(cloud, source=app, handler_name="handler", name="shop", layers=[tools, prices])
    publish("prices", "prices v2")
    print(upgrade(lam, "shop", "prices"))
    print(fn.invoke({}).payload)
