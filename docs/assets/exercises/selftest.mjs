/*
 * The teacher build's self-test page (```exercise-selftest fence): runs every exercise's solution (which must
 * pass its visible and hidden tests) and its starter (which must fail them) in this browser's Pyodide, through
 * the same harness and worker as the exercise blocks. It is the in-browser twin of tests/exercises in CPython.
 *
 * DOM contract: .pc-selftest[data-state=idle|running|done][data-ok][data-total]  tr[data-exercise-id][data-ok]
 */

import { runtime } from "../runner/runner.mjs";
import { TEXT, langOf, seconds } from "./text.mjs";

function check(code, tests, filename, kind) {
  return new Promise((resolve) => {
    runtime.submit({
      type: "check",
      code,
      tests,
      filename,
      options: { kind },
      onQueued() {},
      onStart() {},
      onPhase() {},
      onOutput() {},
      onTruncated() {},
      finish: (result) => resolve(result.report ?? { ok: false, passed: 0, total: 0, error: result.error }),
    });
  });
}

export function enhanceSelftest() {
  for (const host of document.querySelectorAll('.pc-selftest[data-edition="teacher"]')) {
    const data = JSON.parse(host.querySelector(".pc-selftest__data").textContent);
    const text = TEXT[langOf(host)];
    const button = document.createElement("button");
    button.type = "button";
    button.className = "pc-selftest-run md-button md-button--primary";
    button.textContent = text.selftestRun;
    const summary = document.createElement("p");
    summary.className = "pc-status";
    summary.setAttribute("role", "status");
    const table = document.createElement("table");
    table.innerHTML = `<thead><tr>${text.selftestHead.map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead>`;
    const body = document.createElement("tbody");
    table.append(body);
    for (const exercise of data.exercises) {
      const row = document.createElement("tr");
      row.dataset.exerciseId = exercise.id;
      for (const value of [`${exercise.id} — ${exercise.title}`, "…", "…", "…"]) {
        const cell = document.createElement("td");
        cell.textContent = value;
        row.append(cell);
      }
      body.append(row);
    }
    host.append(button, summary, table);
    host.dataset.state = "idle";
    button.addEventListener("click", async () => {
      button.disabled = true;
      host.dataset.state = "running";
      const t0 = performance.now();
      let ok = 0;
      for (const exercise of data.exercises) {
        const row = body.querySelector(`tr[data-exercise-id="${CSS.escape(exercise.id)}"]`);
        const t1 = performance.now();
        const solution = await check(exercise.solution, exercise.tests, exercise.filename, exercise.kind);
        const starter = await check(exercise.starter, exercise.tests, exercise.filename, exercise.kind);
        const fine = solution.ok && !starter.ok;
        ok += fine;
        row.dataset.ok = String(fine);
        row.cells[1].textContent = solution.ok ? text.selftestPass : `${solution.passed}/${solution.total}`;
        row.cells[2].textContent = starter.ok ? text.selftestStarterPasses : text.selftestStarterFails;
        row.cells[3].textContent = text.selftestTime(seconds(performance.now() - t1));
        summary.textContent = text.selftestSummary(ok, data.exercises.length, seconds(performance.now() - t0));
      }
      host.dataset.ok = String(ok);
      host.dataset.total = String(data.exercises.length);
      host.dataset.state = "done";
      button.disabled = false;
    });
  }
}
