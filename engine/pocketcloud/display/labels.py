"""The words and glyphs the diagrams show, in English and Korean.

Korean follows the project's style guide (상태 머신, 실행, "Task 상태" keeps the type's name); each status has a
glyph as well as a colour, so the graph reads without colour too (WCAG 1.4.1, "Use of Color").
"""

from __future__ import annotations

from .execution import CAUGHT, FAILED, IN_PROGRESS, NOT_REACHED, RETRIED, SUCCEEDED

ICONS = {SUCCEEDED: "✓", FAILED: "✗", CAUGHT: "↪", RETRIED: "↻", IN_PROGRESS: "⋯", NOT_REACHED: "–"}
#: CSS class of each status (short, to keep the markup small).
CLASSES = {SUCCEEDED: "ok", FAILED: "bad", CAUGHT: "cgt", RETRIED: "rty", IN_PROGRESS: "run", NOT_REACHED: "nr"}

TEXT: dict[str, dict[str, str]] = {
    "en": {
        SUCCEEDED: "Succeeded",
        FAILED: "Failed",
        CAUGHT: "Caught error",
        RETRIED: "Succeeded after retry",
        IN_PROGRESS: "In progress",
        NOT_REACHED: "Not reached",
        "start": "Start",
        "end": "End",
        "default": "Default",
        "catch": "Catch",
        "input": "Input",
        "output": "Output",
        "error": "Error",
        "visits": "Visits",
        "retries": "Retries",
        "iterations": "Iterations",
        "legend": "Legend",
        "graph": "State machine graph",
        "id": "ID",
        "type": "Type",
        "state": "State",
        "elapsed": "Elapsed (ms)",
        "history": "Execution history",
        "data": "State input and output",
        "status": "Status",
        "branch": "Branch",
    },
    "ko": {
        SUCCEEDED: "성공",
        FAILED: "실패",
        CAUGHT: "오류 처리됨",
        RETRIED: "재시도 후 성공",
        IN_PROGRESS: "진행 중",
        NOT_REACHED: "도달하지 않음",
        "start": "시작",
        "end": "끝",
        "default": "기본",
        "catch": "Catch",
        "input": "입력",
        "output": "출력",
        "error": "오류",
        "visits": "방문 횟수",
        "retries": "재시도 횟수",
        "iterations": "반복",
        "legend": "범례",
        "graph": "상태 머신 그래프",
        "id": "ID",
        "type": "유형",
        "state": "상태",
        "elapsed": "경과 시간(ms)",
        "history": "실행 기록",
        "data": "상태 입력과 출력",
        "status": "상태",
        "branch": "브랜치",
    },
}


def words(lang: str) -> dict[str, str]:
    """The labels for ``lang`` ("en" or "ko"); any other value falls back to English."""
    return TEXT.get(lang, TEXT["en"])
