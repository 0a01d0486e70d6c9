"""The Korean pages, labs and runner strings keep to the project's Korean style guide, where a machine can tell.

The guide (``korean-style.md`` in the team's shared notes) fixes one term per concept, aligned with AWS's
Korean documentation (docs.aws.amazon.com/ko_kr/...), and a few writing rules. Most of it needs a human
reader, but these parts do not: a term the guide lists under "not" is a plain string, and so are a few
slips (해요체 endings, "187.5억", a space before a parenthesis). Each rule below says what it forbids, what
to write instead and which look-alikes it deliberately lets through, so that a failure explains itself.

The test reads the source files only (no built site), so it runs in well under a second.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KO_PAGES = sorted((ROOT / "docs" / "ko").rglob("*.md"))
KO_LABS = sorted((ROOT / "labs" / "ko").glob("*.ipynb"))
RUNNER = ROOT / "docs" / "assets" / "runner" / "runner.mjs"
EXERCISE_TEXT = ROOT / "docs" / "assets" / "exercises" / "text.mjs"
EXERCISE_KO = sorted((ROOT / "exercises").rglob("*.ko.md"))
EXERCISE_TOML = sorted((ROOT / "exercises").rglob("*.toml"))
EXERCISE_TESTS = sorted((ROOT / "exercises").rglob("tests_*.py"))


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    why: str


def _rule(name: str, pattern: str, why: str) -> Rule:
    return Rule(name, re.compile(pattern), why)


# Terms the style guide lists under "not", with the term to use instead.
TERM_RULES = [
    _rule("레이어", r"레이어", "layer is 계층 (first use: 계층(layer)), as in AWS's Korean Lambda guide"),
    _rule("생명주기", r"생명\s?주기", "lifecycle is 수명 주기 (AWS: 'Lambda 실행 환경 수명 주기')"),
    _rule(
        "큐",
        r"(?<!대기열\()큐",
        "queue is 대기열; 큐 may appear only as the first-use gloss 대기열(큐)",
    ),
    _rule("데드레터", r"데드\s?레터", "dead-letter queue is DLQ(배달 못한 편지 대기열)"),
    _rule(
        "확장",
        r"(?<!수평 )(?<!수직 )확장(?! 모듈)",
        "Lambda extensions are 익스텐션 and scaling is 조정/규모 조정; 확장 is kept only for scale-out "
        "(수평 확장, 수직 확장) and for Python's C extension modules (확장 모듈). Shell variable expansion is 치환",
    ),
    _rule(
        "비밀",
        r"비밀(?!번호)",
        "secret is 보안 암호 (first use: 보안 암호(secret)), as in AWS's Korean Secrets Manager guide; "
        "비밀번호 (password) is a different word and allowed",
    ),
    _rule("의존", r"의존", "dependency is 종속성 (AWS: '계층으로 Lambda 종속성 관리')"),
    _rule(
        "얼리다/녹이다",
        r"얼리|얼린|얼려|얼어|얼었|녹여|녹이|녹인|녹였",
        "freeze/thaw is 동결(freeze)/해동; 얼마 (how much) does not match",
    ),
    _rule(
        "초기화(reset)",
        r"초기화\s*\(\s*reset",
        "a reset after a timeout or crash is 재설정(reset); 초기화 means the Init phase",
    ),
    _rule("매개변수", r"매개\s?변수", "parameter is 파라미터 everywhere, never mixed with 매개변수"),
    _rule(
        "설정 for configuration",
        r"함수 설정(?!하)|설정\s*\(\s*configuration",
        "a function's configuration is 구성 (함수 구성); 설정하다 as a verb is fine",
    ),
    _rule("쉬는", r"쉬는|쉬고 있|쉬던", "idle is 유휴 (유휴 실행 환경)"),
    _rule("예약 변수", r"예약 변수", "reserved environment variables are 예약된 환경 변수"),
    _rule("상태 시스템", r"상태 시스템", "state machine is 상태 머신, never mixed with 상태 시스템"),
    _rule("워크플로우", r"워크플로우", "workflow is 워크플로"),
    _rule("파이썬", r"파이썬", "Python is written Python"),
    _rule(
        "사전",
        r"사전(?!\s*초기화|에|\s*조건|\s*준비)",
        "dict is 딕셔너리; 사전 stays only in 사전 초기화 (pre-initialization), 사전에, 사전 조건, 사전 준비",
    ),
    _rule("진짜", r"진짜", "real (.zip, exception) is 실제"),
]

# Writing slips a machine can see.
WRITING_RULES = [
    _rule(
        "해요체",
        r"(?<![세필중개주수])요[.!]|죠[.!?]",
        "pages and labs use 합니다체: no declarative 요 ending such as '셀처럼요.' or '있어요.'. Allowed: "
        "'-세요.' (instructions, as AWS's Korean docs write them), questions ending in '요?', and nouns "
        "ending in 요 (필요, 중요, 개요, 주요, 수요)",
    ),
    _rule(
        "decimal 억/만",
        r"\d+\.\d+\s*[억만]",
        "write Korean large numbers in full: 187억 5,000만, not 187.5억",
    ),
]

# A parenthesis attaches to the word before it: 실행하세요(Shift+Enter), 함수 실행(FaaS).
PAREN_RULE = _rule(
    "space before (",
    r"[가-힣] \(",
    "a parenthesis attaches to the word: 실행하세요(Shift+Enter), not 실행하세요 (Shift+Enter)",
)

# Question headings use one style; the site uses noun phrases ("다루는 내용", not "무엇을 다루나요").
# "서버리스란?" is the one question form kept: a title naming a concept.
HEADING_RULE = _rule(
    "question heading",
    r"(?:나요|는가|(?<!란)\?|(?<=[가-힣])(?<!하)나)\s*$",
    "headings are noun phrases ('다루는 내용', '환경 변수의 쓰임새'), not questions ending in 나요/는가/나/?",
)

# Terms learners will search for in AWS's English docs carry the English word in parentheses (the guide's
# "first use" rule). The order of first use needs a reader; a machine can check the gloss is on the page.
GLOSSES = {
    "제한 시간": (r"제한 시간", "timeout"),
    "페이로드": (r"페이로드", "payload"),
    "할당량": (r"할당량", "quota"),
    "배포 패키지": (r"배포 패키지", "deployment package"),
    "트리거": (r"트리거", "trigger"),
    "폴러": (r"폴러", "poller"),
    "게시": (r"게시(?![·/]구독)", "publish"),
}

FENCE = re.compile(r"^(```+|~~~+)([^\n]*)\n.*?^\1\s*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
LINK_TEXT = re.compile(r"\[[^\]\n]*\]")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _prose(text: str, *, keep_mermaid: bool = True) -> str:
    """Text a reader sees as Korean prose: no inline code, no link targets, no code fences but diagrams."""
    text = HTML_COMMENT.sub("", text)

    def fence(match: re.Match[str]) -> str:
        return match.group(0) if keep_mermaid and match.group(2).strip() == "mermaid" else ""

    text = FENCE.sub(fence, text)
    # Code becomes a neutral token, so "`Billed Duration`(과금 시간)" still reads as a word and a parenthesis.
    return LINK_TARGET.sub("]", INLINE_CODE.sub("CODE", text))


def _page_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _lab_cells(path: Path) -> list[tuple[str, str]]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [(cell["cell_type"], "".join(cell["source"])) for cell in notebook["cells"]]


def _korean_runner_strings(path: Path = RUNNER) -> str:
    """A script's Korean UI strings: the ``ko: { ... }`` block of TEXT in runner.mjs (or exercises' text.mjs)."""
    source = path.read_text(encoding="utf-8")
    match = re.search(r"^\s*ko: \{\n(.*?)^\s*\},\n", source, re.MULTILINE | re.DOTALL)
    assert match, f"{path.name} has no `ko: {{...}}` block of UI strings"
    return match.group(1)


def _exercise_sources() -> list[tuple[str, str, str]]:
    """The exercises' Korean text: statements, hints, explanations (Markdown), chapter titles and quizzes
    (the ``ko`` values of the TOML files), and what the tests tell a learner (``ko=`` messages, ``ko:`` titles)."""
    import tomllib

    sources = []
    for path in EXERCISE_KO:
        text = _page_text(path)
        sources.append((str(path.relative_to(ROOT)), text, _prose(text)))

    def ko_values(value: object) -> list[str]:
        if isinstance(value, dict):
            found = [value["ko"]] if isinstance(value.get("ko"), str) else []
            return found + [v for item in value.values() for v in ko_values(item)]
        if isinstance(value, list):
            return [v for item in value for v in ko_values(item)]
        return []

    for path in EXERCISE_TOML:
        text = "\n".join(ko_values(tomllib.loads(path.read_text(encoding="utf-8"))))
        sources.append((str(path.relative_to(ROOT)) + " (ko strings)", text, _prose(text)))
    for path in EXERCISE_TESTS:
        source = path.read_text(encoding="utf-8")
        found = re.findall(r'\bko=f?"([^"]*)"', source) + re.findall(r"^\s*(?:\"\"\")?ko: (.*)$", source, re.MULTILINE)
        text = "\n".join(found)
        sources.append((str(path.relative_to(ROOT)) + " (ko strings)", text, _prose(text)))
    ui = _korean_runner_strings(EXERCISE_TEXT)
    sources.append((str(EXERCISE_TEXT.relative_to(ROOT)) + " (ko strings)", ui, ui))
    return sources


def _sources() -> list[tuple[str, str, str]]:
    """(label, full text, prose) for every Korean page, lab and the runner's Korean strings."""
    sources = []
    for page in KO_PAGES:
        text = _page_text(page)
        sources.append((str(page.relative_to(ROOT)), text, _prose(FRONT_MATTER.sub("", text))))
    for lab in KO_LABS:
        cells = _lab_cells(lab)
        full = "\n\n".join(source for _, source in cells)
        prose = "\n\n".join(_prose(source) for kind, source in cells if kind == "markdown")
        sources.append((str(lab.relative_to(ROOT)), full, prose))
    runner = _korean_runner_strings()
    sources.append((str(RUNNER.relative_to(ROOT)) + " (ko strings)", runner, runner))
    return sources + _exercise_sources()


SOURCES = _sources()
IDS = [label for label, _, _ in SOURCES]


def _hits(rule: Rule, text: str) -> list[str]:
    found = []
    for line_no, line in enumerate(text.splitlines(), 1):
        for match in rule.pattern.finditer(line):
            start = max(0, match.start() - 20)
            found.append(f"line {line_no}: …{line[start : match.end() + 20]}…")
    return found


def test_there_is_korean_to_check() -> None:
    assert KO_PAGES and KO_LABS
    assert len(KO_PAGES) == len(list((ROOT / "docs" / "en").rglob("*.md")))


@pytest.mark.parametrize(("label", "text", "prose"), SOURCES, ids=IDS)
def test_terms_the_style_guide_rules_out_never_appear(label: str, text: str, prose: str) -> None:
    """Every "not" term of the guide's terminology table, in pages, labs (code cells too) and UI strings."""
    problems = [f"{rule.name} ({rule.why}): {hit}" for rule in TERM_RULES for hit in _hits(rule, text)]
    assert not problems, f"{label}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("label", "text", "prose"), SOURCES, ids=IDS)
def test_writing_rules_a_machine_can_check(label: str, text: str, prose: str) -> None:
    """합니다체 endings, numbers written in full, parentheses attached to the word (in prose and diagrams)."""
    problems = [
        f"{rule.name} ({rule.why}): {hit}" for rule in (*WRITING_RULES, PAREN_RULE) for hit in _hits(rule, prose)
    ]
    assert not problems, f"{label}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("label", "text", "prose"), SOURCES, ids=IDS)
def test_headings_are_noun_phrases_not_questions(label: str, text: str, prose: str) -> None:
    headings = [line.lstrip("#").strip() for line in prose.splitlines() if re.match(r"#{1,6} ", line)]
    problems = [heading for heading in headings if HEADING_RULE.pattern.search(heading)]
    assert not problems, f"{label}: {HEADING_RULE.why}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("label", "text", "prose"), SOURCES, ids=IDS)
def test_searchable_terms_carry_their_english_word(label: str, text: str, prose: str) -> None:
    """A page or lab that uses 제한 시간, 페이로드, 할당량, 배포 패키지, 트리거, 폴러 or 게시 glosses it once,
    e.g. 제한 시간(timeout), so a learner can find the term in AWS's English documentation. 게시 in 게시/구독
    (pub/sub) is a different term and does not count, and neither do link texts (they are AWS page titles).
    For exercises the statement carries the gloss: hints, explanations, quizzes and test messages appear on
    the same page after it."""
    if label.startswith("exercises/") and not label.endswith("statement.ko.md"):
        return
    prose = LINK_TEXT.sub("", prose)
    problems = []
    for term, (pattern, english) in GLOSSES.items():
        if re.search(pattern, prose) and not re.search(pattern + r"\(" + re.escape(english), prose, re.IGNORECASE):
            problems.append(f"{term} is used but never written {term}({english}…)")
    assert not problems, f"{label}:\n" + "\n".join(problems)


def test_runner_shows_korean_durations() -> None:
    """Korean status lines read "완료(1.23초)"; English keeps "Done (1.23 s)"."""
    korean = _korean_runner_strings()
    assert "초)" in korean
    assert not re.search(r"\}\s*s\)", korean), "a Korean duration is written with ' s' instead of '초'"


SEED_MENTIONS = re.compile(
    r"grew from|(?:original|source|seed) notes|shared/seeds|\bseeds/|노트(?!북)",
    re.IGNORECASE,
)


# What readers see: pages, labs and the site's own scripts (third-party files under assets/vendor are not ours).
SITE_TEXT = sorted(
    p
    for p in [*(ROOT / "docs").rglob("*"), *(ROOT / "labs").rglob("*")]
    if p.suffix in {".md", ".ipynb", ".mjs", ".js", ".html"} and "vendor" not in p.parts
)


@pytest.mark.parametrize("path", SITE_TEXT, ids=[str(p.relative_to(ROOT)) for p in SITE_TEXT])
def test_no_page_mentions_the_notes_the_site_grew_from(path: Path) -> None:
    """Readers have never seen the project's seed notes, so no page, lab or script of the site refers to them
    ("the notes this site grew from", "원래 노트", "바탕이 된 노트" …). 노트북 (notebook) is allowed."""
    hits = _hits(Rule("seed notes", SEED_MENTIONS, ""), path.read_text(encoding="utf-8"))
    assert not hits, f"{path.relative_to(ROOT)}:\n" + "\n".join(hits)
