/*
 * Runnable Python examples (the ```python-run fence, see hooks/python_run_fence.py).
 *
 * Loading this module is cheap: it only makes the examples editable and wires their buttons.
 * Nothing heavy (no worker, no Pyodide) is fetched until the reader clicks Run. Then one module
 * worker per page (worker.mjs) loads Pyodide from the site's own JupyterLite build
 * (<site root>/lite/static/pyodide/) and stays warm for every later run of every example.
 *
 * DOM contract (browser tests rely on it):
 *   .pc-run                     wrapper; data-state = idle | loading | running | done | error,
 *                               data-ready once enhanced, data-elapsed-ms (click -> finished) and
 *                               data-first-output-ms (click -> first output shown) after a run,
 *                               data-boot = snapshot | normal (how the page's Python started)
 *                               data-boot-timings (the run that started Python): JSON {marks, resources},
 *                               ms since the click of each start-up step (worker.mjs, `timings`)
 *   .pc-run-btn .pc-stop-btn    buttons;  .pc-lab-link  <a> whose href follows the edited code
 *   .pc-editor                  the textarea laid over the highlighted code
 *   .pc-output                  output: .pc-stdout / .pc-stderr spans, .pc-rich results
 *   .pc-status                  status line
 */

// The site root is two folders above this file (<root>/assets/runner/runner.mjs), whether the page
// is Korean (/), English (/en/) or the whole site is hosted under a sub-path.
const SITE_ROOT = new URL("../../", import.meta.url);
const PYODIDE_URL = new URL("lite/static/pyodide/", SITE_ROOT).href;
// This build's Pyodide lock, named after its content (tools/lite_lock.py), announced by the page itself
// (hooks/bundled_assets.py): a page from an older deploy names the older lock and its wheels, never a mixture.
const LOCK_META = document.querySelector('meta[name="pocketcloud:pyodide-lock"]');
const LOCK_URL = LOCK_META ? new URL(LOCK_META.content, SITE_ROOT).href : null;
// The same build's memory snapshot of Python with the engine imported (tools/lite_snapshot.py): the worker
// restores it instead of booting, and boots as before when it is missing or belongs to another build.
const SNAPSHOT_META = document.querySelector('meta[name="pocketcloud:pyodide-snapshot"]');
const SNAPSHOT_URL = SNAPSHOT_META ? new URL(SNAPSHOT_META.content, SITE_ROOT).href : null;
const LAB_URL = new URL("lite/repl/index.html", SITE_ROOT).href;
const WORKER_URL = new URL("./worker.mjs", import.meta.url);

const TEXT = {
  ko: {
    loadingPython: "Python을 불러오는 중…",
    loadingPackages: "패키지를 불러오는 중…",
    running: "실행 중…",
    queued: "다른 예제가 끝나기를 기다리는 중…",
    done: (s) => `완료(${s}초)`,
    error: (s) => `오류(${s}초)`,
    stopped: (s) => `중지됨(${s}초)`,
    loadFailed: "Python을 불러오지 못했습니다",
    loadFailedHint:
      "이 사이트의 JupyterLite 빌드(lite/static/pyodide/)가 없거나 읽을 수 없습니다. " +
      "README의 명령으로 사이트를 다시 빌드했는지 확인하세요.",
    truncated: "… 출력이 너무 길어 나머지는 생략했습니다.",
    editor: "예제 코드(편집할 수 있으며 Ctrl+Enter로 실행합니다)",
    reset: "원래 코드로",
    resetTitle: "편집한 코드를 원래 예제로 되돌립니다",
    result: "마지막 줄의 값",
    hint: "코드를 고쳐서 실행해 볼 수 있습니다",
  },
  en: {
    loadingPython: "Loading Python…",
    loadingPackages: "Loading packages…",
    running: "Running…",
    queued: "Waiting for another example to finish…",
    done: (s) => `Done (${s} s)`,
    error: (s) => `Error (${s} s)`,
    stopped: (s) => `Stopped (${s} s)`,
    loadFailed: "Could not load Python",
    loadFailedHint:
      "This site's JupyterLite build (lite/static/pyodide/) is missing or unreadable. " +
      "Check that the site was built with the README's command.",
    truncated: "… output too long; the rest was dropped.",
    editor: "Example code (editable; Ctrl+Enter runs it)",
    reset: "Reset",
    resetTitle: "Put the original example back",
    result: "Value of the last line",
    hint: "You can edit the code and run it",
  },
};

const seconds = (ms) => (ms / 1000).toFixed(2);

/* ------------------------------------------------------------------------------------------ */
/* Highlighting edited code. The page arrives highlighted by Pygments; after an edit this small */
/* tokenizer re-highlights with the same Pygments class names, so the theme's colours apply.    */

const KEYWORDS = new Set(
  ("as assert async await break class continue def del elif else except finally for global if " +
    "lambda nonlocal pass raise return try while with yield match case").split(" "),
);
const WORD_OPERATORS = new Set(["and", "or", "not", "in", "is"]);
const CONSTANTS = new Set(["True", "False", "None"]);
const BUILTINS = new Set(
  ("abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex " +
    "delattr dict dir divmod enumerate eval exec filter float format frozenset getattr globals " +
    "hasattr hash help hex id input int isinstance issubclass iter len list locals map max " +
    "memoryview min next object oct open ord pow print property range repr reversed round set " +
    "setattr slice sorted staticmethod str sum super tuple type vars zip __import__").split(" "),
);
const PSEUDO = new Set(["self", "cls"]);

const TOKENS = new RegExp(
  [
    String.raw`(?<comment>#[^\n]*)`,
    String.raw`(?<string>(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:\\.|[^"\\\n])*(?:"|(?=\n)|$)|'(?:\\.|[^'\\\n])*(?:'|(?=\n)|$)))`,
    String.raw`(?<decorator>(?<=^|\n)[ \t]*@[\w.]+)`,
    String.raw`(?<number>(?<![\w.])(?:0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?))`,
    String.raw`(?<name>[A-Za-z_\u00C0-\uFFFF][\w\u00C0-\uFFFF]*)`,
    String.raw`(?<operator>\*\*=?|\/\/=?|<<=?|>>=?|->|:=|[-+*/%&|^~<>!=]=?|@=?)`,
    String.raw`(?<punctuation>[()[\]{},.:;])`,
  ].join("|"),
  "g",
);

const escapeHTML = (text) =>
  text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);

function highlightPython(source) {
  let html = "";
  let last = 0;
  let previous = ""; // text of the previous token
  let inImport = false; // inside an import statement: dotted names are module names
  for (const match of source.matchAll(TOKENS)) {
    const text = match[0];
    if (!text) continue;
    const gap = source.slice(last, match.index);
    html += escapeHTML(gap);
    if (gap.includes("\n")) inImport = false;
    last = match.index + text.length;
    const group = Object.keys(match.groups).find((key) => match.groups[key] !== undefined);
    let cls = "";
    if (group === "comment") cls = "c1";
    else if (group === "string") {
      const quotes = text.replace(/^[a-zA-Z]*/, "");
      const lineStart = source.lastIndexOf("\n", match.index - 1) + 1;
      const statement = /^[ \t]*$/.test(source.slice(lineStart, match.index));
      if (statement && (quotes.startsWith('"""') || quotes.startsWith("'''"))) cls = "sd";
      else cls = quotes.startsWith('"') ? "s2" : "s1";
    } else if (group === "decorator") cls = "nd";
    else if (group === "number") cls = /^0[xX]/.test(text) || !/[.eE]/.test(text) ? "mi" : "mf";
    else if (group === "operator") cls = "o";
    else if (group === "punctuation") cls = "p";
    else if (group === "name") {
      if (text === "import" || text === "from") {
        cls = "kn";
        inImport = true;
      } else if (KEYWORDS.has(text)) cls = "k";
      else if (WORD_OPERATORS.has(text)) cls = "ow";
      else if (CONSTANTS.has(text)) cls = "kc";
      else if (previous === "def") cls = "nf";
      else if (previous === "class") cls = "nc";
      else if (inImport && ["import", "from", ".", ","].includes(previous)) cls = "nn";
      else if (PSEUDO.has(text)) cls = "bp";
      else if (BUILTINS.has(text) && previous !== ".") cls = "nb";
      else cls = "n";
    }
    html += cls ? `<span class="${cls}">${escapeHTML(text)}</span>` : escapeHTML(text);
    previous = text;
  }
  return html + escapeHTML(source.slice(last));
}

/* ------------------------------------------------------------------------------------------ */
/* The warm Python shared by the page's examples.                                             */

class PythonRuntime {
  #worker = null;
  #queue = [];
  #current = null;
  #nextId = 1;
  #warm = false; // the current worker has finished loading Python

  /** Whether the page's worker has Python loaded (exercises tell a cold Check from a warm one with it). */
  get warm() {
    return this.#warm && this.#worker !== null;
  }

  submit(job) {
    job.id = this.#nextId++;
    this.#queue.push(job);
    if (this.#current) job.onQueued();
    this.#pump();
  }

  stop(job) {
    if (this.#current === job) {
      // Python cannot be interrupted from outside; end the worker, start a new one on next Run.
      this.#worker?.terminate();
      this.#worker = null;
      this.#current = null;
      job.finish({ stopped: true });
      this.#pump();
    } else {
      const index = this.#queue.indexOf(job);
      if (index >= 0) this.#queue.splice(index, 1);
      job.finish({ stopped: true });
    }
  }

  /** End an idle worker, so the next job starts a fresh Python (after a run that tampered with the engine). */
  restart() {
    if (this.#current || this.#queue.length) return;
    this.#worker?.terminate();
    this.#worker = null;
    this.#warm = false;
  }

  #ensureWorker() {
    if (!this.#worker) {
      const worker = new Worker(WORKER_URL, { type: "module", name: "pocketcloud-python" });
      worker.onmessage = (event) => this.#onMessage(worker, event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        this.#onCrash(worker, event.message || "worker error");
      };
      worker.onmessageerror = () => this.#onCrash(worker, "message error");
      this.#worker = worker;
      this.#warm = false;
    }
    return this.#worker;
  }

  #pump() {
    if (this.#current || !this.#queue.length) return;
    const job = this.#queue.shift();
    this.#current = job;
    const worker = this.#ensureWorker();
    job.onStart(this.#warm);
    worker.postMessage({
      type: job.type ?? "run", // "check" and "boot" come from exercises (docs/assets/exercises/)
      id: job.id,
      code: job.code,
      tests: job.tests,
      options: job.options,
      filename: job.filename,
      lang: job.lang,
      indexURL: PYODIDE_URL,
      lockFileURL: LOCK_URL,
      snapshotURL: SNAPSHOT_URL,
    });
  }

  #onMessage(worker, message) {
    const job = this.#current;
    if (worker !== this.#worker || !job || message.id !== job.id) return;
    if (message.type === "phase") {
      if (message.phase === "running") this.#warm = true;
      job.onPhase(message.phase);
    }
    else if (message.type === "output") job.onOutput(message.chunks);
    else if (message.type === "truncated") job.onTruncated();
    else if (message.type === "done") {
      this.#current = null;
      if (!message.fatal) this.#warm = true;
      if (message.fatal) {
        worker.terminate();
        this.#worker = null;
      }
      job.finish(message);
      this.#pump();
    }
  }

  #onCrash(worker, reason) {
    if (worker !== this.#worker) return;
    worker.terminate();
    this.#worker = null;
    const job = this.#current;
    this.#current = null;
    job?.finish({ ok: false, fatal: true, error: reason });
    this.#pump();
  }
}

export const runtime = new PythonRuntime();

/* The worker's start-up marks (worker.mjs, `timings`), shifted from its own clock to ms since the click at
 * `t0` (this page's clock), for benches and the browser's console: where a first Run spent its time. */
function sinceClick({ origin, marks, resources }, t0) {
  const shift = origin - (performance.timeOrigin + t0);
  const at = (ms) => Math.round(ms + shift);
  return {
    marks: Object.fromEntries(Object.entries(marks).map(([name, ms]) => [name, at(ms)])),
    resources: Object.fromEntries(
      Object.entries(resources).map(([file, [start, end, bytes]]) => [file, [at(start), at(end), bytes]]),
    ),
  };
}

/* ------------------------------------------------------------------------------------------ */
/* Output area: batches DOM writes to one per frame, keeps the view pinned to the bottom.      */

class OutputView {
  constructor(element, text) {
    this.element = element;
    this.text = text;
    this.pending = [];
    this.scheduled = false;
    this.onVisible = null;
  }

  clear() {
    this.element.replaceChildren();
    this.element.hidden = true;
    this.pending = [];
    this.stream = null;
  }

  write(stream, text) {
    this.pending.push([stream, text]);
    if (!this.scheduled) {
      this.scheduled = true;
      const later = document.hidden ? (fn) => setTimeout(fn, 0) : requestAnimationFrame;
      later(() => this.flush());
    }
  }

  flush() {
    this.scheduled = false;
    if (!this.pending.length) return;
    const pinned = this.#pinnedToBottom();
    if (!this.stream) {
      this.stream = document.createElement("pre");
      this.stream.className = "pc-stream";
      this.element.append(this.stream);
    }
    for (const [stream, text] of this.pending) {
      const last = this.stream.lastElementChild;
      if (last && last.classList.contains(`pc-${stream}`)) last.append(text);
      else {
        const span = document.createElement("span");
        span.className = `pc-${stream}`;
        span.textContent = text;
        this.stream.append(span);
      }
    }
    this.pending = [];
    this.#shown(pinned);
  }

  note(text, className = "pc-note") {
    this.flush();
    const line = document.createElement("p");
    line.className = className;
    line.textContent = text;
    this.element.append(line);
    this.#shown(true);
  }

  rich({ mime, data }) {
    this.flush();
    const box = document.createElement("div");
    box.className = "pc-rich";
    box.dataset.mime = mime;
    box.setAttribute("aria-label", this.text.result);
    if (mime === "text/html") box.append(htmlFrame(data, this.element));
    else if (mime === "image/svg+xml" || mime === "image/png") {
      const image = document.createElement("img");
      image.alt = "";
      image.src =
        mime === "image/png"
          ? `data:image/png;base64,${data}`
          : `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data)}`;
      box.append(image);
    } else {
      const pre = document.createElement("pre");
      pre.className = mime === "application/json" ? "pc-rich-json" : "pc-rich-text";
      pre.textContent = data;
      box.append(pre);
    }
    this.element.append(box);
    this.#shown(true);
  }

  #pinnedToBottom() {
    const el = this.element;
    return el.hidden || el.scrollHeight - el.scrollTop - el.clientHeight < 8;
  }

  #shown(pinned) {
    this.element.hidden = false;
    if (pinned) this.element.scrollTop = this.element.scrollHeight;
    this.onVisible?.();
  }
}

/* HTML from _repr_html_ goes into a sandboxed frame: no scripts, no network (CSP), and no access
 * to the page. allow-same-origin (without allow-scripts) only lets the page size the frame and keep
 * it in the page's colours.
 *
 * Theme: a frame inherits nothing from the page, so the page hands it Material's colour variables
 * (THEME_VARIABLES, as custom properties on the frame's <html>) and its scheme (data-md-color-scheme,
 * "default" or "slate", and the matching color-scheme). Output styled with those variables, such as
 * pocketcloud's state machine graphs (pocketcloud.display.theme), then looks as it would in the page,
 * and follows the reader's light/dark toggle: a MutationObserver on <body> re-applies the theme to
 * every frame when Material switches the scheme. */
const THEME_VARIABLES = [
  "--md-default-fg-color",
  "--md-default-fg-color--light",
  "--md-default-fg-color--lighter",
  "--md-default-fg-color--lightest",
  "--md-default-bg-color",
  "--md-code-bg-color",
];
const themedFrames = new Set();

function pageTheme(host) {
  const style = getComputedStyle(host);
  const variables = THEME_VARIABLES.map((name) => [name, style.getPropertyValue(name).trim()]).filter(
    ([, value]) => value,
  );
  const scheme = document.body?.dataset.mdColorScheme || "";
  return { scheme, variables };
}

function applyTheme(frame) {
  const root = frame.contentDocument?.documentElement;
  if (!root) return;
  const { scheme, variables } = pageTheme(frame.parentElement || document.body);
  if (scheme) root.dataset.mdColorScheme = scheme;
  else delete root.dataset.mdColorScheme;
  root.style.colorScheme = scheme === "slate" ? "dark" : scheme ? "light" : "light dark";
  for (const [name, value] of variables) root.style.setProperty(name, value);
}

if (document.body) {
  new MutationObserver(() => {
    for (const frame of themedFrames) {
      if (frame.isConnected) applyTheme(frame);
      else themedFrames.delete(frame);
    }
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
}

function htmlFrame(html, host) {
  const { scheme, variables } = pageTheme(host);
  const attr = (text) => text.replace(/[&"<>]/g, (c) => ({ "&": "&amp;", '"': "&quot;", "<": "&lt;", ">": "&gt;" })[c]);
  const colorScheme = scheme === "slate" ? "dark" : scheme ? "light" : "light dark";
  const rootStyle = [`color-scheme: ${colorScheme}`, ...variables.map(([name, value]) => `${name}: ${value}`)].join("; ");
  const frame = document.createElement("iframe");
  frame.className = "pc-rich-html";
  frame.setAttribute("sandbox", "allow-same-origin");
  frame.setAttribute("referrerpolicy", "no-referrer");
  frame.setAttribute("loading", "eager");
  frame.title = "HTML";
  frame.srcdoc = `<!doctype html><html${scheme ? ` data-md-color-scheme="${attr(scheme)}"` : ""} style="${attr(rootStyle)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">
<style>
  body { margin: 0; padding: .5rem .25rem; font: 14px/1.5 system-ui, -apple-system, "Segoe UI",
         "Apple SD Gothic Neo", "Noto Sans KR", "Noto Sans CJK KR", "Malgun Gothic", sans-serif;
         color: var(--md-default-fg-color, #222); background: transparent; }
  table { border-collapse: collapse; font-size: 13px; }
  th, td { border: 1px solid var(--md-default-fg-color--lightest, #ddd); padding: 4px 8px;
           text-align: left; vertical-align: top; }
  th { background: var(--md-code-bg-color, #f5f5f5); }
  code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
</style></head><body>${html}</body></html>`;
  const fit = () => {
    const doc = frame.contentDocument;
    if (doc?.documentElement) frame.style.height = `${doc.documentElement.scrollHeight + 2}px`;
  };
  frame.addEventListener("load", () => {
    applyTheme(frame);
    fit();
    // Opening or closing a <details> in the output changes its height.
    frame.contentDocument?.addEventListener("toggle", fit, true);
    setTimeout(fit, 150); // images from data: URLs may settle a moment later
  });
  themedFrames.add(frame);
  return frame;
}

/* ------------------------------------------------------------------------------------------ */
/* Editor: a transparent textarea laid exactly over the highlighted <code>, which is redrawn on */
/* every edit. The textarea keeps native editing, selection, undo and IME (Korean) input.      */

function setupEditor(block, code, text, onChange, onRun) {
  const pre = code.parentElement;
  const original = code.textContent.replace(/\n$/, "");
  const editor = document.createElement("textarea");
  editor.className = "pc-editor";
  editor.value = original;
  editor.spellcheck = false;
  editor.wrap = "off";
  editor.setAttribute("autocapitalize", "off");
  editor.setAttribute("autocomplete", "off");
  editor.setAttribute("autocorrect", "off");
  editor.setAttribute("aria-label", text.editor);
  pre.classList.add("pc-editable");
  pre.append(editor);

  const COPIED = [
    "fontFamily", "fontSize", "fontWeight", "fontVariantLigatures", "lineHeight", "letterSpacing",
    "tabSize", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft", "whiteSpace",
    "wordBreak", "overflowWrap", "textIndent",
  ];
  const place = () => {
    const style = getComputedStyle(code);
    for (const key of COPIED) editor.style[key] = style[key];
    editor.style.caretColor = style.color;
    editor.style.top = `${code.offsetTop}px`;
    editor.style.left = `${code.offsetLeft}px`;
    editor.style.width = `${code.offsetWidth}px`;
    editor.style.height = `${code.offsetHeight}px`;
  };
  const redraw = () => {
    code.innerHTML = `${highlightPython(editor.value)}\n`;
    place();
    code.scrollLeft = editor.scrollLeft;
  };
  place();
  new ResizeObserver(place).observe(code);

  editor.addEventListener("input", () => {
    redraw();
    onChange(editor.value, editor.value !== original);
  });
  editor.addEventListener("scroll", () => {
    code.scrollLeft = editor.scrollLeft;
    code.scrollTop = editor.scrollTop;
  });

  let tabLeaves = false; // after Escape, Tab moves focus on instead of indenting
  const insert = (value) => {
    // execCommand keeps the browser's undo history; setRangeText is the fallback.
    if (!document.execCommand("insertText", false, value)) {
      editor.setRangeText(value, editor.selectionStart, editor.selectionEnd, "end");
      editor.dispatchEvent(new Event("input"));
    }
  };
  editor.addEventListener("keydown", (event) => {
    if (event.isComposing) return; // Korean IME at work
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey || event.shiftKey)) {
      event.preventDefault();
      onRun();
    } else if (event.key === "Escape") {
      tabLeaves = true;
    } else if (event.key === "Tab" && !tabLeaves && !event.shiftKey) {
      event.preventDefault();
      insert("    ");
    } else if (event.key === "Enter" && !event.altKey) {
      // Keep the indentation; indent one more level after a colon.
      const before = editor.value.slice(0, editor.selectionStart);
      const line = before.slice(before.lastIndexOf("\n") + 1);
      let indent = line.match(/^[ \t]*/)[0];
      if (/:\s*(#.*)?$/.test(line)) indent += "    ";
      event.preventDefault();
      insert(`\n${indent}`);
    } else {
      tabLeaves = false;
    }
  });

  return {
    get value() {
      return editor.value;
    },
    reset() {
      editor.value = original;
      redraw();
      onChange(original, false);
    },
  };
}

/* ------------------------------------------------------------------------------------------ */
/* One runnable example.                                                                      */

function enhance(block, index) {
  const code = block.querySelector(".pc-run__code pre > code");
  const runButton = block.querySelector(".pc-run-btn");
  const stopButton = block.querySelector(".pc-stop-btn");
  const labLink = block.querySelector(".pc-lab-link");
  const status = block.querySelector(".pc-status");
  const outputElement = block.querySelector(".pc-output");
  if (!code || !runButton || !stopButton || !labLink || !status || !outputElement) return;

  const lang = (block.dataset.pcLang || document.documentElement.lang || "en").startsWith("ko")
    ? "ko"
    : "en";
  const text = TEXT[lang];
  const title = block.querySelector(".pc-run__code .filename")?.textContent.trim();
  const filename = title && /^[\w.-]+$/.test(title) ? title : `example_${index + 1}.py`;
  const output = new OutputView(outputElement, text);
  let job = null;

  const resetButton = document.createElement("button");
  resetButton.type = "button";
  resetButton.className = "pc-reset-btn";
  resetButton.textContent = text.reset;
  resetButton.title = text.resetTitle;
  resetButton.hidden = true;
  labLink.after(resetButton);

  const setLabHref = (source) => {
    labLink.href = `${LAB_URL}?kernel=python&toolbar=1&code=${encodeURIComponent(source)}`;
  };
  const editor = setupEditor(
    block,
    code,
    text,
    (source, edited) => {
      setLabHref(source);
      resetButton.hidden = !edited;
      block.toggleAttribute("data-edited", edited);
    },
    () => start(),
  );
  setLabHref(editor.value);
  resetButton.addEventListener("click", () => editor.reset());

  const setState = (state, message) => {
    block.dataset.state = state;
    status.textContent = message;
    const busy = state === "loading" || state === "running";
    runButton.disabled = busy;
    stopButton.disabled = !busy;
    block.setAttribute("aria-busy", String(busy));
  };

  function start() {
    if (job) return; // already queued or running
    const t0 = performance.now();
    output.clear();
    delete block.dataset.elapsedMs;
    delete block.dataset.firstOutputMs;
    output.onVisible = () => {
      if (block.dataset.firstOutputMs === undefined) {
        block.dataset.firstOutputMs = String(Math.round(performance.now() - t0));
      }
    };
    const current = {
      code: editor.value,
      filename,
      lang,
      onQueued: () => setState("loading", text.queued),
      onStart: (warm) =>
        warm ? setState("running", text.running) : setState("loading", text.loadingPython),
      onPhase: (phase) => {
        if (phase === "python") setState("loading", text.loadingPython);
        else if (phase === "packages") setState("loading", text.loadingPackages);
        else setState("running", text.running);
      },
      onOutput: (chunks) => {
        for (const [stream, chunk] of chunks) output.write(stream, chunk);
      },
      onTruncated: () => output.note(text.truncated),
      finish: (result) => {
        job = null;
        output.flush();
        const elapsed = performance.now() - t0;
        block.dataset.elapsedMs = String(Math.round(elapsed));
        if (result.boot) block.dataset.boot = result.boot;
        if (result.timings) block.dataset.bootTimings = JSON.stringify(sinceClick(result.timings, t0));
        if (result.stopped) {
          setState("idle", text.stopped(seconds(elapsed)));
          return;
        }
        if (result.rich) output.rich(result.rich);
        if (result.fatal) {
          output.write("stderr", `${text.loadFailed}: ${result.error}\n${text.loadFailedHint}\n`);
          output.flush();
          setState("error", text.loadFailed);
          return;
        }
        setState(result.ok ? "done" : "error", (result.ok ? text.done : text.error)(seconds(elapsed)));
      },
    };
    job = current;
    runtime.submit(current);
  }

  runButton.addEventListener("click", start);
  stopButton.addEventListener("click", () => job && runtime.stop(job));
  runButton.disabled = false;
  block.dataset.state = "idle";
  status.textContent = text.hint;
  block.dataset.ready = "";
}

document.querySelectorAll(".pc-run").forEach(enhance);

// Exercises, quizzes and the progress page (hooks/exercise_blocks.py) live in their own modules, loaded only on
// pages that have one: a page without exercises fetches none of their code or the editor's.
if (document.querySelector(".pc-exercise, .pc-quiz, .pc-progress, .pc-selftest")) {
  import("../exercises/exercises.mjs");
}
