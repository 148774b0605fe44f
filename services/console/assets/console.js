// Progressive enhancement only: every page works without this file. It adds the live log
// tail and draws the metrics charts with uPlot (served by the console itself).
'use strict';
/* global document, window */

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function liveTail() {
  const stateEl = document.getElementById('log-state');
  const view = document.getElementById('log-view');
  const live = document.getElementById('live');
  if (!stateEl || !view || !live) return;
  const state = JSON.parse(stateEl.textContent);
  if (!state.process) return;
  const tbody = view.querySelector('tbody');
  async function poll() {
    if (live.checked) {
      try {
        const url = `/logs/tail.json?process=${encodeURIComponent(state.process)}&after=${state.offset}`;
        const res = await fetch(url, { headers: { accept: 'application/json' } });
        const body = await res.json();
        state.offset = body.offset;
        for (const l of body.lines) {
          if (state.level && l.level !== state.level) continue;
          if (state.text && !(l.message || '').includes(state.text)) continue;
          const tr = el('tr', undefined, `level-${l.level}`);
          for (const v of [l.at || '', l.process, l.level, l.message, l.traceId || '']) tr.appendChild(el('td', v));
          tbody.appendChild(tr);
        }
        while (tbody.rows.length > 500) tbody.deleteRow(0);
      } catch {
        // the console restarting: try again on the next tick
      }
    }
    setTimeout(poll, 2000);
  }
  setTimeout(poll, 2000);
}

const CHARTS = [
  ['requestRate', 'Requests per second', () => true],
  ['errorRate', 'Errors per second (5xx, gRPC not OK)', () => true],
  ['latencyMs', 'Mean request latency (ms)', (p) => !p.startsWith('daprd-')],
  ['workflowMs', 'Workflow execution latency (ms)', (p) => p.startsWith('daprd-')],
  ['activityMs', 'Activity execution latency (ms)', (p) => p.startsWith('daprd-')],
];
const COLOURS = [
  '#0550ae',
  '#a40e26',
  '#116329',
  '#7d4e00',
  '#6639ba',
  '#1b7c83',
  '#953800',
  '#57606a',
  '#bf3989',
  '#0a3069',
  '#4d2d00',
  '#24292f',
];

function loadUplot() {
  return new Promise((resolve, reject) => {
    const css = el('link');
    css.rel = 'stylesheet';
    css.href = '/assets/uplot/uPlot.min.css';
    document.head.appendChild(css);
    const s = el('script');
    s.src = '/assets/uplot/uPlot.iife.min.js';
    s.onload = () => resolve(window.uPlot);
    s.onerror = reject;
    document.head.appendChild(s);
  });
}

function drawChart(box, uPlot, title, times, lines) {
  const fig = el('figure', undefined, 'chart');
  fig.appendChild(el('figcaption', title));
  box.appendChild(fig);
  if (!times.length || !lines.length) {
    fig.appendChild(el('p', 'no data yet'));
    return;
  }
  const series = [{}].concat(
    lines.map((l, i) => ({ label: l.label, stroke: COLOURS[i % COLOURS.length], width: 1.5 })),
  );
  new uPlot(
    { width: 400, height: 180, series, axes: [{}, { size: 50 }] },
    [times].concat(lines.map((l) => l.values)),
    fig,
  );
}

async function charts() {
  const box = document.getElementById('charts');
  if (!box) return;
  try {
    const [uPlot, res] = await Promise.all([
      loadUplot(),
      fetch(box.dataset.src, { headers: { accept: 'application/json' } }),
    ]);
    const { series } = await res.json();
    box.textContent = '';
    const times = series.find((s) => s.times.length)?.times ?? [];
    const has = (values) => values.some((v) => v !== null && v !== 0);
    for (const [key, title, keep] of CHARTS) {
      const lines = series
        .filter((s) => keep(s.process) && has(s[key]))
        .map((s) => ({ label: s.process, values: s[key].slice(-times.length) }));
      drawChart(box, uPlot, title, times, lines);
    }
    const order = series.find((s) => Object.keys(s.checkouts).length);
    const outcomes = order
      ? Object.entries(order.checkouts).map(([k, v]) => ({ label: k, values: v.slice(-times.length) }))
      : [];
    drawChart(box, uPlot, 'Checkout outcomes per interval', times, outcomes);
    const down = series.filter((s) => !s.up);
    if (down.length) {
      const p = el('p', `Not answering: ${down.map((s) => `${s.process} (${s.error})`).join(', ')}`, 'notice error');
      p.setAttribute('role', 'alert');
      box.prepend(p);
    }
  } catch (err) {
    box.textContent = `The charts could not load: ${err}`;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  liveTail();
  void charts();
});
