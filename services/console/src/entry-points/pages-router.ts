import { Router } from 'express';
import { appStatus, overview } from '../domain/overview';
import type { Authority } from './auth';
import type { ConsoleDeps } from './deps';
import { pageKit } from './page-kit';
import { plainHttp } from '../data-access/plain-http';
import { appDetailBody } from './pages/app-detail';
import { logsBody, LEVELS } from './pages/logs';
import { auditBody, chartsBody, loginBody } from './pages/misc';
import { overviewBody } from './pages/overview';
import { resourcesBody } from './pages/resources';
import { workflowRoutes } from './workflow-routes';

export function pagesRouter(deps: ConsoleDeps, auth: Authority): Router {
  const router = Router();
  const kit = pageKit(deps, auth);
  const { send, bad } = kit;

  router.get('/', async (req, res) => {
    send(
      req,
      res,
      'Overview',
      overviewBody(await overview({ ...deps, placementTable: (t) => placementTable(t.healthzUrl) })),
    );
  });

  router.get('/apps/:name', async (req, res) => {
    const target = deps.targets.find((t) => t.name === req.params['name']);
    if (!target) return bad(req, res, 'No such app', 404);
    send(
      req,
      res,
      `App ${target.name}`,
      appDetailBody(await appStatus(deps.sidecars, target, await deps.pids.processes())),
    );
  });

  router.get('/resources', async (req, res) => {
    const [files, metadata] = await Promise.all([
      deps.resources.list(),
      Promise.all(
        deps.targets.map((t) =>
          deps.sidecars.metadata(t).then(
            (m) => ({ app: t.name, m }),
            () => ({ app: t.name, m: undefined }),
          ),
        ),
      ),
    ]);
    const loadedBy = (name: string) =>
      metadata.filter((x) => x.m?.components?.some((c) => c['name'] === name)).map((x) => x.app);
    send(req, res, 'Resources', resourcesBody(files, deps.resources.configured, loadedBy));
  });

  workflowRoutes(router, deps, auth, kit);

  router.get('/logs', async (req, res) => {
    const processes = await deps.logs.processes();
    const process =
      typeof req.query['process'] === 'string' && processes.includes(req.query['process'])
        ? req.query['process']
        : processes[0];
    const level =
      typeof req.query['level'] === 'string' && (LEVELS as readonly string[]).includes(req.query['level'])
        ? req.query['level']
        : '';
    const text = typeof req.query['text'] === 'string' ? req.query['text'].slice(0, 200) : '';
    const { lines, offset } = process ? await deps.logs.tail(process, { limit: 2000 }) : { lines: [], offset: 0 };
    const kept = lines.filter((l) => (!level || l.level === level) && (!text || l.raw.includes(text))).slice(-200);
    send(
      req,
      res,
      'Logs',
      logsBody({ processes, process, level, text, lines: kept, offset, configured: deps.logs.configured }),
    );
  });

  router.get('/logs/tail.json', async (req, res) => {
    const process = String(req.query['process'] ?? '');
    const after = Number(req.query['after']);
    const { lines, offset } = await deps.logs.tail(process, {
      limit: 500,
      after: Number.isSafeInteger(after) && after >= 0 ? after : undefined,
    });
    res.json({ lines: lines.map(({ raw: _raw, ...l }) => l), offset });
  });

  router.get('/charts', (req, res) => send(req, res, 'Metrics', chartsBody()));
  router.get('/charts/series.json', (_req, res) => res.json({ series: deps.metrics.series() }));

  router.get('/audit', async (req, res) => send(req, res, 'Audit', auditBody(await deps.audit.recent(200))));

  router.get('/login', (req, res) => {
    if (!deps.actionsEnabled) return bad(req, res, 'This console is read-only', 403);
    send(req, res, 'Sign in', loginBody(safeNext(req.query['next'])));
  });
  return router;
}

/** Only a local path: a `next` pointing elsewhere would make the login an open redirect. */
export const safeNext = (next: unknown) =>
  typeof next === 'string' && /^\/(?!\/)[\w\-./%?=&]*$/.test(next) ? next : '/';

async function placementTable(healthzUrl: string): Promise<unknown> {
  const res = await plainHttp(new URL('/placement/state', healthzUrl), { timeoutMs: 500 });
  if (!res.ok) return undefined;
  return JSON.parse(res.body) as unknown;
}
