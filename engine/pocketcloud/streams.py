"""A readable response body, like botocore's StreamingBody, for ``invoke(...)["Payload"]``."""

from __future__ import annotations

import io


class StreamingBody(io.BytesIO):
    """The invoke response payload: read it once with ``.read()`` (as with boto3), or iterate its lines.

    It is a ``BytesIO`` so that ``json.load(resp["Payload"])`` works too, exactly as it does on the real body.
    """

    def __repr__(self) -> str:
        return f"<StreamingBody {len(self.getbuffer())} bytes>"

    def iter_lines(self, keepends: bool = False) -> list[bytes]:
        return self.read().splitlines(keepends)
