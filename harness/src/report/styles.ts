/** The report's inline stylesheet (no external fonts or images). */
export const REPORT_CSS = `
:root { --fg:#1d2329; --muted:#5c6670; --line:#d6dbe0; --pass:#2b8a3e; --fail:#c92a2a; --firing:#e8590c; --pending:#fab005; --incident:rgba(25,113,194,.14); --quiet:rgba(134,142,150,.18); --other:rgba(174,62,201,.08); }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0; padding: 24px 32px 64px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid var(--line); }
h3 { font-size: 15px; margin: 24px 0 6px; }
p.meta, .muted { color: var(--muted); }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-weight: 700; font-size: 12px; color: #fff; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.none { background: #868e96; }
.ok { color: var(--pass); } .miss { color: var(--fail); font-weight: 600; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f1f3f5; padding: 0 3px; border-radius: 3px; }
svg { display: block; }
svg .tick { stroke: #e9ecef; stroke-width: 1; }
svg .tick-label, svg .row-label { font: 11px ui-monospace, SFMono-Regular, Menlo, monospace; fill: var(--muted); }
svg .row-label { fill: var(--fg); }
svg .band-incident { fill: var(--incident); } svg .band-quiet { fill: var(--quiet); } svg .band-other { fill: var(--other); }
svg .gt-incident { fill: #1971c2; } svg .gt-quiet { fill: #868e96; } svg .gt-other { fill: #ae3ec9; }
svg .pending { fill: var(--pending); } svg .firing { fill: var(--firing); }
svg .spark { fill: none; stroke: #1971c2; stroke-width: 1.3; }
.legend span { display: inline-block; margin-right: 14px; }
.legend i { display: inline-block; width: 12px; height: 10px; margin-right: 4px; vertical-align: -1px; }
.scroll { overflow-x: auto; }
.tl { margin: 6px 0 12px; }
.tl-controls button { font: inherit; font-size: 12px; margin-right: 4px; padding: 1px 8px; cursor: pointer; }
.tl-body { display: flex; align-items: flex-start; }
.tl-labels { flex: none; }
.tl-plotwrap { position: relative; flex: 1 1 auto; min-width: 0; cursor: crosshair; user-select: none; }
.tl-axis { position: absolute; left: 0; right: 0; top: 2px; height: 14px; overflow: hidden; pointer-events: none; }
.tl-axis span { position: absolute; transform: translateX(-50%); font: 11px ui-monospace, SFMono-Regular, Menlo, monospace; color: var(--muted); white-space: nowrap; }
.tl-select { display: none; position: absolute; top: 0; bottom: 0; background: rgba(25,113,194,.18); pointer-events: none; }
figure.incident-zoom { margin: 8px 0 14px; }
figure.incident-zoom figcaption { font-size: 13px; margin-bottom: 2px; }
svg .zoom-incident { fill: rgba(25,113,194,.12); stroke: #1971c2; stroke-width: 1; }
svg .zoom-pending { fill: rgba(250,176,5,.35); } svg .zoom-firing { fill: rgba(232,89,12,.3); }
svg .threshold { stroke: #c92a2a; stroke-width: 1.3; stroke-dasharray: 5 3; }
details.other-incidents > summary { cursor: pointer; color: var(--muted); }
`;
