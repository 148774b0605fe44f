import type { AppStatus, ControlPlaneStatus, Overview } from '../../domain/overview';
import type { ProcessInfo, Probe } from '../../domain/ports';
import { html, pill, type Renderable } from '../html';
import { table } from '../layout';

export const probePill = (p: Probe, label = p.ok ? 'up' : 'down') =>
  html`<span title="${p.ok ? `${p.ms} ms` : p.error}"
    >${pill(p.ok, label)}${p.ok ? '' : html` <small class="err">${p.error}</small>`}</span
  >`;

const ports = (s: AppStatus) =>
  Object.entries(s.target.ports ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

const proc = (p: ProcessInfo | undefined) => (p ? `${p.id}${p.restarts !== undefined ? ` (${p.restarts})` : ''}` : '—');

function appRow(s: AppStatus): Renderable {
  const version = s.metadata?.runtimeVersion ?? s.metadataError ?? '—';
  return html`<tr>
    <th scope="row"><a href="/apps/${s.target.name}">${s.target.name}</a></th>
    <td>${probePill(s.app)}</td>
    <td>
      ${pill(s.ready.ready, s.ready.ready ? 'ready' : 'not ready')}${
        s.ready.ready
          ? ''
          : html` <small class="err"
              >${Object.entries(s.ready.checks)
                .filter(([, v]) => v !== 'up')
                .map(([k, v]) => `${k}: ${v}`)
                .join('; ')}</small
            >`
      }
    </td>
    <td>${probePill(s.sidecar)}</td>
    <td>${probePill(s.outbound)}</td>
    <td>${version}</td>
    <td>${proc(s.process)} / ${proc(s.sidecarProcess)}</td>
    <td><small>${ports(s)}</small></td>
    <td>${s.workflowWorkers ?? 0}</td>
    <td>
      ${s.schedulerConnected?.length ? pill(true, `${s.schedulerConnected.length} connected`) : pill(undefined, 'none')}
    </td>
  </tr>`;
}

function controlRow(c: ControlPlaneStatus): Renderable {
  return html`<tr>
    <th scope="row">${c.target.name}</th>
    <td>${probePill(c.health)}</td>
    <td>${c.target.address}</td>
    <td>${proc(c.process)}</td>
    <td>
      ${
        c.target.name === 'placement'
          ? c.table === undefined
            ? html`<small>table not exposed (placement runs without <code>--metadata-enabled</code>)</small>`
            : html`<details>
                <summary>placement table</summary>
                <pre>${JSON.stringify(c.table, null, 2)}</pre>
              </details>`
          : html`<small>connections are listed per sidecar above</small>`
      }
    </td>
  </tr>`;
}

export function overviewBody(o: Overview): Renderable {
  const down =
    o.apps.filter((a) => !a.app.ok || !a.sidecar.ok || !a.outbound.ok).length +
    o.controlPlane.filter((c) => !c.health.ok).length;
  return html`<p>
      ${down === 0 ? pill(true, 'all up') : pill(false, `${down} down`)} ${o.apps.length} apps, ${o.controlPlane.length}
      control-plane processes.
    </p>
    ${table(['app', 'app health', 'readiness', 'sidecar', 'outbound', 'daprd version', 'pid or pod: app / sidecar (restarts)', 'ports', 'workflow workers', 'scheduler'], o.apps.map(appRow), 'Apps and their sidecars')}
    ${table(['process', 'health', 'address', 'pid or pod', 'state'], o.controlPlane.map(controlRow), 'Control plane')}`;
}
