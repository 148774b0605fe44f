import type { IndexState } from '../../domain/instance-index';
import { WORKFLOW_STATUSES, type InstanceSummary, type Page, type WorkflowStatus } from '../../domain/workflows';
import { ago, html, pill, type Renderable } from '../html';
import { table } from '../layout';

export interface ListQuery {
  readonly status?: WorkflowStatus | undefined;
  readonly name?: string | undefined;
  readonly age?: string | undefined;
  readonly q?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export const AGES: Readonly<Record<string, { label: string; olderThanMs?: number; newerThanMs?: number }>> = {
  '': { label: 'any age' },
  '1h': { label: 'last hour', newerThanMs: 3_600_000 },
  '24h': { label: 'last 24 h', newerThanMs: 86_400_000 },
  'older-1h': { label: 'older than 1 h', olderThanMs: 3_600_000 },
  'older-24h': { label: 'older than 24 h', olderThanMs: 86_400_000 },
};

export const statusPill = (s: string) =>
  pill(s === 'COMPLETED' ? true : ['FAILED', 'TERMINATED', 'STALLED', 'CANCELED'].includes(s) ? false : undefined, s);

const qs = (q: ListQuery, page: number) => {
  const p = new URLSearchParams();
  if (q.status) p.set('status', q.status);
  if (q.name) p.set('name', q.name);
  if (q.age) p.set('age', q.age);
  if (q.q) p.set('q', q.q);
  p.set('page', String(page));
  return `?${p.toString()}`;
};

export function workflowsBody(p: {
  page: Page<InstanceSummary>;
  query: ListQuery;
  names: readonly string[];
  counts: Record<string, number>;
  state: IndexState;
}): Renderable {
  const { page, query, state } = p;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const errors = Object.entries(state.errors);
  return html`${errors.map(([app, e]) => html`<p class="notice error" role="alert">${app}: the workflow listing failed (${e}); showing what was last known.</p>`)}
    <p>
      <small>Index refreshed ${ago(state.refreshedAt)}.</small>
      ${WORKFLOW_STATUSES.filter((s) => p.counts[s]).map((s) => html`<a href="/workflows?status=${s}">${s} ${p.counts[s]}</a> `)}
    </p>
    <form method="get" action="/workflows" class="filters" role="search">
      <label
        >Status
        <select name="status">
          <option value="">any</option>
          ${WORKFLOW_STATUSES.map((s) => html`<option value="${s}" ${query.status === s ? ' selected' : ''}>${s}</option>`)}
        </select></label
      >
      <label
        >Name
        <select name="name">
          <option value="">any</option>
          ${p.names.map((n) => html`<option${query.name === n ? ' selected' : ''}>${n}</option>`)}
        </select></label
      >
      <label
        >Age
        <select name="age">
          ${Object.entries(AGES).map(([k, v]) => html`<option value="${k}" ${(query.age ?? '') === k ? ' selected' : ''}>${v.label}</option>`)}
        </select></label
      >
      <label>Order id or instance id <input type="search" name="q" value="${query.q ?? ''}" maxlength="100" /></label>
      <button type="submit">Filter</button>
    </form>
    ${table(
      ['instance', 'workflow', 'status', 'custom status', 'app', 'created', 'updated', 'order'],
      page.items.map(
        (i) =>
          html`<tr>
            <td><a href="/workflows/${i.app}/${encodeURIComponent(i.instanceId)}">${i.instanceId}</a></td>
            <td>${i.name}</td>
            <td>${statusPill(i.status)}</td>
            <td>${i.customStatus ?? ''}</td>
            <td>${i.app}</td>
            <td>${ago(i.createdAt)}</td>
            <td>${ago(i.lastUpdatedAt)}</td>
            <td>${i.orderId ? html`<a href="/orders/${i.orderId}">order</a>` : ''}</td>
          </tr>`,
      ),
      `${page.total} instances`,
    )}
    <nav aria-label="Pages" class="pager">
      ${page.page > 1 ? html`<a href="/workflows${qs(query, page.page - 1)}" rel="prev">Previous</a>` : ''}
      <span>page ${page.page} of ${pages}</span>
      ${page.page < pages ? html`<a href="/workflows${qs(query, page.page + 1)}" rel="next">Next</a>` : ''}
    </nav>`;
}
