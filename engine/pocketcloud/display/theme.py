"""The diagrams' stylesheet: one ``<style>`` scoped by class, readable in light and dark themes.

Colours are CSS custom properties; every text keeps a contrast of at least 4.5:1 with its box (WCAG 2.2, success
criterion 1.4.3, checked in the browser tests). Text and lines start from the page's own colours where the page
has them (mkdocs-material's ``--md-default-fg-color``/``--md-default-bg-color``, JupyterLab's
``--jp-ui-font-color1``), with fallbacks; the status colours switch with ``prefers-color-scheme`` and with the
explicit scheme switches of mkdocs-material (``data-md-color-scheme``) and JupyterLab (``data-jp-theme-light``).
Font sizes are fixed pixels so the layout's text estimates hold; the SVG itself scales with its ``viewBox``.
"""

from __future__ import annotations

_LIGHT = (
    "--ok:#1a7f37;--okb:#dafbe1;--bad:#cf222e;--badb:#ffebe9;--cg:#9a6700;--cgb:#fff8c5;"
    "--rt:#8250df;--rtb:#fbefff;--rn:#0969da;--rnb:#ddf4ff;--nb:#f6f8fa;--pbg:#fff;--tx:#1f2328;--tm:#59636e"
)
_DARK = (
    "--ok:#3fb950;--okb:#12261e;--bad:#f85149;--badb:#3c1618;--cg:#d29922;--cgb:#2e2410;"
    "--rt:#ab7df8;--rtb:#271c3e;--rn:#58a6ff;--rnb:#0c2d6b;--nb:#161b22;--pbg:#0d1117;--tx:#e6edf3;--tm:#9198a1"
)
_DARK_SCOPES = "[data-md-color-scheme=slate] .pc-sfn,body[data-jp-theme-light=false] .pc-sfn"
_LIGHT_SCOPES = "[data-md-color-scheme=default] .pc-sfn,body[data-jp-theme-light=true] .pc-sfn"

SVG_CSS = (
    ".pc-sfn{" + _LIGHT + ";--fg:var(--md-default-fg-color,var(--jp-ui-font-color1,var(--tx)));"
    "--mu:var(--md-default-fg-color--light,var(--jp-ui-font-color2,var(--tm)));"
    "--bg:var(--md-default-bg-color,var(--jp-layout-color0,var(--pbg)));"
    "color:var(--fg);font:12px/1.25 system-ui,-apple-system,'Segoe UI',sans-serif}"
    "@media (prefers-color-scheme:dark){.pc-sfn{"
    + _DARK
    + "}}"
    + _LIGHT_SCOPES
    + "{"
    + _LIGHT
    + "}"
    + _DARK_SCOPES
    + "{"
    + _DARK
    + "}"
    ".pc-sfn text{fill:currentColor}"
    ".pc-sfn .n>rect{fill:var(--nb);stroke:currentColor;stroke-width:1}"
    ".pc-sfn .se>rect{fill:var(--bg)}"
    ".pc-sfn .c>rect{fill:none;stroke-dasharray:4 3}"
    ".pc-sfn .br{fill:none;stroke:var(--mu);stroke-dasharray:2 3}"
    ".pc-sfn .e{fill:none;stroke:var(--mu);stroke-width:1.2}"
    ".pc-sfn .k{stroke-dasharray:5 4}"
    ".pc-sfn .ah{fill:var(--mu)}"
    # Secondary text: the page's muted colour is made for the plain background; over a status colour it falls
    # just under 4.5:1 (WCAG 2.2, 1.4.3), so it is drawn as 74% of the text colour where color-mix() exists.
    ".pc-sfn .ty,.pc-sfn .lb{font-size:10px;fill:var(--mu);fill:color-mix(in srgb,var(--fg) 74%,transparent)}"
    ".pc-sfn .lb{paint-order:stroke;stroke:var(--bg);stroke-width:3px}"
    ".pc-sfn .ic{font-size:13px;font-weight:700}"
    ".pc-sfn .ok>rect{fill:var(--okb);stroke:var(--ok)}.pc-sfn .ok .ic{fill:var(--ok)}"
    ".pc-sfn .bad>rect{fill:var(--badb);stroke:var(--bad);stroke-width:2}.pc-sfn .bad .ic{fill:var(--bad)}"
    ".pc-sfn .cgt>rect{fill:var(--cgb);stroke:var(--cg)}.pc-sfn .cgt .ic{fill:var(--cg)}"
    ".pc-sfn .rty>rect{fill:var(--rtb);stroke:var(--rt)}.pc-sfn .rty .ic{fill:var(--rt)}"
    ".pc-sfn .run>rect{fill:var(--rnb);stroke:var(--rn);stroke-width:2}.pc-sfn .run .ic{fill:var(--rn)}"
    ".pc-sfn .nr{opacity:.6}.pc-sfn .nr>rect{stroke-dasharray:3 3}"
    ".pc-sfn .c.ok>rect,.pc-sfn .c.bad>rect,.pc-sfn .c.cgt>rect,.pc-sfn .c.rty>rect,.pc-sfn .c.run>rect{fill:none}"
)

HTML_CSS = (
    ".pc-exec{color:var(--md-default-fg-color,var(--jp-ui-font-color1,inherit));font-size:14px}"
    ".pc-exec table{border-collapse:collapse;margin:.5em 0;font-size:13px}"
    ".pc-exec table th,.pc-exec table td{border-bottom:1px solid var(--md-default-fg-color--lightest,#8884);"
    "padding:2px 8px;text-align:left;vertical-align:top}"
    ".pc-exec table td.num{text-align:right;font-variant-numeric:tabular-nums}"
    ".pc-exec pre{margin:0;max-width:32em;max-height:12em;overflow:auto;white-space:pre-wrap;font-size:12px}"
)
