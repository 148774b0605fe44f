// Resources are shown as YAML with their secrets replaced: a metadata value whose name looks
// secret, any value holding a password in a URL or connection string, and secret data.

export const REDACTED = '<redacted>';

const SECRET_NAME = /pass(word)?|secret|token|key|credential|connectionstring|dsn|auth/i;
const INLINE_SECRET = /(:\/\/[^:/@\s]+:)[^@\s]+@|(password|pwd)\s*=\s*[^;\s]+/gi;

function redactText(value: string): string {
  return value.replace(INLINE_SECRET, (_m, url?: string, key?: string) =>
    url ? `${url}${REDACTED}@` : `${key}=${REDACTED}`,
  );
}

/** Returns a redacted deep copy of a parsed Dapr resource (Component, Configuration, Resiliency, ...). */
export function redactResource(doc: unknown): unknown {
  return walk(doc, undefined);
}

function walk(node: unknown, name: string | undefined): unknown {
  if (typeof node === 'string') return name && SECRET_NAME.test(name) ? REDACTED : redactText(node);
  if (Array.isArray(node)) return node.map((n) => walk(n, name));
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    // Dapr metadata items: {name, value} or {name, secretKeyRef} (a reference, safe to show).
    if (typeof obj['name'] === 'string' && 'value' in obj) {
      return { ...obj, value: walk(obj['value'], obj['name'] as string) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      if ((k === 'data' || k === 'stringData') && v && typeof v === 'object') {
        out[k] = Object.fromEntries(Object.keys(v).map((x) => [x, REDACTED]));
      } else {
        out[k] = k === 'name' || k === 'kind' || k === 'type' ? v : walk(v, k === 'value' ? name : k);
      }
    }
    return out;
  }
  return node;
}
