// Typed templates: a tagged template that escapes every interpolated value unless it is
// already Html, so a page cannot be given unescaped text by accident.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export type Renderable = Html | string | number | boolean | null | undefined | readonly Renderable[];

function render(value: Renderable): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i += 1) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

export const raw = (text: string) => new Html(text);

/** JSON for a <script type="application/json"> island: `<` escaped so it cannot close the tag. */
export const jsonIsland = (id: string, data: unknown) =>
  raw(
    `<script type="application/json" id="${escapeHtml(id)}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`,
  );

export const when = (cond: unknown, part: () => Renderable): Renderable => (cond ? part() : '');

export const ago = (date: Date | undefined, now = Date.now()): string => {
  if (!date) return '—';
  const s = Math.round((now - date.getTime()) / 1000);
  if (s < 0) return `in ${fmtSeconds(-s)}`;
  return `${fmtSeconds(s)} ago`;
};

export function fmtSeconds(s: number): string {
  if (s < 90) return `${s}s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

export const iso = (date: Date | undefined) => (date ? date.toISOString() : '—');

export const pill = (ok: boolean | undefined, text: string) =>
  html`<span class="pill ${ok === undefined ? 'grey' : ok ? 'green' : 'red'}">${text}</span>`;

/** Pretty JSON when the text is JSON, the text itself otherwise. */
export function pretty(text: string | undefined): string {
  if (text === undefined || text === '') return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
