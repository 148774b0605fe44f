import { actionsFor, type ActionName } from '../../domain/actions';
import type { Timeline, TimelineStep } from '../../domain/timeline';
import type { HistoryEvent, InstanceDetail } from '../../domain/workflows';
import { ago, html, iso, pill, pretty, type Renderable } from '../html';
import { table } from '../layout';
import { statusPill } from './workflows';

export interface DetailView {
  readonly instance: InstanceDetail;
  readonly timeline?: Timeline | undefined;
  readonly historyError?: string | undefined;
  readonly events: readonly HistoryEvent[];
  readonly showAllEvents: boolean;
  readonly awaitsApproval: boolean;
  readonly paymentId?: string | undefined;
  readonly actions: {
    readonly enabled: boolean;
    readonly signedIn: boolean;
    readonly csrf?: string | undefined;
    readonly approvalEvent?: string | undefined;
    readonly allowed?: ReadonlySet<ActionName> | undefined;
  };
  readonly traceUrl?: string | undefined;
}

const EVENT_LIMIT = 200;

const stepRow = (s: TimelineStep) =>
  html`<tr class="step ${s.kind}">
    <td>${s.eventId}</td>
    <td>${s.kind}</td>
    <td>${s.name}${s.attempt > 1 ? html` <small>(attempt ${s.attempt})</small>` : ''}</td>
    <td>${pill(s.state === 'done' ? true : s.state === 'failed' ? false : undefined, s.state)}</td>
    <td>${iso(s.startedAt)}</td>
    <td>${s.durationMs !== undefined ? `${s.durationMs} ms` : s.fireAt ? `fires ${iso(s.fireAt)}` : ''}</td>
    <td>
      ${
        s.failure
          ? html`<span class="err">${s.failure.errorType}: ${s.failure.errorMessage}</span>`
          : s.result
            ? html`<code>${s.result.slice(0, 160)}</code>`
            : s.input
              ? html`<code>${s.input.slice(0, 160)}</code>`
              : ''
      }
    </td>
  </tr>`;

function actionForm(v: DetailView, action: ActionName, label: string, extra: Renderable = ''): Renderable {
  const i = v.instance;
  const id = `${action}-form`;
  return html`<form
    method="post"
    action="/actions/workflows/${i.app}/${encodeURIComponent(i.instanceId)}/${action}"
    class="action"
    aria-labelledby="${id}-title"
  >
    <h3 id="${id}-title">${label}</h3>
    <input type="hidden" name="csrf" value="${v.actions.csrf ?? ''}" />
    ${extra}
    <label>Reason <input name="reason" required minlength="3" maxlength="500" autocomplete="off" /></label>
    <label class="check"
      ><input type="checkbox" name="confirm" value="yes" required /> I confirm: ${label.toLowerCase()} on
      ${i.instanceId}</label
    >
    <button type="submit" data-action="${action}">${label}</button>
  </form>`;
}

function actionsSection(v: DetailView): Renderable {
  if (!v.actions.enabled) return html`<p><small>Actions are switched off on this console (read-only).</small></p>`;
  if (!v.actions.signedIn)
    return html`<p>
      <a href="/login?next=${encodeURIComponent(`/workflows/${v.instance.app}/${v.instance.instanceId}`)}"
        >Sign in with the console token</a
      >
      to act on this instance.
    </p>`;
  const list = actionsFor(v.instance.status, v.awaitsApproval && v.paymentId !== undefined).filter(
    (a) => !v.actions.allowed || v.actions.allowed.has(a),
  );
  const scheduled = (v.timeline?.steps ?? []).filter((s) => s.kind === 'activity');
  const forms: Renderable[] = list.map((a) => {
    switch (a) {
      case 'raise-event':
        return actionForm(
          v,
          a,
          'Raise event',
          html`<label
              >Event name
              <input
                name="eventName"
                required
                value="${v.actions.approvalEvent ?? ''}"
                pattern="[A-Za-z0-9._:\\-]{1,100}" /></label
            ><label
              >Event data (JSON)
              <textarea name="eventData" rows="2">${v.actions.approvalEvent ? '{"approved": true}' : ''}</textarea>
            </label>`,
        );
      case 'approve-payment':
        return actionForm(
          v,
          a,
          'Approve payment',
          html`<p>
            <small>Sends the provider's signed confirmation for payment ${v.paymentId} to the order service.</small>
          </p>`,
        );
      case 'decline-payment':
        return actionForm(v, a, 'Decline payment');
      case 'suspend':
        return actionForm(v, a, 'Suspend');
      case 'resume':
        return actionForm(v, a, 'Resume');
      case 'terminate':
        return actionForm(v, a, 'Terminate');
      case 'purge':
        return actionForm(v, a, 'Purge');
      case 'rerun':
        return scheduled.length
          ? actionForm(
              v,
              a,
              'Rerun',
              html`<label
                >From event
                <select name="fromEventId">
                  ${scheduled.map((s) => html`<option value="${s.eventId}">${s.eventId}: ${s.name}</option>`)}
                </select></label
              >`,
            )
          : '';
    }
  });
  return html`<div class="actions">${forms}</div>`;
}

export function workflowDetailBody(v: DetailView): Renderable {
  const i = v.instance;
  const t = v.timeline;
  const events = v.showAllEvents ? v.events : v.events.slice(0, EVENT_LIMIT);
  return html`<dl class="facts">
      <dt>status</dt>
      <dd>${statusPill(i.status)}</dd>
      <dt>workflow</dt>
      <dd>${i.name}</dd>
      <dt>app</dt>
      <dd><a href="/apps/${i.app}">${i.app}</a></dd>
      <dt>custom status</dt>
      <dd>${i.customStatus ?? '—'}</dd>
      <dt>created</dt>
      <dd>${iso(i.createdAt)} (${ago(i.createdAt)})</dd>
      <dt>last updated</dt>
      <dd>${iso(i.lastUpdatedAt)}</dd>
      ${
        i.completedAt
          ? html`<dt>completed</dt>
              <dd>${iso(i.completedAt)}</dd>`
          : ''
      }
      <dt>order</dt>
      <dd>${i.orderId ? html`<a href="/orders/${i.orderId}">${i.orderId}</a>` : '—'}</dd>
      ${
        v.traceUrl
          ? html`<dt>trace</dt>
              <dd><a href="${v.traceUrl}">open the trace</a></dd>`
          : ''
      }
    </dl>
    ${
      i.failure
        ? html`<section class="notice error" role="alert">
            <h2>Failure</h2>
            <p>${i.failure.errorType}: ${i.failure.errorMessage}</p>
            ${i.failure.stackTrace ? html`<pre>${i.failure.stackTrace}</pre>` : ''}
          </section>`
        : ''
    }
    <h2>Waiting on</h2>
    ${
      t && t.waitingOn.length
        ? html`<ul>
            ${t.waitingOn.map((w) => html`<li>${w.what} <strong>${w.name}</strong>${w.deadline ? html`, deadline ${iso(w.deadline)} (${ago(w.deadline)})` : ''}</li>`)}
          </ul>`
        : html`<p>nothing</p>`
    }
    <h2>Actions</h2>
    ${actionsSection(v)}
    <h2>Input and output</h2>
    <div class="io">
      <section aria-label="input">
        <h3>Input</h3>
        <pre tabindex="0">${pretty(i.input) || '—'}</pre>
      </section>
      <section aria-label="output">
        <h3>Output</h3>
        <pre tabindex="0">${pretty(i.output) || '—'}</pre>
      </section>
    </div>
    <h2>Timeline</h2>
    ${v.historyError ? html`<p class="notice error" role="alert">The history could not be read: ${v.historyError}</p>` : ''}
    ${t ? table(['event', 'kind', 'name', 'state', 'started', 'duration', 'result'], t.steps.map(stepRow), `${t.steps.length} steps from ${t.eventCount} history events`) : ''}
    <details>
      <summary>Raw history (${v.events.length} events)</summary>
      ${table(
        ['id', 'time', 'kind', 'name', 'ref'],
        events.map(
          (e) =>
            html`<tr>
              <td>${e.eventId}</td>
              <td>${iso(e.at)}</td>
              <td>${e.kind}</td>
              <td>${e.name ?? ''}</td>
              <td>${e.ref ?? ''}</td>
            </tr>`,
        ),
      )}
      ${!v.showAllEvents && v.events.length > EVENT_LIMIT ? html`<p><a href="?events=all">Show all ${v.events.length} events</a></p>` : ''}
    </details>`;
}
