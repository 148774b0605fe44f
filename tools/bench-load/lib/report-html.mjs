// A self-contained HTML report: tables and inline SVG plots, no script, no CDN.
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** A line chart of `series` ([{label, color, points: [[x, y]]}]) as an SVG string. */
export function lineChart({ title, yLabel, series, width = 760, height = 240 }) {
  const pad = { l: 56, r: 12, t: 24, b: 28 };
  const xs = series.flatMap((s) => s.points.map(([x]) => x));
  const ys = series.flatMap((s) => s.points.map(([, y]) => y)).filter((y) => y !== null);
  const xMax = Math.max(1, ...xs);
  const yMax = Math.max(1, ...ys) * 1.1;
  const X = (x) => pad.l + (x / xMax) * (width - pad.l - pad.r);
  const Y = (y) => height - pad.b - (y / yMax) * (height - pad.t - pad.b);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const v = yMax * f;
    return `<line x1="${pad.l}" x2="${width - pad.r}" y1="${Y(v)}" y2="${Y(v)}" stroke="#eee"/><text x="${pad.l - 4}" y="${Y(v) + 4}" text-anchor="end">${v >= 100 ? Math.round(v) : v.toFixed(1)}</text>`;
  });
  const lines = series.map((s) => {
    const d = s.points
      .filter(([, y]) => y !== null)
      .map(([x, y], i) => `${i ? 'L' : 'M'}${X(x).toFixed(1)},${Y(y).toFixed(1)}`)
      .join('');
    return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.5"/>`;
  });
  const legend = series.map(
    (s, i) => `<text x="${pad.l + 8 + i * 120}" y="14" fill="${s.color}">■ ${esc(s.label)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">
<text x="${width / 2}" y="${height - 4}" text-anchor="middle">${esc(title)} (x: seconds)</text>
<text x="12" y="${height / 2}" transform="rotate(-90 12 ${height / 2})" text-anchor="middle">${esc(yLabel)}</text>
${ticks.join('')}${lines.join('')}${legend.join('')}</svg>`;
}

function table(headers, rows) {
  return `<table><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c ?? '')}</td>`).join('')}</tr>`).join('')}</table>`;
}

function runSection(run) {
  const t = run.result.timeline;
  const latency = lineChart({
    title: 'latency per second',
    yLabel: 'ms',
    series: [
      { label: 'p50', color: '#1f77b4', points: t.map((s) => [s.t, s.p50]) },
      { label: 'p99', color: '#d62728', points: t.map((s) => [s.t, s.p99]) },
    ],
  });
  const throughput = lineChart({
    title: 'throughput per second',
    yLabel: 'answers/s',
    series: [
      { label: 'answers', color: '#2ca02c', points: t.map((s) => [s.t, s.done]) },
      { label: 'errors', color: '#d62728', points: t.map((s) => [s.t, s.errors]) },
    ],
  });
  const rows = Object.entries({ ...run.result.endpoints, TOTAL: run.result.total }).map(([name, e]) => [
    name,
    e.achievedRate,
    e.p50,
    e.p90,
    e.p99,
    e.p999,
    e.errors,
    JSON.stringify(e.errorsByStatus ?? e.statuses),
  ]);
  return `<h2>${esc(run.label)}: asked ${run.rate}/s for ${run.durationS}s</h2>
${table(['endpoint', 'achieved/s', 'p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'errors', 'errors by status'], rows)}
<div>${latency}</div><div>${throughput}</div>`;
}

export function renderHtml(report) {
  const procs = Object.entries(report.processes ?? {}).map(([n, p]) => [
    n,
    p.pid,
    p.cpuPercent,
    p.rssMiB,
    p.peakRssMiB,
  ]);
  const sweep = report.sweep
    ? `<h2>Sweep</h2><p>knee: <b>${esc(report.sweep.knee ?? 'not reached')}</b> req/s (p99 SLO ${report.sweep.sloP99Ms} ms)</p>` +
      table(
        ['asked/s', 'achieved/s', 'p99 ms', 'errors', 'passed'],
        report.sweep.steps.map((s) => [s.rate, s.achievedRate, s.p99, s.errors, s.passed]),
      ) +
      (report.sweep.overload
        ? `<p>at ${report.sweep.overload.rate}/s (2 × knee): ${esc(JSON.stringify(report.sweep.overload))}</p>`
        : '')
    : '';
  const soak = report.soak ? soakSection(report.soak) : '';
  const floor = report.floor ? floorSection(report.floor) : '';
  const inv = report.invariants
    ? `<h2>Invariants: ${report.invariants.passed ? 'passed' : 'FAILED'}</h2><pre>${esc(JSON.stringify(report.invariants, null, 2))}</pre>`
    : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench:load ${esc(report.scenario)} ${esc(report.startedAt)}</title>
<style>body{font-family:sans-serif;margin:24px;max-width:900px}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:right}th{background:#f4f4f4}td:first-child{text-align:left}</style>
</head><body><h1>bench:load — ${esc(report.scenario)}</h1>
<p>${esc(report.startedAt)}, profile ${esc(report.profile)}, ${esc(report.origin)}, ${report.options.connections} connections, commit ${esc(report.commit)}</p>
${report.runs.map(runSection).join('')}${floor}${sweep}
<h2>Processes (CPU % of one core over the run, RSS MiB)</h2>${table(['process', 'pid', 'CPU %', 'RSS', 'peak RSS'], procs)}
${soak}${inv}</body></html>`;
}

const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/** The soak's memory of every process over time, and its verdict. */
function soakSection(soak) {
  const names = Object.keys(soak.memorySeries[0]?.rssMiB ?? {});
  const chart = (title, which) =>
    lineChart({
      title,
      yLabel: 'RSS MiB',
      width: 860,
      series: which.map((n, i) => ({
        label: n,
        color: COLORS[i % COLORS.length],
        points: soak.memorySeries.map((p) => [p.atS, p.rssMiB[n] ?? null]),
      })),
    });
  const rows = Object.entries(soak.memory.processes ?? {}).map(([n, m]) => [
    n,
    m.baselineMiB,
    m.endMiB,
    m.growthPercent,
    m.slopeMiBPerMin,
  ]);
  return `<h2>Soak: ${soak.passed ? 'passed' : 'FAILED'}</h2><p>errors: ${soak.errors}; memory after warm-up (${soak.memory.warmupS ?? '?'} s) must grow ≤ 10 %</p>
<div>${chart(
    'memory of the apps and the load generator',
    names.filter((n) => !n.startsWith('daprd')),
  )}</div>
<div>${chart(
    'memory of the sidecars',
    names.filter((n) => n.startsWith('daprd')),
  )}</div>
${table(['process', 'after warm-up MiB', 'end MiB', 'growth %', 'MiB/min'], rows)}
<pre>${esc(JSON.stringify(soak.tables, null, 2))}</pre>`;
}

function floorSection(f) {
  return `<h2>The machine's floor: a bare node:http server, same generator, rate and connections</h2>
${table(
  ['', 'achieved/s', 'p50 ms', 'p90 ms', 'p99 ms', 'errors'],
  [
    ['shop', f.shop.achievedRate, f.shop.p50, f.shop.p90, f.shop.p99, f.shop.errors],
    ['floor', f.floor.achievedRate, f.floor.p50, f.floor.p90, f.floor.p99, f.floor.errors],
  ],
)}<p>shop / floor: p50 ${f.p50Ratio} ×, p99 ${f.p99Ratio} ×; the floor server used ${f.serverCpuPercent} % of a core</p>
${runSection(f.run)}`;
}
