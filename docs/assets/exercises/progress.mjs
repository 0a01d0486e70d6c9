/*
 * The progress page (```exercise-progress fence): every chapter's exercises (done / tried / not started) and
 * quiz score, the learner's name, and export/import of all progress as one file (the grader's input).
 *
 * DOM contract: .pc-progress[data-ready][data-done][data-tried][data-total]
 *   tr[data-exercise-id][data-status=done|tried|new]   .pc-progress-export  input.pc-progress-import
 *   .pc-progress-message[data-kind=ok|error]   .pc-progress-undo
 */

import { ImportError, exportDocument, onStorageProblem, parseImport, store } from "./store.mjs";
import { TEXT, langOf } from "./text.mjs";

const EDITION = document.querySelector('meta[name="pocketcloud:edition"]')?.content ?? "learner";

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

async function render(host, manifest, text) {
  const format = new Intl.DateTimeFormat(manifest.lang === "ko" ? "ko-KR" : "en", { dateStyle: "medium", timeStyle: "short" });
  const body = host.querySelector(".pc-progress__chapters");
  body.replaceChildren();
  let done = 0;
  let tried = 0;
  let total = 0;
  for (const chapter of manifest.chapters) {
    const section = el("section", { class: "pc-progress__chapter", "data-chapter": chapter.id });
    const heading = el("h2", {}, el("a", { href: chapter.url, text: chapter.title }));
    const lesson = el("a", { class: "pc-progress__lesson", href: chapter.lesson, text: text.lessonLink });
    section.append(heading, lesson);
    const table = el("table", { class: "pc-progress__table" });
    table.append(el("thead", {}, el("tr", {}, ...[text.columnExercise, text.columnStatus, text.columnAttempts, text.columnUpdated].map((h) => el("th", { scope: "col", text: h })))));
    const tbody = el("tbody");
    for (const exercise of chapter.exercises) {
      const record = await store.get(`ex:${exercise.id}`);
      const status = record?.solved ? "done" : record?.attempts || (record?.code && record.code !== record.base_starter) ? "tried" : "new";
      total += 1;
      done += status === "done";
      tried += status === "tried";
      tbody.append(
        el(
          "tr",
          { "data-exercise-id": exercise.id, "data-status": status },
          el("td", {}, el("a", { href: `${chapter.url}#${exercise.anchor}`, text: exercise.title })),
          el("td", {}, el("span", { class: "pc-progress__status", "data-status": status, text: text.status[status] })),
          el("td", { class: "pc-num", text: String(record?.attempts ?? 0) }),
          el("td", { text: record?.updated_at ? format.format(new Date(record.updated_at)) : "—" }),
        ),
      );
    }
    table.append(tbody);
    section.append(table);
    if (chapter.quiz) {
      const record = await store.get(`quiz:${chapter.quiz.id}`);
      const right = record ? Object.values(record.correct ?? {}).filter(Boolean).length : 0;
      section.append(el("p", { class: "pc-progress__quiz", "data-quiz-id": chapter.quiz.id, text: record?.attempts ? text.quizRow(right, chapter.quiz.questions.length) : text.quizNotStarted }));
    }
    body.append(section);
  }
  host.dataset.done = String(done);
  host.dataset.tried = String(tried);
  host.dataset.total = String(total);
  host.querySelector(".pc-progress__summary").textContent = text.progressSummary(done, tried, total);
}

export async function enhanceProgress() {
  for (const host of document.querySelectorAll(".pc-progress")) {
    const manifest = JSON.parse(host.querySelector(".pc-progress__data").textContent);
    const text = TEXT[langOf(host)];
    const message = el("p", { class: "pc-progress-message", role: "status", "aria-live": "polite" });
    const say = (kind, words) => {
      message.dataset.kind = kind;
      message.textContent = words;
    };
    const learner = (await store.get("learner")) ?? { name: "" };
    const nameId = "pc-progress-name";
    const name = el("input", { id: nameId, class: "pc-progress-name", type: "text", autocomplete: "name" });
    name.value = learner.name ?? "";
    name.addEventListener("change", () => store.put("learner", { name: name.value.trim() }));
    const exportButton = el("button", { type: "button", class: "pc-progress-export md-button md-button--primary", text: text.export });
    const importInput = el("input", { type: "file", class: "pc-progress-import", accept: ".json,application/json", id: "pc-progress-import" });
    const importLabel = el("label", { for: "pc-progress-import", class: "md-button", text: text.import });
    const undo = el("button", { type: "button", class: "pc-progress-undo md-button", text: text.importUndo, hidden: "" });
    let beforeImport = null;

    exportButton.addEventListener("click", async () => {
      await store.put("learner", { name: name.value.trim() });
      const document_ = await exportDocument(EDITION);
      const stamp = document_.exported_at.slice(0, 10);
      const who = (name.value.trim() || "learner").replace(/[^\p{L}\p{N}_-]+/gu, "-").slice(0, 40);
      const file = `pocketcloud-progress-${who}-${stamp}.json`;
      const blob = new Blob([JSON.stringify(document_, null, 1)], { type: "application/json" });
      const link = el("a", { href: URL.createObjectURL(blob), download: file });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      host.dataset.exported = file;
      say("ok", text.exportDone(file));
    });

    importInput.addEventListener("change", async () => {
      const file = importInput.files?.[0];
      importInput.value = "";
      if (!file) return;
      try {
        const parsed = await parseImport(await file.text(), file.size);
        const current = await store.entries();
        await store.replaceAll(parsed.entries);
        beforeImport = current;
        undo.hidden = false;
        const learnerNow = (await store.get("learner")) ?? { name: "" };
        name.value = learnerNow.name ?? "";
        await render(host, manifest, text);
        say("ok", text.importDone(parsed.exercises, parsed.quizzes));
      } catch (error) {
        const why =
          error instanceof ImportError
            ? { notJson: text.importNotJson, notProgress: text.importNotProgress, version: text.importVersion(error.detail), integrity: text.importIntegrity, shape: text.importShape(error.detail), tooBig: text.importTooBig }[error.reason]
            : String(error?.message ?? error);
        say("error", text.importRefused(why));
      }
    });

    undo.addEventListener("click", async () => {
      if (!beforeImport) return;
      await store.replaceAll(beforeImport);
      beforeImport = null;
      undo.hidden = true;
      name.value = ((await store.get("learner")) ?? { name: "" }).name ?? "";
      await render(host, manifest, text);
      say("ok", text.importUndone);
    });

    host.replaceChildren(
      el("p", { class: "pc-progress__summary" }),
      el("div", { class: "pc-progress__tools" }, el("label", { for: nameId, text: text.nameLabel }), name, exportButton, importLabel, importInput, undo),
      message,
      el("div", { class: "pc-progress__chapters" }),
    );
    onStorageProblem(() => {
      if (!host.querySelector(".pc-storage-warning")) host.prepend(el("p", { class: "pc-storage-warning", role: "alert", text: text.storageWarning }));
    });
    await render(host, manifest, text);
    host.dataset.ready = "";
  }
}
