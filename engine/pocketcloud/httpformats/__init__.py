"""HTTP payload formats shared by the services that turn HTTP requests into Lambda events.

API Gateway (REST and HTTP APIs) and Lambda function URLs both map a request to an event and a function's response
back to HTTP. Where AWS uses one format for several services, the code lives here once and each service imports it
(no service imports another's package):

* :mod:`.formats` - request times, query strings, media types and request bodies (text or base64);
* :mod:`.payload_v2` - the payload format version 2.0 event (HTTP APIs, function URLs);
* :mod:`.responses` - how a function's response is read in format 1.0 (REST APIs) and 2.0 (HTTP APIs, function
  URLs).
"""
