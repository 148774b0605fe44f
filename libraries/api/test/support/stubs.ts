import type { Authenticator } from '@shop/service-kit';

/** Stands in for any dependency while routes are only being registered, never called. */
export const anything: never = new Proxy<() => void>(function stub() {}, {
  get: (_target, key) => (key === 'then' ? undefined : anything),
  apply: () => anything,
}) as never;

const pass = () => (_req: unknown, _res: unknown, next: () => void) => next();
export const stubAuth = { requireAuth: pass, requireRole: pass } as unknown as Authenticator;
