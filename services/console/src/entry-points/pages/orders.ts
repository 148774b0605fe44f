import type { LogLine, OrderRecord } from '../../domain/ports';
import type { InstanceSummary } from '../../domain/workflows';
import { ago, html, iso, pill, type Renderable } from '../html';
import { table } from '../layout';
import { statusPill } from './workflows';

export const orderSearchForm = (value = '') =>
  html`<form method="get" action="/orders" role="search">
    <label
      >Order id <input type="search" name="q" value="${value}" required pattern="[0-9a-fA-F-]{36}" size="40"
    /></label>
    <button type="submit">Open</button>
  </form>`;

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

export function logTable(lines: readonly LogLine[], traceUrl?: (id: string) => string | undefined): Renderable {
  return table(
    ['time', 'process', 'level', 'message', 'trace'],
    lines.map((l) => {
      const url = l.traceId ? traceUrl?.(l.traceId) : undefined;
      return html`<tr class="level-${l.level}">
        <td>${l.at ?? ''}</td>
        <td>${l.process}</td>
        <td>${l.level}</td>
        <td>${l.message}</td>
        <td>${l.traceId ? (url ? html`<a href="${url}">${l.traceId}</a>` : l.traceId) : ''}</td>
      </tr>`;
    }),
  );
}

export function orderBody(p: {
  orderId: string;
  order?: OrderRecord | undefined;
  orderError?: string | undefined;
  configured: boolean;
  sagas: readonly InstanceSummary[];
  logs: readonly LogLine[];
  traceIds: readonly string[];
  traceUrl?: ((id: string) => string | undefined) | undefined;
}): Renderable {
  const o = p.order;
  return html`${orderSearchForm(p.orderId)}
    ${p.orderError ? html`<p class="notice error" role="alert">The order database did not answer: ${p.orderError}</p>` : ''}
    ${!p.configured ? html`<p>The order database is not configured (ORDER_DATABASE_URL): only the sagas and logs are shown.</p>` : ''}
    ${
      o
        ? html`<dl class="facts">
              <dt>status</dt>
              <dd>
                ${pill(o.status === 'PENDING' ? undefined : o.status !== 'CANCELLED', o.status)}
                <span data-order-status="${o.status}"></span>${o.cancellationReason ? ` (${o.cancellationReason})` : ''}
              </dd>
              <dt>total</dt>
              <dd>${money(o.total, o.currency)}</dd>
              <dt>created</dt>
              <dd>${iso(o.createdAt)} (${ago(o.createdAt)})</dd>
              <dt>updated</dt>
              <dd>${iso(o.updatedAt)}</dd>
            </dl>
            ${table(
              ['product', 'name', 'quantity', 'unit price'],
              o.items.map(
                (i) =>
                  html`<tr>
                    <td>${i.productId}</td>
                    <td>${i.name}</td>
                    <td>${i.quantity}</td>
                    <td>${money(i.unitPrice, o.currency)}</td>
                  </tr>`,
              ),
              'Items',
            )}
            ${table(
              ['#', 'event', 'at', 'data'],
              o.history.map(
                (e) =>
                  html`<tr>
                    <td>${e.seq}</td>
                    <td>${e.type}</td>
                    <td>${iso(e.at)}</td>
                    <td><code>${JSON.stringify(e.data).slice(0, 200)}</code></td>
                  </tr>`,
              ),
              'Event-sourced history',
            )}`
        : p.configured && !p.orderError
          ? html`<p class="notice error" role="alert">No order ${p.orderId} in the order database.</p>`
          : ''
    }
    <h2>Sagas</h2>
    ${table(
      ['instance', 'workflow', 'status', 'custom status', 'created'],
      p.sagas.map(
        (s) =>
          html`<tr>
            <td><a href="/workflows/${s.app}/${encodeURIComponent(s.instanceId)}">${s.instanceId}</a></td>
            <td>${s.name}</td>
            <td>${statusPill(s.status)}</td>
            <td>${s.customStatus ?? ''}</td>
            <td>${ago(s.createdAt)}</td>
          </tr>`,
      ),
    )}
    <h2>Log lines</h2>
    <p>
      Trace ids:
      ${
        p.traceIds.length
          ? p.traceIds.map((t) => {
              const url = p.traceUrl?.(t);
              return html`<code>${url ? html`<a href="${url}">${t}</a>` : t}</code> `;
            })
          : 'none found'
      }
    </p>
    ${logTable(p.logs, p.traceUrl)}`;
}

export const recentOrders = (sagas: readonly InstanceSummary[]) =>
  table(
    ['order', 'saga', 'status', 'created'],
    sagas.map(
      (s) =>
        html`<tr>
          <td><a href="/orders/${s.orderId ?? ''}">${s.orderId ?? ''}</a></td>
          <td>${s.name}</td>
          <td>${statusPill(s.status)}</td>
          <td>${ago(s.createdAt)}</td>
        </tr>`,
    ),
    'Latest orders with a saga',
  );
