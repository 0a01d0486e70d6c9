/*
 * The exercise editor: CodeMirror 6 (pinned in package.json), bundled by esbuild at build time into
 * docs/assets/exercises/vendor/codemirror.mjs (see the Makefile's `editor` target). Only pages with an
 * exercise load it (exercises.mjs imports it on demand), so a plain page carries none of its bytes.
 *
 * Why CodeMirror 6: it handles IME composition (Korean input) in a contenteditable with its own DOM
 * observer, indents with Tab/Shift+Tab (indentWithTab; Escape then Tab moves focus on, so keyboard users are
 * never trapped), has undo history, and highlights Python with Lezer's grammar. Colours come from the site's
 * CSS through Lezer's `tok-*` classes (classHighlighter), so both colour schemes follow Material's theme.
 */

import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";

/**
 * Mount an editor in `parent`.
 * options: doc (text), label (accessible name), onChange(text), shortcuts: {run, check, reset} callbacks.
 * Returns {get value(), set value(text), focus(), view}.
 */
export function createEditor(parent, { doc, label, onChange, shortcuts, onFocus }) {
  const run = (fn) => () => {
    fn?.();
    return true;
  };
  const shortcutKeys = keymap.of([
    { key: "Mod-Enter", run: run(shortcuts.run) },
    { key: "Shift-Enter", run: run(shortcuts.check) },
    { key: "Mod-Shift-Backspace", run: run(shortcuts.reset) },
  ]);
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        shortcutKeys,
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        python(),
        syntaxHighlighting(classHighlighter),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({
          "aria-label": label,
          "aria-multiline": "true",
          autocapitalize: "off",
          autocorrect: "off",
          spellcheck: "false",
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange?.(update.state.doc.toString());
          if (update.focusChanged && update.view.hasFocus) onFocus?.();
        }),
      ],
    }),
  });
  return {
    view,
    get value() {
      return view.state.doc.toString();
    },
    set value(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus() {
      view.focus();
    },
  };
}
