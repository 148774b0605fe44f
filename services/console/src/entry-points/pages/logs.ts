import type { LogLine } from '../../domain/ports';
import { html, jsonIsland, type Renderable } from '../html';
import { logTable } from './orders';

export const LEVELS = ['', 'error', 'warn', 'info', 'debug'] as const;

export function logsBody(p: {
  processes: readonly string[];
  process?: string | undefined;
  level: string;
  text: string;
  lines: readonly LogLine[];
  offset: number;
  configured: boolean;
}): Renderable {
  if (!p.configured)
    return html`<p>No log directory configured (CONSOLE_LOG_DIR). In the cluster: <code>kubectl logs</code>.</p>`;
  return html`<form method="get" action="/logs" class="filters" id="log-filters">
      <label
        >Process
        <select name="process">
          ${p.processes.map((x) => html`<option${x === p.process ? ' selected' : ''}>${x}</option>`)}
        </select></label
      >
      <label
        >Level
        <select name="level">
          ${LEVELS.map((l) => html`<option value="${l}" ${l === p.level ? ' selected' : ''}>${l || 'any'}</option>`)}
        </select></label
      >
      <label>Text <input type="search" name="text" value="${p.text}" maxlength="200" /></label>
      <button type="submit">Show</button>
      <label class="check"><input type="checkbox" id="live" checked /> live tail</label>
    </form>
    <div id="log-view" aria-live="polite">${logTable(p.lines)}</div>
    ${jsonIsland('log-state', { process: p.process, level: p.level, text: p.text, offset: p.offset })}`;
}
