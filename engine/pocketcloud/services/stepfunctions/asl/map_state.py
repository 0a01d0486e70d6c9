"""The Map state (inline mode): runs its ItemProcessor once per item of an array and outputs the results in order.

From https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html and the ASL spec:
ItemsPath (JSONPath, default ``$``) or Items (JSONata) selects the array; ItemSelector (formerly Parameters) builds
each iteration's input, with ``$$.Map.Item.Index`` and ``$$.Map.Item.Value`` in the context object;
MaxConcurrency (0 = no limit; or MaxConcurrencyPath) caps the iterations in flight; "If any iteration fails,
the entire Map state fails" and the iterations in flight are aborted. Events: MapStateEntered, MapStateStarted
(``length``), for each iteration MapIterationStarted / its states / MapIterationSucceeded (``name``, ``index``),
then MapStateSucceeded and MapStateExited; on failure MapIterationFailed and MapStateFailed.

Iterations start in index order; with no waits inside, each runs to the end before the next starts, which is the
order AWS records for such workflows. Distributed mode is in :mod:`.distributed_map`.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from .. import intrinsics, jsonata_mode, payload
from ..errors import ExecutionAborted, StatesError
from ..fibers import Step, all_of, spawn
from ..intrinsics import to_json
from .base import State, Thread


class MapState(State):
    type_name = "Map"
    can_fail = True

    def __init__(self, name: str, spec: dict[str, Any], query_language: str, compiler: Any) -> None:
        super().__init__(name, spec, query_language, compiler)
        processor = spec.get("ItemProcessor") or spec.get("Iterator") or {}
        config = processor.get("ProcessorConfig", {})
        self.distributed = config.get("Mode") == "DISTRIBUTED"
        self.execution_type = config.get("ExecutionType", "STANDARD")
        self.processor = compiler(processor, "JSONata" if self.jsonata else query_language)
        self.items_path = payload.Selector(spec.get("ItemsPath", "$")) if not self.jsonata else None
        self.items = spec.get("Items")
        self.items_template = jsonata_mode.compile_template(self.items) if self.items is not None else None
        selector = spec.get("ItemSelector", spec.get("Parameters"))
        self.has_selector = selector is not None
        if self.jsonata:
            self.item_selector: Any = jsonata_mode.compile_template(selector) if selector is not None else None
        else:
            self.item_selector = payload.compile_template(selector) if selector is not None else None
        self.max_concurrency = spec.get("MaxConcurrency", 0)
        self.max_concurrency_path = spec.get("MaxConcurrencyPath")
        self.label = spec.get("Label")
        self.item_reader = spec.get("ItemReader")
        self.item_batcher = spec.get("ItemBatcher")
        self.result_writer = spec.get("ResultWriter")
        self.tolerated_percentage = spec.get("ToleratedFailurePercentage")
        self.tolerated_percentage_path = spec.get("ToleratedFailurePercentagePath")
        self.tolerated_count = spec.get("ToleratedFailureCount")
        self.tolerated_count_path = spec.get("ToleratedFailureCountPath")

    # -- inputs ------------------------------------------------------------------------------------------------
    def read_items(self, thread: Thread, raw: Any, effective: Any, entered: int) -> list[Any]:
        if self.jsonata:
            if self.items_template is None:
                value = raw
            else:
                value = self.jsonata_value(thread, self.items_template, {"input": raw}, "Items", entered)
            if not isinstance(value, list):
                raise self.query_fail(entered)(
                    f"The JSONata expression specified for the field 'Items' returned an unexpected result type. "
                    f"Expected 'Array', but was: {to_json(value)}"
                )
            return value
        assert self.items_path is not None
        value = self.items_path.apply(effective, thread.sources(effective), self.runtime_fail(entered))
        if not isinstance(value, list):
            raise self.runtime_fail(entered)(
                f"Invalid path '{self.items_path.ref.text if self.items_path.ref else '$'}' : The ItemsPath field "
                f"must point to a JSON array, but it points to: {to_json(value)}"
            )
        return value

    def concurrency(self, thread: Thread, raw: Any, effective: Any, entered: int) -> int:
        value: Any = self.max_concurrency
        if self.jsonata and jsonata_mode.is_expression(value):
            value = self.jsonata_value(
                thread, jsonata_mode.compile_template(value), {"input": raw}, "MaxConcurrency", entered
            )
        elif self.max_concurrency_path is not None:
            value = payload.Selector(self.max_concurrency_path).apply(
                effective, thread.sources(effective), self.runtime_fail(entered)
            )
        if not intrinsics._is_int(value) or value < 0:
            raise self.runtime_fail(entered)(
                f'The MaxConcurrencyPath field refers to value "{to_json(value)}" which is not a valid integer.'
            )
        return int(value)

    def iteration_input(
        self, thread: Thread, context: dict[str, Any], raw: Any, effective: Any, item: Any, entered: int
    ) -> Any:
        if not self.has_selector:
            return item
        if self.jsonata:
            states = {"input": raw, "context": context}
            return jsonata_mode.render(
                self.item_selector, thread.bindings(states), "ItemSelector", self.query_fail(entered)
            )
        sources = payload.Sources(effective, context, thread.variables, thread.execution.rng, thread.execution.new_uuid)
        return payload.render(self.item_selector, sources, self.runtime_fail(entered))

    # -- the iterations ------------------------------------------------------------------------------------------
    def _iterate(self, thread: Thread, raw: Any, effective: Any, items: list[Any], limit: int, entered: int) -> Step:
        thread.emit("MapStateStarted", {"length": len(items)})
        results: list[Any] = [None] * len(items)
        queue = deque(range(len(items)))
        started = thread.prev
        last = [started]
        workers = []
        failure: list[BaseException] = []

        def worker() -> Step:
            while queue and not failure:
                index = queue.popleft()
                context = dict(thread.context)
                context["Map"] = {"Item": {"Index": index, "Value": items[index]}}
                child = thread.child(context)
                child.prev = started
                detail = {"name": self.name, "index": index}
                child.emit("MapIterationStarted", detail)
                try:
                    value = self.iteration_input(thread, context, raw, effective, items[index], entered)
                    results[index] = yield from self.processor.run(child, value)
                except ExecutionAborted:
                    child.emit("MapIterationAborted", detail, update=False)
                    raise
                except StatesError as err:
                    child.emit("MapIterationFailed", detail, update=False)
                    failure.append(err)
                    raise
                child.emit("MapIterationSucceeded", detail, update=False)
                last[0] = max(last[0], child.prev)
            return None

        count = len(items) if limit == 0 else min(limit, len(items))
        for _ in range(count):
            workers.append(spawn(worker()))
        try:
            yield all_of([w.result for w in workers])
        except StatesError:
            for w in workers:
                w.interrupt(ExecutionAborted())
            raise
        except ExecutionAborted:
            for w in workers:
                w.interrupt(ExecutionAborted())
            thread.emit("MapStateAborted")
            raise
        thread.prev = last[0]
        thread.emit("MapStateSucceeded")
        return results

    def run(self, thread: Thread, raw: Any) -> Step:
        entered = self.enter(thread, raw)
        effective = self.effective_input(thread, raw, entered)
        # With an ItemReader the items come from the dataset it names, not from the state input ("if your
        # dataset is a JSON array passed from a previous step in the workflow, the ItemReader field is omitted",
        # https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html); the reader runs
        # inside each attempt, so a Retrier on States.ItemReaderFailed reads again.
        items = [] if self.item_reader else self.read_items(thread, raw, effective, entered)
        limit = self.concurrency(thread, raw, effective, entered)

        if self.distributed:
            from .distributed_map import run_distributed

            def attempt() -> Step:
                return (yield from run_distributed(self, thread, raw, effective, items, limit, entered))
        else:

            def attempt() -> Step:
                from .distributed_map import read_items

                values = read_items(self, thread, effective, items)
                return (yield from self._iterate(thread, raw, effective, values, limit, entered))

        ok, value, next_state = yield from self.with_retry(
            thread, attempt, raw, entered, lambda: thread.emit("MapStateFailed")
        )
        if not ok:
            return value, next_state
        return self.finish_result(thread, raw, value, entered)
