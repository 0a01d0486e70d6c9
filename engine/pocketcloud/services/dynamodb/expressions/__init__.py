"""DynamoDB's expression language, one idea per module.

* :mod:`.lexer` - tokens, and the "Syntax error; token: ..., near: ..." message;
* :mod:`.parser` - the grammar (conditions, updates, projections), cached per text;
* :mod:`.binding` - placeholders resolved against one request, and every semantic rule with its message;
* :mod:`.evaluate` - conditions against an item; :mod:`.update` - update actions; :mod:`.projection` - projections;
* :mod:`.keycondition` - a KeyConditionExpression turned into the key range a Query reads;
* :mod:`.request` - the request-level rules (placeholder maps, empty and unused placeholders, legacy parameters).
"""
