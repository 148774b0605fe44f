import { html, type Html, type Renderable } from './html';

export interface PageContext {
  readonly title: string;
  readonly path: string;
  readonly actionsEnabled: boolean;
  readonly signedIn: boolean;
  readonly csrf?: string | undefined;
  readonly notice?: { readonly kind: 'ok' | 'error'; readonly text: string } | undefined;
}

const NAV: ReadonlyArray<readonly [string, string]> = [
  ['/', 'Overview'],
  ['/workflows', 'Workflows'],
  ['/orders', 'Orders'],
  ['/resources', 'Resources'],
  ['/logs', 'Logs'],
  ['/charts', 'Metrics'],
  ['/audit', 'Audit'],
];

export function layout(ctx: PageContext, body: Renderable, extraHead: Renderable = ''): Html {
  const current = (href: string) =>
    href === '/' ? ctx.path === '/' || ctx.path.startsWith('/apps') : ctx.path.startsWith(href);
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${ctx.title} · shop console</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/console.css" />
        ${extraHead}
        <script src="/assets/console.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
          <nav aria-label="Main">
            <span class="brand">shop console</span>
            <ul>
              ${NAV.map(([href, label]) => html`<li><a href="${href}" ${current(href) ? html` aria-current="page"` : ''}>${label}</a></li>`)}
            </ul>
            <span class="mode"
              >${
                ctx.actionsEnabled
                  ? ctx.signedIn
                    ? html`<form method="post" action="/logout" class="inline">
                        <input type="hidden" name="csrf" value="${ctx.csrf ?? ''}" /><button type="submit">
                          Sign out
                        </button>
                      </form>`
                    : html`<a href="/login">Sign in for actions</a>`
                  : html`<span class="pill grey">read-only</span>`
              }</span
            >
          </nav>
        </header>
        <main id="main" tabindex="-1">
          <h1>${ctx.title}</h1>
          ${ctx.notice ? html`<p class="notice ${ctx.notice.kind}" role="status">${ctx.notice.text}</p>` : ''} ${body}
        </main>
      </body>
    </html>`;
}

export const table = (headers: readonly string[], rows: readonly Renderable[], caption?: string) =>
  html`<table>
    ${
      caption
        ? html`<caption>
            ${caption}
          </caption>`
        : ''
    }
    <thead>
      <tr>
        ${headers.map((h) => html`<th scope="col">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${
        rows.length
          ? rows
          : html`<tr>
              <td colspan="${headers.length}">none</td>
            </tr>`
      }
    </tbody>
  </table>`;
