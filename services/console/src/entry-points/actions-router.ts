import { Router, type Request, type Response } from 'express';
import { AppError, summariseIssues, validate } from '@shop/service-kit';
import { z } from 'zod';
import { actionBodies, isActionName } from '../domain/actions';
import { ActionRefused, runAction } from '../domain/run-action';
import type { Authority } from './auth';
import type { ConsoleDeps } from './deps';
import { safeNext } from './pages-router';

const loginBody = z.strictObject({ token: z.string().max(200), next: z.string().max(500).optional() });
const logoutBody = z.strictObject({ csrf: z.string().max(200).optional() });

// Scripts (JSON, or Accept: application/json) get problem+json; a browser form gets a redirect.
const wantsJson = (req: Request) => Boolean(req.is('application/json')) || req.accepts(['html', 'json']) === 'json';

/**
 * POST /actions/workflows/:app/:instanceId/:action. Refused with 403 when actions are off or
 * the caller has no token; the body needs a reason and an explicit confirmation; every
 * attempt that reaches the sidecar is written to the audit log.
 */
export function actionsRouter(deps: ConsoleDeps, auth: Authority, secureCookies: boolean): Router {
  const router = Router();

  router.post('/login', (req, res) => {
    if (!deps.actionsEnabled) throw new AppError('FORBIDDEN', 'This console is read-only');
    const body = validate(loginBody, req.body ?? {}, 'body');
    const next = safeNext(body.next);
    if (auth.signIn(res, body.token, secureCookies)) return res.redirect(303, next);
    res.redirect(
      303,
      `/login?next=${encodeURIComponent(next)}&failed=${encodeURIComponent('That is not the console token')}`,
    );
  });

  router.post('/logout', (req, res) => {
    const body = validate(logoutBody, req.body ?? {}, 'body');
    if (auth.signedIn(req) && !auth.csrfOk(req, body.csrf))
      throw new AppError('FORBIDDEN', 'Missing or wrong CSRF value');
    auth.signOut(res);
    res.redirect(303, '/');
  });

  router.post('/actions/workflows/:app/:instanceId/:action', async (req: Request, res: Response) => {
    if (!deps.actionsEnabled) throw new AppError('FORBIDDEN', 'Actions are switched off on this console (read-only)');
    if (!auth.check(req)) throw new AppError('FORBIDDEN', 'Actions need the console token');
    const action = String(req.params['action']);
    if (!isActionName(action)) throw new AppError('NOT_FOUND', 'No such action');
    if (deps.allowedActions && !deps.allowedActions.has(action))
      throw new AppError('FORBIDDEN', `The action ${action} is switched off on this console`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!auth.csrfOk(req, body['csrf'])) throw new AppError('FORBIDDEN', 'Missing or wrong CSRF value');
    const target = deps.targets.find((t) => t.name === req.params['app']);
    if (!target) throw new AppError('NOT_FOUND', 'No such app');
    const instanceId = String(req.params['instanceId']);
    const back = `/workflows/${target.name}/${encodeURIComponent(instanceId)}`;
    const parsed = actionBodies[action].safeParse(body);
    if (!parsed.success) {
      const fields = summariseIssues(parsed.error.issues);
      if (wantsJson(req))
        throw new AppError('VALIDATION_FAILED', 'The action needs a reason and a confirmation', { errors: fields });
      return res.redirect(303, `${back}?failed=${encodeURIComponent(fields.map((f) => f.message).join('; '))}`);
    }
    try {
      const detail = await runAction(deps, target, instanceId, action, parsed.data as never, req.ip ?? 'unknown');
      if (wantsJson(req)) return res.json({ ok: true, action, instanceId, detail });
      const gone = action === 'purge';
      res.redirect(
        303,
        `${gone ? '/workflows' : back}?done=${encodeURIComponent(`${action} done${detail ? `: ${detail}` : ''}`)}`,
      );
    } catch (err) {
      if (!(err instanceof ActionRefused)) throw err;
      if (wantsJson(req))
        throw new AppError(
          err.status === 404 ? 'NOT_FOUND' : err.status === 503 ? 'UNAVAILABLE' : 'CONFLICT',
          err.message,
        );
      res.redirect(303, `${back}?failed=${encodeURIComponent(err.message)}`);
    }
  });
  return router;
}
