import type { ResourceFile } from '../../domain/ports';
import { html, type Renderable } from '../html';

export function resourcesBody(
  files: readonly ResourceFile[],
  configured: boolean,
  loadedBy: (name: string) => string[],
): Renderable {
  if (!configured)
    return html`<p>No resource files configured (CONSOLE_RESOURCES); each app's loaded components are on its page.</p>`;
  const kinds = [...new Set(files.map((f) => f.kind))].sort();
  return html`<p>${files.length} resources. Secrets are shown as <code>&lt;redacted&gt;</code>.</p>
    ${kinds.map(
      (kind) =>
        html`<h2>${kind}</h2>
          ${files
            .filter((f) => f.kind === kind)
            .map((f) => {
              const apps = loadedBy(f.name);
              return html`<section class="resource" aria-label="${kind} ${f.name}">
                <h3>${f.name}</h3>
                <p>
                  <small>${f.file}</small> · scopes: ${f.scopes.length ? f.scopes.join(', ') : 'all apps'} · loaded by:
                  ${apps.length ? apps.join(', ') : kind === 'Component' ? 'no running sidecar' : 'n/a'}
                </p>
                <pre tabindex="0">${f.yaml}</pre>
              </section>`;
            })}`,
    )}`;
}
