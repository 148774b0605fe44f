import type { Request, Response } from 'express';
import type { Authority } from './auth';
import type { ConsoleDeps } from './deps';
import type { Renderable } from './html';
import { layout, type PageContext } from './layout';

export const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

export type PageKit = ReturnType<typeof pageKit>;

/** What every page handler needs: the page context, the HTML answer, a 4xx page, trace links. */
export function pageKit(deps: ConsoleDeps, auth: Authority) {
  const traceUrl = (id: string) => (deps.traceUiUrl ? `${deps.traceUiUrl.replace(/\/$/, '')}/trace/${id}` : undefined);
  const ctx = (req: Request, title: string): PageContext => ({
    title,
    path: req.path,
    actionsEnabled: deps.actionsEnabled,
    signedIn: auth.signedIn(req),
    csrf: auth.signedIn(req) ? auth.csrf() : undefined,
    notice:
      typeof req.query['done'] === 'string'
        ? { kind: 'ok', text: req.query['done'].slice(0, 300) }
        : typeof req.query['failed'] === 'string'
          ? { kind: 'error', text: req.query['failed'].slice(0, 300) }
          : undefined,
  });
  const send = (req: Request, res: Response, title: string, body: Renderable, status = 200) =>
    res
      .status(status)
      .type('html')
      .send(layout(ctx(req, title), body).value);
  const bad = (req: Request, res: Response, text: string, status = 400) =>
    send(req, res, status === 404 ? 'Not found' : 'Bad request', text, status);

  return { traceUrl, ctx, send, bad };
}
