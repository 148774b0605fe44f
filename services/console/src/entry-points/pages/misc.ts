import type { AuditRecord } from '../../domain/ports';
import { html, type Renderable } from '../html';
import { table } from '../layout';

export function chartsBody(): Renderable {
  return html`<p>
      Rates per second and mean latencies between scrapes of every app's, sidecar's, placement's and scheduler's
      Prometheus endpoint (kept in memory for the last few minutes).
    </p>
    <div id="charts" class="charts" data-src="/charts/series.json"><p>Loading the charts…</p></div>
    <noscript
      ><p>The charts need JavaScript; <a href="/charts/series.json">the series as JSON</a>.</p></noscript
    >`;
}

export function auditBody(records: readonly AuditRecord[]): Renderable {
  return table(
    ['time', 'action', 'target', 'reason', 'outcome', 'from'],
    records.map(
      (r) =>
        html`<tr class="audit">
          <td>${r.at}</td>
          <td>${r.action}</td>
          <td>${r.target}</td>
          <td>${r.reason}</td>
          <td>${r.outcome}${r.detail ? html` <small>${r.detail}</small>` : ''}</td>
          <td>${r.from}</td>
        </tr>`,
    ),
    'Actions taken on this console, newest first',
  );
}

export function loginBody(next: string, error?: string): Renderable {
  return html`${error ? html`<p class="notice error" role="alert">${error}</p>` : ''}
    <p>
      Actions need the token that <code>npm start</code> printed (also in
      <code>.run/&lt;profile&gt;/console-token</code>).
    </p>
    <form method="post" action="/login">
      <input type="hidden" name="next" value="${next}" />
      <label
        >Console token <input type="password" name="token" required autocomplete="current-password" size="50"
      /></label>
      <button type="submit">Sign in</button>
    </form>`;
}
