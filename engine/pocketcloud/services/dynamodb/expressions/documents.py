"""Document paths inside an item: reading ``a.b[2]``, and writing or removing at a path.

A path's first element names a top-level attribute; each further element is a map key (``.name``) or a list index
(``[n]``). Reading a path that goes through a missing attribute, a missing key, an index past the end of a list,
or a value of the wrong kind finds nothing (``None``), which conditions treat as "the attribute does not exist".
Writing needs every element but the last to exist with the right kind; otherwise DynamoDB refuses the whole update
with "The document path provided in the update expression is invalid for update". Setting a list index past the
end appends to the list ("If the index is greater than the length of the list, the new element is added to the
end"; https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html).
"""

from __future__ import annotations

from typing import Any

Element = str | int
INVALID_PATH = "The document path provided in the update expression is invalid for update"


class DocumentPathError(ValueError):
    pass


def resolve(item: dict[str, Any], elements: tuple[Element, ...]) -> dict[str, Any] | None:
    value: Any = item.get(str(elements[0]))
    for element in elements[1:]:
        if value is None:
            return None
        if isinstance(element, int):
            members = value.get("L")
            if members is None or element >= len(members):
                return None
            value = members[element]
        else:
            mapping = value.get("M")
            if mapping is None:
                return None
            value = mapping.get(element)
    found: dict[str, Any] | None = value
    return found


def _container(item: dict[str, Any], elements: tuple[Element, ...]) -> Any:
    """The map (dict) or list holding the last element of ``elements``; DocumentPathError when there is none."""
    if len(elements) == 1:
        return item
    parent = resolve(item, elements[:-1])
    last = elements[-1]
    if parent is None:
        raise DocumentPathError(INVALID_PATH)
    if isinstance(last, int):
        if "L" not in parent:
            raise DocumentPathError(INVALID_PATH)
        return parent["L"]
    if "M" not in parent:
        raise DocumentPathError(INVALID_PATH)
    return parent["M"]


def assign(item: dict[str, Any], elements: tuple[Element, ...], value: dict[str, Any]) -> None:
    container = _container(item, elements)
    last = elements[-1]
    if isinstance(last, int):
        if last >= len(container):
            container.append(value)
        else:
            container[last] = value
    else:
        container[last] = value


def remove(item: dict[str, Any], elements: tuple[Element, ...]) -> None:
    container = _container(item, elements)
    last = elements[-1]
    if isinstance(last, int):
        if last < len(container):
            del container[last]
    else:
        container.pop(last, None)
