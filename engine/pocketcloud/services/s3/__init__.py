"""Amazon S3: buckets, objects, listings, multipart uploads, tagging and event notifications (see client.py)."""
