/*
 * Chapter quizzes (```quiz fences): single choice, multiple choice and numeric answers with a tolerance.
 * Answers are checked in the browser (so they ship with the page, like the visible tests) and kept in the same
 * store as exercises; the grader re-scores them from the exported file against quiz.toml.
 *
 * DOM contract: form.pc-quiz[data-quiz-id][data-ready][data-score="right/total"]
 *   fieldset.pc-quiz__question[data-question-id][data-result=right|wrong|empty]  .pc-quiz__feedback
 */

import { onStorageProblem, store } from "./store.mjs";
import { TEXT, langOf } from "./text.mjs";

function parseNumber(raw) {
  const cleaned = String(raw).trim().replace(/,/g, "").replace(/\s/g, "");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return null;
  return Number(cleaned);
}

export function isCorrect(question, response) {
  if (question.kind === "single") return response === question.answer;
  if (question.kind === "multiple") {
    const want = [...question.answer].sort().join(",");
    return Array.isArray(response) && [...new Set(response)].sort().join(",") === want;
  }
  const value = parseNumber(response ?? "");
  return value !== null && Math.abs(value - question.answer) <= question.tolerance + 1e-12;
}

function read(fieldset, question) {
  if (question.kind === "numeric") {
    const value = fieldset.querySelector("input").value.trim();
    return value === "" ? null : value;
  }
  const checked = [...fieldset.querySelectorAll("input:checked")].map((input) => Number(input.value));
  if (question.kind === "single") return checked.length ? checked[0] : null;
  return checked.length ? checked : null;
}

function write(fieldset, question, answer) {
  if (answer === null || answer === undefined) return;
  if (question.kind === "numeric") fieldset.querySelector("input").value = String(answer);
  else {
    const chosen = new Set(Array.isArray(answer) ? answer : [answer]);
    for (const input of fieldset.querySelectorAll("input")) input.checked = chosen.has(Number(input.value));
  }
}

async function enhance(form) {
  const data = JSON.parse(form.querySelector(".pc-quiz__data").textContent);
  const text = TEXT[langOf(form)];
  const key = `quiz:${data.id}`;
  const status = form.querySelector(".pc-status");
  const button = form.querySelector(".pc-quiz-check");
  const record = (await store.get(key)) ?? { answers: {}, correct: {}, attempts: 0, updated_at: null };
  const fieldsets = new Map([...form.querySelectorAll(".pc-quiz__question")].map((f) => [f.dataset.questionId, f]));

  const show = (grade) => {
    let right = 0;
    for (const question of data.questions) {
      const fieldset = fieldsets.get(question.id);
      const feedback = fieldset.querySelector(".pc-quiz__feedback");
      const answer = record.answers[question.id];
      if (answer === null || answer === undefined) {
        fieldset.dataset.result = "empty";
        feedback.hidden = !grade;
        feedback.textContent = text.quizEmpty;
        continue;
      }
      if (question.kind === "numeric" && parseNumber(answer) === null) {
        fieldset.dataset.result = "wrong";
        feedback.hidden = false;
        feedback.textContent = text.quizNumberInvalid;
        continue;
      }
      const ok = isCorrect(question, answer);
      right += ok;
      fieldset.dataset.result = ok ? "right" : "wrong";
      feedback.hidden = false;
      feedback.innerHTML = `<p><strong>${ok ? text.quizRight : text.quizWrong}</strong></p>${question.explanation}`;
    }
    form.dataset.score = `${right}/${data.questions.length}`;
    status.textContent = text.quizScore(right, data.questions.length);
    return right;
  };

  for (const question of data.questions) write(fieldsets.get(question.id), question, record.answers[question.id]);
  if (record.attempts) show(false);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const question of data.questions) {
      const answer = read(fieldsets.get(question.id), question);
      record.answers[question.id] = answer;
      record.correct[question.id] = answer !== null && isCorrect(question, answer);
    }
    record.attempts += 1;
    record.updated_at = new Date().toISOString();
    show(true);
    await store.put(key, record);
  });
  onStorageProblem(() => {
    if (!form.querySelector(".pc-storage-warning")) {
      form.prepend(Object.assign(document.createElement("p"), { className: "pc-storage-warning", textContent: text.storageWarning }));
    }
  });
  button.disabled = false;
  form.dataset.ready = "";
}

export function enhanceQuizzes() {
  return Promise.all([...document.querySelectorAll(".pc-quiz")].map(enhance));
}
