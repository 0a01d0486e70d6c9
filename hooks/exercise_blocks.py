"""Classroom exercises on the site: the ``exercise``, ``quiz``, ``exercise-chapter``, ``exercise-progress`` and
``exercise-selftest`` fences.

The exercises themselves live in ``exercises/<chapter>/<name>/`` (see ``engine/pocketcloud/grading/catalog.py``
for the folder format); this hook reads and validates them once per build and turns fences into markup that
``docs/assets/exercises/exercises.mjs`` enhances in the browser (it is loaded only by pages with such markup)::

    ```exercise
    lambda-basics/api-response
    ```

    ```exercise-chapter
    lambda-basics
    ```
        -> on the chapter's exercise page: a heading and an ``exercise`` fence per exercise, then the quiz,
           so every exercise gets a table-of-contents entry. Adding an exercise folder adds it here.

    ```quiz
    lambda-basics
    ```
    ```exercise-progress
    ```    the progress page: every chapter, exercise and quiz; export/import of all progress
    ```exercise-selftest
    ```    teacher build only: runs every solution (and every starter) in the browser

Editions (``POCKETCLOUD_EDITION``):

* ``learner`` (default, ``make site``): visible tests, hints and the short explanation ship with the page; the
  hidden tests and the solutions do not (``tests/website/test_exercises_site.py`` scans the built site).
* ``teacher`` (``make teacher-site`` -> ``site-teacher/``): hidden tests and solutions too; Check runs the hidden
  tests, each exercise has a "Solution" panel, and the self-test page runs every solution.
* ``self-study``: like learner, plus the solutions (shown after success or after ``solution_after`` failed
  checks), for a public self-study site where no grade is at stake.

Anything shipped to a browser can be read by its user; the course page says so.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from i18n_build import page_locale
from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

EDITION_ENV = "POCKETCLOUD_EDITION"
EDITIONS = ("learner", "teacher", "self-study")
EXERCISES_DIR = "exercises"
DEFAULT_LOCALE = "ko"
FENCES = ("exercise", "quiz", "exercise-progress", "exercise-selftest")
CHAPTER_FENCE = re.compile(r"^```exercise-chapter\n\s*([a-z0-9-]+)\s*\n```\s*$", re.MULTILINE)
META_EDITION = "pocketcloud:edition"

LABELS: dict[str, dict[str, str]] = {
    "ko": {
        "exercise": "연습 문제",
        "run": "실행",
        "check": "채점",
        "stop": "중지",
        "reset": "처음 코드로",
        "history": "채점 기록",
        "run_title": "코드와 공개 테스트를 실행합니다(Ctrl+Enter)",
        "check_title": "테스트로 채점하고 시도 횟수에 기록합니다(Shift+Enter)",
        "stop_title": "실행을 멈추고 Python을 새로 시작합니다. 코드는 그대로 남습니다",
        "reset_title": "편집한 코드를 시작 코드로 되돌립니다(Ctrl+Shift+Backspace)",
        "easy": "쉬움",
        "medium": "보통",
        "hard": "어려움",
        "quiz": "퀴즈",
        "quiz_check": "답 확인",
        "quiz_region": "퀴즈",
        "numeric_answer": "답(숫자)",
        "loading": "연습 문제를 준비하는 중…",
        "noscript": "연습 문제를 풀려면 JavaScript가 필요합니다.",
    },
    "en": {
        "exercise": "Exercise",
        "run": "Run",
        "check": "Check",
        "stop": "Stop",
        "reset": "Reset",
        "history": "History",
        "run_title": "Run your code and the visible tests (Ctrl+Enter)",
        "check_title": "Check against the tests and count an attempt (Shift+Enter)",
        "stop_title": "Stop the run and restart Python; your code stays",
        "reset_title": "Put the starter code back (Ctrl+Shift+Backspace)",
        "easy": "easy",
        "medium": "medium",
        "hard": "hard",
        "quiz": "Quiz",
        "quiz_check": "Check answers",
        "quiz_region": "Quiz",
        "numeric_answer": "Answer (a number)",
        "loading": "Preparing the exercise…",
        "noscript": "The exercises need JavaScript.",
    },
}
QUIZ_HEADING = {"ko": "퀴즈", "en": "Quiz"}


def edition() -> str:
    value = os.environ.get(EDITION_ENV, "learner").strip() or "learner"
    if value not in EDITIONS:
        raise PluginError(f"{EDITION_ENV}={value!r}: must be one of {', '.join(EDITIONS)}")
    return value


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _engine_on_path(root: Path) -> None:
    engine = str(root / "engine")
    if engine not in sys.path:
        sys.path.insert(0, engine)


@cache
def _catalog(root: str) -> Any:
    _engine_on_path(Path(root))
    from pocketcloud.grading.catalog import CatalogError, load_catalog

    try:
        return load_catalog(Path(root) / EXERCISES_DIR)
    except CatalogError as exc:
        raise PluginError(str(exc)) from None


class _State:
    locale = DEFAULT_LOCALE
    page_url = ""
    root = ""
    markdown: Markdown | None = None
    config: MkDocsConfig | None = None


_state = _State()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences: list[dict[str, Any]] = superfences.setdefault("custom_fences", [])
    for name in FENCES:
        if not any(fence.get("name") == name for fence in fences):
            fences.append({"name": name, "class": "pc-exercise-fence", "format": _format})
    _state.root = str(_project_root(config))
    _state.config = config
    _state.markdown = None
    edition()  # fail early on a bad edition name
    _catalog(_state.root)  # fail early, with every problem listed, on invalid exercises
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _state.locale = page_locale(page, config)
    _state.page_url = page.url
    return CHAPTER_FENCE.sub(lambda m: _chapter_markdown(m.group(1), page), markdown)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if "</head>" in output:
        output = output.replace("</head>", f'<meta name="{META_EDITION}" content="{edition()}">\n</head>', 1)
    return output


def _chapter_markdown(chapter_id: str, page: Page) -> str:
    catalog = _catalog(_state.root)
    try:
        chapter = catalog.chapter(chapter_id)
    except KeyError:
        raise PluginError(f"{page.file.src_uri}: no exercise chapter {chapter_id!r} in exercises/") from None
    lang = page_locale(page, _state.config) if _state.config else DEFAULT_LOCALE
    parts = []
    for number, exercise in enumerate(chapter.exercises, 1):
        parts.append(f"## {number}. {exercise.title[lang]}\n\n```exercise\n{exercise.id}\n```\n")
    if chapter.quiz is not None:
        parts.append(f"## {QUIZ_HEADING[lang]}\n\n```quiz\n{chapter.id}\n```\n")
    return "\n".join(parts)


def _render(text: str) -> str:
    """Markdown of a statement, hint or explanation, with the site's own extensions (code highlighting...)."""
    if _state.markdown is None:
        config = _state.config
        assert config is not None
        _state.markdown = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    _state.markdown.reset()
    return _state.markdown.convert(text)


def _json_script(data: Any, class_name: str) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" class="{class_name}">{text}</script>'


def _site_url(path: str) -> str:
    """A site path (``exercises/lambda-basics/``) in the page's language, relative to the current page."""
    prefix = "" if _state.locale == DEFAULT_LOCALE else f"{_state.locale}/"
    return get_relative_url(prefix + path, _state.page_url)


def _format(source: str, language: str, class_name: str, options: dict[str, Any], md: Markdown, **kwargs: Any) -> str:
    argument = source.strip()
    if language == "exercise":
        return _exercise_html(argument)
    if language == "quiz":
        return _quiz_html(argument)
    if language == "exercise-progress":
        return _progress_html()
    return _selftest_html()


def _exercise_data(exercise: Any, lang: str, current: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": exercise.id,
        "chapter": exercise.chapter,
        "lang": lang,
        "title": exercise.title[lang],
        "starter": exercise.starter,
        "starterHash": exercise.starter_hash,
        "tests": exercise.test_files(hidden=current == "teacher"),
        "hints": [_render(hint) for hint in exercise.hints[lang]],
        "explanation": _render(exercise.explanation[lang]),
        "solutionAfter": exercise.solution_after,
        "timeLimitS": exercise.time_limit_s,
        "filename": f"{exercise.name.replace('-', '_')}.py",
        "kind": exercise.kind,
        "tryout": exercise.tryout,
        "edition": current,
    }
    if current in ("teacher", "self-study"):
        data["solution"] = exercise.solution
    return data


def _dom_id(exercise_id: str) -> str:
    return "ex-" + re.sub(r"[^a-z0-9-]", "-", exercise_id)


def _exercise_html(exercise_id: str) -> str:
    catalog = _catalog(_state.root)
    try:
        exercise = catalog.exercise(exercise_id)
    except KeyError:
        raise PluginError(f"```exercise names {exercise_id!r}, which is not a folder under exercises/") from None
    lang = _state.locale if _state.locale in LABELS else "en"
    t = LABELS[lang]
    e = html.escape
    dom_id = _dom_id(exercise.id)
    data = _exercise_data(exercise, lang, edition())
    buttons = "".join(
        f'<button type="button" class="pc-ex-{name}" title="{e(t[name + "_title"])}" disabled>{e(t[name])}</button>'
        for name in ("run", "check", "stop", "reset")
    )
    return (
        f'<div class="pc-exercise" id="{dom_id}" data-exercise-id="{e(exercise.id)}" data-pc-lang="{lang}"'
        f' data-state="loading" role="region" aria-labelledby="{dom_id}-title">'
        f'<div class="pc-exercise__head"><span class="pc-exercise__kind">{e(t["exercise"])}</span>'
        f'<span class="pc-exercise__title" id="{dom_id}-title">{e(exercise.title[lang])}</span>'
        f'<span class="pc-exercise__difficulty" data-difficulty="{exercise.difficulty}">'
        f"{e(t[exercise.difficulty])}</span>"
        '<span class="pc-exercise__badge" role="status"></span></div>'
        f'<div class="pc-exercise__statement">{_render(exercise.statement[lang])}</div>'
        f'<div class="pc-exercise__notice" role="alert" hidden></div>'
        f'<div class="pc-exercise__editor"><pre class="pc-exercise__fallback"><code>{e(exercise.starter)}</code></pre>'
        "</div>"
        f'<div class="pc-exercise__bar">{buttons}'
        f'<button type="button" class="pc-ex-history" aria-expanded="false" disabled>{e(t["history"])}</button>'
        f'<span class="pc-status" role="status" aria-live="polite">{e(t["loading"])}</span></div>'
        '<div class="pc-exercise__history" hidden></div>'
        '<div class="pc-exercise__results" aria-live="polite"></div>'
        '<div class="pc-output" hidden></div>'
        '<div class="pc-exercise__hints"></div>'
        '<div class="pc-exercise__explanation" hidden></div>'
        f"<noscript><p>{e(t['noscript'])}</p></noscript>"
        f"{_json_script(data, 'pc-exercise__data')}"
        "</div>"
    )


def _quiz_html(chapter_id: str) -> str:
    catalog = _catalog(_state.root)
    try:
        quiz = catalog.chapter(chapter_id).quiz
    except KeyError:
        quiz = None
    if quiz is None:
        raise PluginError(f"```quiz names {chapter_id!r}, which has no exercises/{chapter_id}/quiz.toml")
    lang = _state.locale if _state.locale in LABELS else "en"
    t = LABELS[lang]
    e = html.escape
    dom = "quiz-" + chapter_id
    questions_html = []
    data_questions = []
    for number, question in enumerate(quiz.questions, 1):
        qid = f"{dom}-{question.id}"
        prompt = _render(question.prompt[lang])
        if question.kind == "numeric":
            unit = f'<span class="pc-quiz__unit">{e(question.unit[lang])}</span>' if question.unit else ""
            field = (
                f'<label class="pc-quiz__numeric"><span class="md-visually-hidden">{e(t["numeric_answer"])}</span>'
                f'<input type="text" inputmode="decimal" name="{qid}" autocomplete="off"'
                f' aria-label="{e(t["numeric_answer"])}">{unit}</label>'
            )
        else:
            kind = "radio" if question.kind == "single" else "checkbox"
            field = "".join(
                f'<label class="pc-quiz__choice"><input type="{kind}" name="{qid}" value="{index}">'
                f"<span>{_render(choice[lang]).removeprefix('<p>').removesuffix('</p>')}</span></label>"
                for index, choice in enumerate(question.choices)
            )
        questions_html.append(
            f'<fieldset class="pc-quiz__question" data-question-id="{e(question.id)}" data-kind="{question.kind}">'
            f'<legend><span class="pc-quiz__number">{number}.</span> {prompt}</legend>{field}'
            '<div class="pc-quiz__feedback" aria-live="polite" hidden></div></fieldset>'
        )
        data_questions.append(
            {
                "id": question.id,
                "kind": question.kind,
                "answer": question.answer,
                "tolerance": question.tolerance,
                "explanation": _render(question.explanation[lang]),
            }
        )
    data = {"id": quiz.id, "chapter": chapter_id, "lang": lang, "questions": data_questions}
    return (
        f'<form class="pc-quiz" id="{dom}" data-quiz-id="{e(quiz.id)}" data-pc-lang="{lang}"'
        f' aria-label="{e(t["quiz_region"])}">'
        + "".join(questions_html)
        + f'<div class="pc-quiz__bar"><button type="submit" class="pc-quiz-check" disabled>{e(t["quiz_check"])}'
        '</button><span class="pc-status" role="status" aria-live="polite"></span></div>'
        + _json_script(data, "pc-quiz__data")
        + "</form>"
    )


def _page_path(page: str) -> str:
    """``lambda/index.md`` -> ``lambda/``; ``lambda/lifecycle.md`` -> ``lambda/lifecycle/`` (directory URLs)."""
    stem = page.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def _manifest(lang: str) -> dict[str, Any]:
    catalog = _catalog(_state.root)
    chapters = []
    for chapter in catalog.chapters:
        chapters.append(
            {
                "id": chapter.id,
                "title": chapter.title[lang],
                "url": _site_url(f"exercises/{chapter.id}/"),
                "lesson": _site_url(_page_path(chapter.page)),
                "exercises": [
                    {"id": x.id, "title": x.title[lang], "starterHash": x.starter_hash, "anchor": _dom_id(x.id)}
                    for x in chapter.exercises
                ],
                "quiz": None
                if chapter.quiz is None
                else {"id": chapter.quiz.id, "questions": [q.id for q in chapter.quiz.questions]},
            }
        )
    return {"lang": lang, "chapters": chapters}


def _progress_html() -> str:
    lang = _state.locale if _state.locale in LABELS else "en"
    return (
        f'<div class="pc-progress" data-pc-lang="{lang}" aria-live="polite">'
        f'<p class="pc-status">{html.escape(LABELS[lang]["loading"])}</p>'
        f"{_json_script(_manifest(lang), 'pc-progress__data')}</div>"
    )


def _selftest_html() -> str:
    lang = _state.locale if _state.locale in LABELS else "en"
    current = edition()
    if current != "teacher":
        note = {
            "ko": "이 페이지는 교사용 빌드(make teacher-site)에서만 동작합니다. "
            "학습자용 빌드에는 정답과 숨은 테스트가 없습니다.",
            "en": "This page works only in the teacher build (make teacher-site): the learner build has no solutions "
            "and no hidden tests.",
        }[lang]
        return (
            f'<div class="pc-selftest" data-pc-lang="{lang}" data-edition="{current}"><p>{html.escape(note)}</p></div>'
        )
    catalog = _catalog(_state.root)
    data = [
        {
            "id": x.id,
            "title": x.title[lang],
            "starter": x.starter,
            "solution": x.solution,
            "tests": x.test_files(hidden=True),
            "filename": f"{x.name.replace('-', '_')}.py",
            "kind": x.kind,
        }
        for x in catalog.exercises
    ]
    return (
        f'<div class="pc-selftest" data-pc-lang="{lang}" data-edition="teacher">'
        f"{_json_script({'lang': lang, 'exercises': data}, 'pc-selftest__data')}</div>"
    )
