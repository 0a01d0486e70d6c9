/*
 * Render Mermaid source to SVG at build time, in Node, with no browser: beautiful-mermaid parses the
 * source and lays it out (ELK), and writes an SVG whose colours are CSS variables. The site's build
 * (hooks/mermaid_svg.py) starts this once per build, only when a diagram is not in its cache, and
 * talks to it one JSON line at a time:
 *
 *   stdin   {"source": "<mermaid text>"}
 *   stdout  {"svg": "<svg ...>"}   or   {"error": "<message>"}
 *
 * The colours are left to the page: --bg and --fg here are the page's own variables, which the site's
 * stylesheet maps to Material's light and dark schemes (docs/assets/stylesheets/site.css).
 *
 * One check sits here because only the parser can make it: beautiful-mermaid 1.1.3 keeps the first
 * mention of a flowchart node, so `a --> b` followed by `b["Label"]` draws "b", where Mermaid draws
 * "Label". That is reported as an error naming the node, instead of drawing the wrong label.
 */
import { createInterface } from "node:readline";
import { parseMermaid, renderMermaidSVG } from "beautiful-mermaid";

const OPTIONS = { bg: "var(--bg)", fg: "var(--fg)", transparent: true, font: "inherit" };

/** Node ids that the source gives a label to, after removing quoted strings. */
function labelledIds(source) {
  const unquoted = source.replace(/"[^"]*"/g, '""');
  const ids = new Set();
  for (const match of unquoted.matchAll(/(?:^|[\s;&>])([A-Za-z0-9_]+)\s*(?:\[|\(|\{|>)/gm)) ids.add(match[1]);
  return ids;
}

function checkLateLabels(source) {
  const header = source.trim().split(/\s/)[0].toLowerCase();
  if (header !== "flowchart" && header !== "graph") return;
  const graph = parseMermaid(source);
  const lost = [...labelledIds(source)].filter((id) => graph.nodes.get(id)?.label === id);
  const late = lost.filter((id) => new RegExp(`(?:^|[\\s;&>])${id}\\s*[\\[({>]\\s*"?(?!${id}\\b)`, "m").test(source));
  if (late.length) {
    throw new Error(
      `node ${late.join(", ")} is used before the line that gives it its label; ` +
        "give each node its label where it first appears (the renderer keeps the first mention)",
    );
  }
}

/** The diagram kinds beautiful-mermaid 1.1.3 draws; anything else it would draw as a broken flowchart. */
const KINDS = ["flowchart", "graph", "statediagram", "statediagram-v2", "sequencediagram", "classdiagram",
  "erdiagram", "xychart", "xychart-beta"];

function checkKind(source) {
  const kind = source.trim().split(/[\s;]/)[0].toLowerCase();
  if (!KINDS.includes(kind)) {
    throw new Error(`"${kind}" diagrams are not supported at build time; use one of: ${KINDS.join(", ")}`);
  }
}

function render(source) {
  checkKind(source);
  checkLateLabels(source);
  return renderMermaidSVG(source, OPTIONS);
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let reply;
  try {
    const { source } = JSON.parse(line);
    reply = { svg: render(String(source)) };
  } catch (error) {
    reply = { error: String(error?.message ?? error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
}
