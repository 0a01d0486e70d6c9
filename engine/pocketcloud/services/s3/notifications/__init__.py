"""S3 event notifications: validating a bucket's configuration, building events as S3 does, delivering them.

https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html
"""
