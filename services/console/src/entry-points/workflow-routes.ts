import type { Router } from 'express';
import { z } from 'zod';
import { AppError, summariseIssues } from '@shop/service-kit';
import { awaitsApproval, expectedEvents, WORKFLOWS } from '../domain/catalogue';
import { paymentIdOf } from '../domain/run-action';
import { buildTimeline } from '../domain/timeline';
import { countByStatus, filterInstances, orderIdOf, WORKFLOW_STATUSES, type HistoryEvent } from '../domain/workflows';
import type { Authority } from './auth';
import type { ConsoleDeps } from './deps';
import { message, type PageKit } from './page-kit';
import { orderBody, orderSearchForm, recentOrders } from './pages/orders';
import { workflowDetailBody } from './pages/workflow-detail';
import { AGES, workflowsBody } from './pages/workflows';

const listQuery = z.object({
  status: z
    .enum(WORKFLOW_STATUSES)
    .or(z.literal(''))
    .optional()
    .transform((v) => v || undefined),
  name: z
    .string()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  age: z.enum(Object.keys(AGES) as [string, ...string[]]).optional(),
  q: z
    .string()
    .max(100)
    .optional()
    .transform((v) => v?.trim() || undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
const uuid = z.uuid();

/** Workflows (list, detail, JSON listing) and orders: the pages an operator acts from. */
export function workflowRoutes(router: Router, deps: ConsoleDeps, auth: Authority, kit: PageKit): void {
  const { send, bad, traceUrl } = kit;
  // An order id searched for is also looked up live: a saga started since the last index
  // refresh is found at once.
  async function listPage(q: z.output<typeof listQuery>) {
    const search = q.q && orderIdOf(`checkout-${q.q}`) ? q.q.toLowerCase() : q.q;
    if (search && orderIdOf(`checkout-${search}`)) {
      await Promise.all(
        deps.workflowApps.flatMap((app) =>
          ['checkout-', 'cancellation-'].map((prefix) => deps.index.touch(app, `${prefix}${search}`)),
        ),
      );
    }
    return filterInstances(deps.index.all(), { ...q, search, ...AGES[q.age ?? ''] }, Date.now());
  }

  router.get('/api/workflows', async (req, res) => {
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success)
      throw new AppError('VALIDATION_FAILED', 'The filter is not valid', {
        errors: summariseIssues(parsed.error.issues),
      });
    res.json({ ...(await listPage(parsed.data)), index: deps.index.state() });
  });

  router.get('/workflows', async (req, res) => {
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) return bad(req, res, 'The filter is not valid');
    const q = parsed.data;
    const page = await listPage(q);
    const names = [...new Set([...Object.keys(WORKFLOWS), ...[...deps.index.all()].map((i) => i.name)])].sort();
    send(
      req,
      res,
      'Workflows',
      workflowsBody({
        page,
        query: { ...q, q: q.q },
        names,
        counts: countByStatus(deps.index.all()),
        state: deps.index.state(),
      }),
    );
  });

  router.get('/workflows/:app/:instanceId', async (req, res) => {
    const target = deps.targets.find((t) => t.name === req.params['app']);
    const instanceId = String(req.params['instanceId']);
    if (!target || instanceId.length > 200) return bad(req, res, 'No such instance', 404);
    let instance;
    try {
      instance = await deps.workflows.getInstance(target, instanceId, true);
    } catch (err) {
      return send(req, res, instanceId, `The sidecar of ${target.name} did not answer: ${message(err)}`, 503);
    }
    if (!instance) return bad(req, res, `No workflow instance ${instanceId} on ${target.name}`, 404);
    let events: HistoryEvent[] = [];
    let historyError: string | undefined;
    try {
      events = await deps.workflows.history(target, instanceId);
    } catch (err) {
      historyError = message(err);
    }
    const timeline = historyError
      ? undefined
      : buildTimeline(events, instance, expectedEvents(instance.name, instance.customStatus));
    const approval = awaitsApproval(instance.name, instance.customStatus);
    const signedIn = auth.signedIn(req);
    const paymentId =
      approval && !historyError
        ? await paymentIdOf(deps.workflows, target, instanceId).catch(() => undefined)
        : undefined;
    const traceId = instance.orderId
      ? (await deps.logs.search(instance.orderId, 50)).find((l) => l.traceId)?.traceId
      : undefined;
    send(
      req,
      res,
      `Workflow ${instanceId}`,
      workflowDetailBody({
        instance,
        timeline,
        historyError,
        events,
        showAllEvents: req.query['events'] === 'all',
        awaitsApproval: approval,
        paymentId,
        actions: {
          enabled: deps.actionsEnabled,
          signedIn,
          csrf: signedIn ? auth.csrf() : undefined,
          approvalEvent: approval ? WORKFLOWS[instance.name]?.approvalEvent : undefined,
          allowed: deps.allowedActions,
        },
        traceUrl: traceId ? traceUrl(traceId) : undefined,
      }),
    );
  });

  router.get('/orders', (req, res) => {
    const q = typeof req.query['q'] === 'string' ? req.query['q'].trim().toLowerCase() : '';
    if (q)
      return uuid.safeParse(q).success ? res.redirect(303, `/orders/${q}`) : bad(req, res, 'An order id is a UUID');
    const recent = filterInstances(deps.index.all(), { page: 1, pageSize: 20 }, Date.now()).items.filter(
      (i) => i.orderId,
    );
    send(req, res, 'Orders', [orderSearchForm(), recentOrders(recent)]);
  });

  router.get('/orders/:orderId', async (req, res) => {
    const parsed = uuid.safeParse(req.params['orderId']);
    if (!parsed.success) return bad(req, res, 'An order id is a UUID');
    const orderId = parsed.data.toLowerCase();
    const [order, logs] = await Promise.all([
      deps.orders.get(orderId).then(
        (o) => ({ o }),
        (err: unknown) => ({ err: message(err) }),
      ),
      deps.logs.search(orderId, 200),
    ]);
    const traceIds = [...new Set(logs.map((l) => l.traceId).filter((t): t is string => Boolean(t)))].slice(0, 10);
    const byTrace = traceIds.length ? await deps.logs.search(traceIds, 300) : [];
    const lines = [...new Map([...logs, ...byTrace].map((l) => [l.raw, l])).values()]
      .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''))
      .slice(-300);
    send(
      req,
      res,
      `Order ${orderId}`,
      orderBody({
        orderId,
        order: 'o' in order ? order.o : undefined,
        orderError: 'err' in order ? order.err : undefined,
        configured: deps.orders.configured,
        sagas: deps.index.byOrder(orderId),
        logs: lines,
        traceIds,
        traceUrl,
      }),
    );
  });
}
