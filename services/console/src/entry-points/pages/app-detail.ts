import type { AppStatus } from '../../domain/overview';
import { html, pill, type Renderable } from '../html';
import { table } from '../layout';
import { probePill } from './overview';

type Row = Readonly<Record<string, unknown>>;
const rows = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);
const text = (v: unknown) =>
  v === undefined || v === null || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

export function appDetailBody(s: AppStatus): Renderable {
  const m = s.metadata;
  const actorRuntime = (m?.actorRuntime ?? {}) as Row;
  const actors = rows(actorRuntime['activeActors']).length ? rows(actorRuntime['activeActors']) : rows(m?.['actors']);
  const conn = (m?.['appConnectionProperties'] ?? {}) as Row;
  return html`<p>
      App ${probePill(s.app)} readiness ${pill(s.ready.ready, s.ready.ready ? 'ready' : 'not ready')} sidecar
      ${probePill(s.sidecar)} outbound ${probePill(s.outbound)}
    </p>
    ${
      m
        ? html`<dl class="facts">
              <dt>app id</dt>
              <dd>${text(m.id)}</dd>
              <dt>daprd</dt>
              <dd>${text(m.runtimeVersion)}</dd>
              <dt>app channel</dt>
              <dd>${text(conn['protocol'])} ${text(conn['channelAddress'])}:${text(conn['port'])}</dd>
              <dt>features</dt>
              <dd>${text((m.enabledFeatures ?? []).join(', '))}</dd>
              <dt>workflow workers connected</dt>
              <dd>${s.workflowWorkers ?? 0}</dd>
              <dt>scheduler</dt>
              <dd>${s.schedulerConnected?.length ? s.schedulerConnected.join(', ') : pill(false, 'not connected')}</dd>
              <dt>actor runtime</dt>
              <dd>
                ${text(actorRuntime['runtimeStatus'])}, host ready ${text(actorRuntime['hostReady'])},
                ${text(actorRuntime['placement'])}
              </dd>
            </dl>
            ${table(
              ['name', 'type', 'version', 'capabilities'],
              rows(m.components).map(
                (c) =>
                  html`<tr>
                    <td>${text(c['name'])}</td>
                    <td>${text(c['type'])}</td>
                    <td>${text(c['version'])}</td>
                    <td>${text(rows(c['capabilities']).join(', '))}</td>
                  </tr>`,
              ),
              'Components',
            )}
            ${table(
              ['pub/sub', 'topic', 'routes', 'dead-letter topic', 'type'],
              rows(m.subscriptions).map(
                (x) =>
                  html`<tr>
                    <td>${text(x['pubsubname'])}</td>
                    <td>${text(x['topic'])}</td>
                    <td>
                      ${rows(x['rules'])
                        .map((r) => `${text(r['match'] || '*')} → ${text(r['path'])}`)
                        .join('; ')}
                    </td>
                    <td>${text(x['deadLetterTopic'])}</td>
                    <td>${text(x['type'])}</td>
                  </tr>`,
              ),
              'Subscriptions',
            )}
            ${table(
              ['name'],
              rows(m.httpEndpoints).map(
                (x) =>
                  html`<tr>
                    <td>${text(x['name'])}</td>
                  </tr>`,
              ),
              'HTTP endpoints',
            )}
            ${table(
              ['actor type', 'count'],
              actors.map(
                (a) =>
                  html`<tr>
                    <td>${text(a['type'])}</td>
                    <td>${text(a['count'])}</td>
                  </tr>`,
              ),
              'Actors',
            )}
            ${table(
              ['resiliency policy'],
              rows(m['resiliencies']).map(
                (r) =>
                  html`<tr>
                    <td>${text(r['name'] ?? r)}</td>
                  </tr>`,
              ),
              'Resiliency',
            )}
            <details>
              <summary>everything the metadata API returned</summary>
              <pre>${JSON.stringify(m, null, 2)}</pre>
            </details>`
        : html`<p class="notice error" role="alert">
            The sidecar's metadata API did not answer: ${s.metadataError ?? 'unknown error'}
          </p>`
    }
    <h2>Readiness checks</h2>
    ${table(
      ['check', 'state'],
      Object.entries(s.ready.checks).map(
        ([k, v]) =>
          html`<tr>
            <td>${k}</td>
            <td>${pill(v === 'up', v)}</td>
          </tr>`,
      ),
    )}`;
}
