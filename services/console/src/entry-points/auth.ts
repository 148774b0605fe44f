import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'console_session';

const mac = (token: string, purpose: string) => createHmac('sha256', token).update(purpose).digest('base64url');
const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export interface Authority {
  /** How the request proves the token: a bearer header (scripts) or the session cookie (browser). */
  check(req: Request): 'bearer' | 'session' | undefined;
  signedIn(req: Request): boolean;
  csrf(): string | undefined;
  /** A cookie-authenticated form must also carry the CSRF value (the cookie alone is not intent). */
  csrfOk(req: Request, sent: unknown): boolean;
  signIn(res: Response, token: unknown, secure: boolean): boolean;
  signOut(res: Response): void;
}

/** The per-run token proves an operator; the browser keeps only an HMAC of it in a cookie. */
export function createAuthority(token: string | undefined): Authority {
  const session = token ? mac(token, 'session') : undefined;
  const csrfValue = token ? mac(token, 'csrf') : undefined;
  const check: Authority['check'] = (req) => {
    if (!token || !session) return undefined;
    const header = req.get('authorization');
    if (header?.startsWith('Bearer ') && same(header.slice(7).trim(), token)) return 'bearer';
    const c = cookie(req, SESSION_COOKIE);
    return c && same(c, session) ? 'session' : undefined;
  };
  return {
    check,
    signedIn: (req) => check(req) !== undefined,
    csrf: () => csrfValue,
    csrfOk: (req, sent) =>
      check(req) === 'bearer' || (typeof sent === 'string' && csrfValue !== undefined && same(sent, csrfValue)),
    signIn(res, given, secure) {
      if (!token || !session || typeof given !== 'string' || !same(given.trim(), token)) return false;
      res.cookie(SESSION_COOKIE, session, {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/',
        maxAge: 12 * 3_600_000,
      });
      return true;
    },
    signOut(res) {
      res.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  };
}
