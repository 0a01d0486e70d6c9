/*
 * Exercise blocks (```exercise fences, hooks/exercise_blocks.py): an editor with the starter code, Run (the
 * learner's code + the visible tests), Check (the tests this build has: visible, plus hidden in the teacher
 * build; counted as an attempt), Stop, Reset, a history of checks, hints that unlock after failed checks, and
 * the explanation (and, in builds that ship it, the solution) after success or after `solutionAfter` failures.
 *
 * Loaded only on pages with an exercise, quiz, progress or self-test block (runner.mjs imports it). Python runs
 * in the page's one worker (runner.mjs's `runtime`), through pocketcloud.grading.harness: the same harness the
 * teacher's grader runs in CPython.
 *
 * DOM contract (browser tests rely on it):
 *   .pc-exercise[data-exercise-id][data-state=loading|idle|running|passed|failed|error]
 *     data-ready once usable; data-ready-ms (navigation start -> usable); data-check-ms after each Run/Check
 *     data-solved / data-attempts / data-stale (a newer starter exists and the learner's code was kept)
 *   .pc-ex-run .pc-ex-check .pc-ex-stop .pc-ex-reset .pc-ex-history   buttons
 *   .pc-exercise__results  li[data-status][data-suite] per test     .pc-exercise__hints  .pc-hint[data-unlocked]
 *   .pc-exercise__explanation  .pc-exercise__notice  .pc-storage-warning
 */

import { runtime } from "../runner/runner.mjs";
import { onStorageProblem, HISTORY_LIMIT, store, storageState } from "./store.mjs";
import { TEXT, langOf, seconds } from "./text.mjs";

// The editor bundle is fetched only when an exercise mounts one (not by the progress or quiz-only pages); a build
// without the bundle falls back to a textarea.
let editorModule = null;
const loadEditor = () => (editorModule ??= import("./vendor/codemirror.mjs").catch(() => null));

// This module's own style sheet, so pages without exercises load none of it.
if (!document.querySelector("link[data-pc-exercises]")) {
  const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href: new URL("./exercises.css", import.meta.url).href });
  link.dataset.pcExercises = "";
  document.head.append(link);
}

const now = () => new Date().toISOString();

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

/* A minimal line diff (longest common subsequence), for "show what changed" between two starters. */
export function lineDiff(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  const dp = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push([" ", a[i++]]);
      j++;
    } else if (j < b.length && (i === a.length || dp[i][j + 1] >= dp[i + 1][j])) out.push(["+", b[j++]]);
    else out.push(["-", a[i++]]);
  }
  return out;
}

/* Storage problems are shown on every block of the page, once. */
function showStorageWarning(host, text) {
  if (host.querySelector(".pc-storage-warning")) return;
  const warning = element("p", { class: "pc-storage-warning", role: "alert", text: text.storageWarning });
  host.prepend(warning);
}

async function mountEditor(container, code, label, callbacks) {
  const module = await loadEditor();
  container.replaceChildren();
  if (module?.createEditor) {
    return module.createEditor(container, { doc: code, label, ...callbacks });
  }
  // Fallback: a plain textarea (native IME, undo); Tab indents unless Escape was pressed just before.
  const area = element("textarea", { class: "pc-exercise__textarea", "aria-label": label, spellcheck: "false" });
  area.value = code;
  let leave = false;
  area.addEventListener("input", () => callbacks.onChange?.(area.value));
  area.addEventListener("focus", () => callbacks.onFocus?.());
  area.addEventListener("keydown", (event) => {
    if (event.isComposing) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      callbacks.shortcuts.run();
    } else if (event.key === "Enter" && event.shiftKey) {
      event.preventDefault();
      callbacks.shortcuts.check();
    } else if (event.key === "Escape") leave = true;
    else if (event.key === "Tab" && !leave) {
      event.preventDefault();
      document.execCommand("insertText", false, "    ");
    } else leave = false;
  });
  container.append(area);
  return {
    get value() {
      return area.value;
    },
    set value(text) {
      area.value = text;
      callbacks.onChange?.(text);
    },
    focus: () => area.focus(),
  };
}

/* Python for the page's exercises starts loading as soon as an exercise is on screen (or its editor gets focus,
 * or a button is pointed at), while the learner reads the statement: the first Check then finds it warm.
 * Only exercise pages do this; a page with just python-run examples still loads nothing before Run. */
let prewarming = false;
function prewarm() {
  if (runtime.warm || prewarming) return;
  prewarming = true;
  runtime.submit({
    type: "boot",
    code: "",
    filename: "boot.py",
    onQueued() {},
    onStart() {},
    onPhase() {},
    onOutput() {},
    onTruncated() {},
    finish: (result) => {
      prewarming = false;
      if (!result.fatal && !result.stopped) {
        document.documentElement.dataset.pcPythonWarm = "";
        document.documentElement.dataset.pcPythonReadyMs = String(Math.round(performance.now()));
      }
    },
  });
}

class ExerciseBlock {
  constructor(block) {
    this.block = block;
    this.data = JSON.parse(block.querySelector(".pc-exercise__data").textContent);
    this.lang = langOf(block);
    this.text = TEXT[this.lang];
    this.key = `ex:${this.data.id}`;
    this.job = null;
    this.q = (selector) => block.querySelector(selector);
    this.buttons = {
      run: this.q(".pc-ex-run"),
      check: this.q(".pc-ex-check"),
      stop: this.q(".pc-ex-stop"),
      reset: this.q(".pc-ex-reset"),
      history: this.q(".pc-ex-history"),
    };
    this.status = this.q(".pc-status");
    this.output = this.q(".pc-output");
    this.saveTimer = null;
  }

  async init() {
    const { data, text } = this;
    let record = await store.get(this.key);
    const fresh = () => ({
      code: data.starter,
      starter_hash: data.starterHash,
      base_starter: data.starter,
      attempts: 0,
      failures: 0,
      solved: false,
      solved_at: null,
      updated_at: null,
      history: [],
    });
    record = record ? { ...fresh(), ...record } : fresh();
    if (record.starter_hash !== data.starterHash) {
      if (record.code === record.base_starter) {
        // Never edited: take the new starter silently; nothing of the learner's is replaced.
        Object.assign(record, { code: data.starter, starter_hash: data.starterHash, base_starter: data.starter });
      } else {
        this.stale = { before: record.base_starter ?? "" };
      }
    }
    this.record = record;
    this.editor = await mountEditor(this.q(".pc-exercise__editor"), record.code, text.editorLabel(data.title), {
      onChange: () => this.scheduleSave(),
      onFocus: () => this.prewarm(),
      shortcuts: { run: () => this.start("run"), check: () => this.start("check"), reset: () => this.reset() },
    });
    for (const name of ["run", "check", "reset"]) {
      this.buttons[name].addEventListener("click", () => (name === "reset" ? this.reset() : this.start(name)));
      this.buttons[name].addEventListener("pointerenter", () => this.prewarm(), { once: true });
    }
    this.buttons.stop.addEventListener("click", () => this.job && runtime.stop(this.job));
    this.buttons.history.addEventListener("click", () => this.toggleHistory());
    const scope = element("p", {
      class: "pc-exercise__scope",
      text: `${data.edition === "teacher" ? text.withHidden : text.visibleOnly} ${text.runNote}`,
    });
    this.q(".pc-exercise__bar").after(scope);
    if (this.stale) this.showStale();
    window.addEventListener("pagehide", () => this.saveNow());
    onStorageProblem(() => showStorageWarning(this.block, text));
    this.renderHints();
    this.renderExplanation();
    this.renderBadge();
    this.setState("idle", text.ready);
    // A small handle for tests and for a teacher's console: read or replace the code as if typed.
    const editor = this.editor;
    {
      this.block.pcExercise = {
        get code() {
          return editor.value;
        },
        set code(text) {
          editor.value = text;
        },
      };
    }
    this.block.dataset.readyMs = String(Math.round(performance.now()));
    this.block.dataset.ready = "";
  }

  setState(state, message) {
    const busy = state === "running" || state === "loading";
    this.block.dataset.state = state;
    this.status.textContent = message;
    this.buttons.run.disabled = busy;
    this.buttons.check.disabled = busy;
    this.buttons.reset.disabled = busy;
    this.buttons.history.disabled = false;
    this.buttons.stop.disabled = !busy;
    this.block.setAttribute("aria-busy", String(busy));
  }

  prewarm() {
    prewarm();
  }

  scheduleSave() {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), 400);
  }

  async saveNow() {
    clearTimeout(this.saveTimer);
    const code = this.editor.value;
    if (code === this.record.code && this.record.updated_at) return;
    this.record.code = code;
    this.record.updated_at = now();
    await store.put(this.key, this.record);
  }

  pushHistory(entry) {
    this.record.history.push(entry);
    if (this.record.history.length > HISTORY_LIMIT) this.record.history.splice(0, this.record.history.length - HISTORY_LIMIT);
  }

  async reset() {
    if (this.job) return;
    const code = this.editor.value;
    if (code !== this.data.starter) this.pushHistory({ at: now(), kind: "saved", ok: false, passed: 0, total: 0, code });
    this.editor.value = this.data.starter;
    Object.assign(this.record, { base_starter: this.data.starter, starter_hash: this.data.starterHash });
    await this.saveNow();
    this.output.hidden = true;
    this.status.textContent = this.text.resetDone;
    this.renderHistory();
  }

  showStale() {
    const { text } = this;
    const notice = this.q(".pc-exercise__notice");
    this.block.dataset.stale = "";
    const diff = element("pre", { class: "pc-exercise__diff", hidden: "" });
    for (const [mark, line] of lineDiff(this.stale.before, this.data.starter)) {
      diff.append(element("span", { class: `pc-diff pc-diff--${mark === "+" ? "add" : mark === "-" ? "del" : "same"}`, text: `${mark} ${line}\n` }));
    }
    const done = async (useNew) => {
      if (useNew) {
        this.pushHistory({ at: now(), kind: "saved", ok: false, passed: 0, total: 0, code: this.editor.value });
        this.editor.value = this.data.starter;
      }
      Object.assign(this.record, { starter_hash: this.data.starterHash, base_starter: this.data.starter });
      this.record.updated_at = null;
      await this.saveNow();
      notice.hidden = true;
      delete this.block.dataset.stale;
      if (useNew) this.status.textContent = text.staleSaved;
      this.renderHistory();
    };
    notice.replaceChildren(
      element("p", { text: text.staleNotice }),
      element("button", { type: "button", class: "pc-ex-stale-show", text: text.staleShow, onclick: () => diff.toggleAttribute("hidden") }),
      element("button", { type: "button", class: "pc-ex-stale-use", text: text.staleUse, onclick: () => done(true) }),
      element("button", { type: "button", class: "pc-ex-stale-keep", text: text.staleKeep, onclick: () => done(false) }),
      diff,
    );
    notice.hidden = false;
  }

  start(kind) {
    if (this.job) return;
    const { data, text } = this;
    const t0 = performance.now();
    const code = this.editor.value;
    this.saveNow();
    const tests = kind === "run" ? data.tests.filter((t) => t.suite === "visible") : data.tests;
    this.output.replaceChildren();
    this.output.hidden = true;
    const stream = element("pre", { class: "pc-stream" });
    let timer = null;
    let timedOut = false;
    const job = {
      type: "check",
      code,
      tests,
      options: { kind: data.kind, tryout: kind === "run" ? data.tryout : null },
      filename: data.filename,
      onQueued: () => this.setState("loading", prewarming ? text.loadingPython : text.queued),
      onStart: (warm) => this.setState(warm ? "running" : "loading", warm ? (kind === "run" ? text.running : text.checking) : text.loadingPython),
      onPhase: (phase) => {
        if (phase !== "running") return this.setState("loading", text.loadingPython);
        this.setState("running", kind === "run" ? text.running : text.checking);
        timer = setTimeout(() => {
          timedOut = true;
          runtime.stop(job);
        }, data.timeLimitS * 1000);
      },
      onOutput: (chunks) => {
        if (!stream.isConnected) this.output.append(stream);
        this.output.hidden = false;
        for (const [, chunk] of chunks) stream.append(chunk);
        if (stream.textContent.length > 200_000) stream.textContent = stream.textContent.slice(-100_000);
      },
      onTruncated: () => {},
      finish: (result) => {
        clearTimeout(timer);
        this.job = null;
        const elapsed = performance.now() - t0;
        this.block.dataset.checkMs = String(Math.round(elapsed));
        if (result.stopped) {
          this.setState("idle", timedOut ? text.timedOut(data.timeLimitS) : text.stopped(seconds(elapsed)));
          if (kind === "check" && timedOut) this.recordCheck(code, { ok: false, passed: 0, total: tests.length });
          return;
        }
        if (result.fatal || !result.report) {
          this.setState("error", text.loadFailed);
          if (result.error) this.output.append(element("pre", { class: "pc-stderr", text: String(result.error) }));
          this.output.hidden = false;
          return;
        }
        this.showReport(result.report, kind, elapsed);
      },
    };
    this.job = job;
    runtime.submit(job);
  }

  showReport(report, kind, elapsed) {
    const { text } = this;
    const results = this.q(".pc-exercise__results");
    results.replaceChildren();
    if (report.tampered?.length) {
      runtime.restart();
      results.append(element("p", { class: "pc-result-problem", text: text.tampered(report.tampered.slice(0, 6).join(", ")) }));
    } else if (report.learner_error) {
      const why = report.learner_error.kind === "exit" ? text.learnerExited : text.learnerRaised(report.learner_error.type);
      results.append(element("p", { class: "pc-result-problem", text: why }), element("pre", { class: "pc-traceback", text: report.learner_error.traceback }));
    } else if (report.load_errors?.length) {
      results.append(element("p", { class: "pc-result-problem", text: text.loadError }));
    }
    const list = element("ul", { class: "pc-test-list" });
    for (const test of report.tests) {
      const item = element("li", { "data-status": test.status, "data-suite": test.suite });
      const mark = { pass: "✓", fail: "✗", error: "!", skipped: "–" }[test.status] ?? "?";
      item.append(
        element("span", { class: "pc-test-mark", "aria-hidden": "true", text: mark }),
        element("span", { class: "pc-test-status", text: `${text[test.status] ?? test.status} · ${test.suite === "hidden" ? text.suiteHidden : text.suiteVisible}` }),
        element("span", { class: "pc-test-title", text: test.title[this.lang] ?? test.name }),
      );
      if (test.message && test.status !== "pass") {
        const detail = element("div", { class: "pc-test-detail" });
        detail.append(element("p", { text: test.status === "error" ? `${text.duringTest}: ${test.message[this.lang]}` : test.message[this.lang] }));
        if (test.expected !== null && test.expected !== undefined) {
          const table = element("dl", { class: "pc-expected-got" });
          table.append(element("dt", { text: text.expected }), element("dd", {}, element("code", { text: test.expected })));
          table.append(element("dt", { text: text.got }), element("dd", {}, element("code", { text: test.got ?? "" })));
          detail.append(table);
        }
        if (test.traceback) detail.append(element("pre", { class: "pc-traceback", text: test.traceback }));
        item.append(detail);
      }
      list.append(item);
    }
    results.append(list);
    const ok = Boolean(report.ok);
    const message = ok ? text.passed(report.passed, report.total, seconds(elapsed)) : text.failed(report.passed, report.total, seconds(elapsed));
    if (kind === "run") {
      this.setState(report.learner_error ? "error" : "idle", ok ? text.ranOk(seconds(elapsed)) : message);
      return;
    }
    this.setState(ok ? "passed" : "failed", message);
    this.recordCheck(this.editor.value, report);
  }

  async recordCheck(code, report) {
    const r = this.record;
    r.attempts += 1;
    if (report.ok) {
      if (!r.solved) r.solved_at = now();
      r.solved = true;
    } else r.failures += 1;
    this.pushHistory({ at: now(), ok: Boolean(report.ok), passed: report.passed ?? 0, total: report.total ?? 0, code });
    r.code = code;
    r.updated_at = now();
    // The page shows the new hints and badge in the same task as the verdict; the record is written after.
    this.renderHints();
    this.renderExplanation();
    this.renderBadge();
    this.renderHistory();
    await store.put(this.key, r);
  }

  renderBadge() {
    const { text, record } = this;
    const badge = this.q(".pc-exercise__badge");
    badge.textContent = record.solved ? text.badge.solved : record.attempts ? text.badge.tried(record.attempts) : text.badge.new;
    badge.dataset.status = record.solved ? "done" : record.attempts ? "tried" : "new";
    this.block.dataset.attempts = String(record.attempts);
    this.block.toggleAttribute("data-solved", record.solved);
  }

  renderHints() {
    const { data, text, record } = this;
    const host = this.q(".pc-exercise__hints");
    host.replaceChildren();
    data.hints.forEach((hint, index) => {
      const unlocked = record.solved || record.failures >= index + 1 || data.edition === "teacher";
      const item = element("details", { class: "pc-hint", "data-unlocked": String(unlocked) });
      if (unlocked) {
        item.append(element("summary", { text: text.hintTitle(index + 1) }));
        const body = element("div", { class: "pc-hint__body" });
        body.innerHTML = hint; // rendered from the exercise's own Markdown at build time
        item.append(body);
      } else {
        item.append(element("summary", { text: text.hintLocked(index + 1, index + 1 - record.failures) }));
        item.setAttribute("aria-disabled", "true");
        item.addEventListener("toggle", () => item.removeAttribute("open"));
      }
      host.append(item);
    });
  }

  renderExplanation() {
    const { data, text, record } = this;
    const host = this.q(".pc-exercise__explanation");
    const due = record.solved || (data.solutionAfter > 0 && record.failures >= data.solutionAfter);
    const teacher = data.edition === "teacher";
    host.replaceChildren();
    if (!due && !teacher) {
      host.hidden = true;
      return;
    }
    const why = element("details", { class: "pc-explanation", open: "" });
    why.append(element("summary", { text: text.explanationTitle }));
    const body = element("div");
    body.innerHTML = data.explanation;
    why.append(body);
    host.append(why);
    if (data.solution !== undefined && (due || teacher)) {
      const solution = element("details", { class: "pc-solution" });
      solution.append(element("summary", { text: teacher ? text.teacherSolution : text.solutionTitle }));
      solution.append(element("pre", {}, element("code", { text: data.solution })));
      solution.append(element("button", { type: "button", class: "pc-ex-use-solution", text: text.useSolution, onclick: () => (this.editor.value = data.solution) }));
      host.append(solution);
    }
    host.hidden = false;
  }

  toggleHistory() {
    const panel = this.q(".pc-exercise__history");
    const open = panel.hidden;
    panel.hidden = !open;
    this.buttons.history.setAttribute("aria-expanded", String(open));
    if (open) this.renderHistory();
  }

  renderHistory() {
    const panel = this.q(".pc-exercise__history");
    if (panel.hidden) return;
    const { text, record } = this;
    panel.replaceChildren();
    if (!record.history.length) {
      panel.append(element("p", { text: text.historyEmpty }));
      return;
    }
    const format = new Intl.DateTimeFormat(this.lang === "ko" ? "ko-KR" : "en", { dateStyle: "short", timeStyle: "medium" });
    const list = element("ol", { class: "pc-history-list", reversed: "" });
    for (const entry of [...record.history].reverse()) {
      const when = format.format(new Date(entry.at));
      const label = entry.kind === "saved" ? `${when} · ${text.historySaved}` : text.historyItem(when, entry.passed, entry.total);
      list.append(
        element(
          "li",
          { "data-ok": String(Boolean(entry.ok)) },
          element("span", { text: label }),
          element("button", {
            type: "button",
            class: "pc-ex-restore",
            text: text.historyRestore,
            onclick: () => {
              if (this.editor.value !== entry.code) this.pushHistory({ at: now(), kind: "saved", ok: false, passed: 0, total: 0, code: this.editor.value });
              this.editor.value = entry.code;
              this.saveNow().then(() => this.renderHistory());
            },
          }),
        ),
      );
    }
    panel.append(list);
  }
}

async function main() {
  await store.open();
  const blocks = [...document.querySelectorAll(".pc-exercise")];
  await Promise.all(
    blocks.map(async (block) => {
      try {
        await new ExerciseBlock(block).init();
      } catch (error) {
        block.dataset.state = "error";
        const status = block.querySelector(".pc-status");
        if (status) status.textContent = String(error?.message ?? error);
      }
    }),
  );
  if (blocks.length && "IntersectionObserver" in window) {
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      (window.requestIdleCallback ?? setTimeout)(prewarm);
    });
    for (const block of blocks) observer.observe(block);
  }
  if (document.querySelector(".pc-quiz")) (await import("./quiz.mjs")).enhanceQuizzes();
  if (document.querySelector(".pc-progress")) (await import("./progress.mjs")).enhanceProgress();
  if (document.querySelector('.pc-selftest[data-edition="teacher"]')) (await import("./selftest.mjs")).enhanceSelftest();
  if (storageState.fallback) document.documentElement.dataset.pcStorage = "localstorage";
}

main();
