// The open-model driver: requests leave at a fixed arrival rate whatever the answers do, and
// each latency counts from the moment its request was planned to leave, so a slow answer
// cannot hide the requests queued behind it (no coordinated omission).
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { isOk } from './recorder.mjs';

/**
 * Runs `next()` (a scenario's request maker) `rate` times a second for `durationS` seconds.
 * A request is `{ name, method, path, headers?, body?, after?(status, json) }`; `after` gets the
 * parsed answer when the scenario needs it (e.g. a cart count).
 */
export async function runOpenModel({
  origin,
  rate,
  durationS,
  connections,
  timeoutMs,
  maxInFlight,
  next,
  recorder,
  onSecond,
}) {
  const pool = new Pool(origin, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const total = Math.round(rate * durationS);
  // The generator's own event-loop delay: a late generator adds to every latency it measures
  // (correctly: a real client would be late too), so the report says how late it was.
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const start = performance.now();
  const interval = 1000 / rate;
  let sent = 0;
  let inFlight = 0;
  let dropped = 0;
  let lastSecond = 0;

  // Requests not answered yet, so one sweep can time them out: cheaper than a timer (an
  // AbortSignal.timeout) per request, whose cost showed as the generator's own latency.
  const open = new Set();
  const finish = (entry, status, retryAfter, text) => {
    if (!open.delete(entry)) return;
    inFlight -= 1;
    const done = performance.now();
    recorder.record(entry.req.name, status, done - entry.plannedAt, done - start, retryAfter);
    if (entry.req.after) entry.req.after(typeof status === 'number' ? status : 0, text ? safeJson(text) : undefined);
  };
  const sweep = setInterval(() => {
    const late = performance.now() - timeoutMs;
    for (const entry of open) if (entry.plannedAt < late) entry.controller?.abort(new TimeoutGone());
  }, 100);

  const fire = (plannedAt) => {
    const req = next();
    if (inFlight >= maxInFlight) {
      // The generator itself is saturated: say so rather than silently sending later.
      dropped += 1;
      recorder.record(req.name, 'client-overload', performance.now() - plannedAt, performance.now() - start);
      return;
    }
    inFlight += 1;
    const entry = { req, plannedAt, controller: undefined };
    open.add(entry);
    let status = 0;
    let retryAfter = false;
    let chunks;
    // undici's dispatch with a handler of our own: the least work per request undici offers
    // (no promise, no body stream); the body is kept only when the scenario reads it.
    pool.dispatch(
      { origin, method: req.method, path: req.path, headers: req.headers, body: req.body },
      {
        onRequestStart(controller) {
          entry.controller = controller;
        },
        onResponseStart(_controller, statusCode, headers) {
          status = statusCode;
          retryAfter = headers['retry-after'] !== undefined;
          if (req.after && isOk(statusCode)) chunks = [];
        },
        onResponseData(_controller, chunk) {
          chunks?.push(chunk);
        },
        onResponseEnd() {
          finish(entry, status, retryAfter, chunks && Buffer.concat(chunks).toString('utf8'));
        },
        onResponseError(_controller, err) {
          const kind =
            err instanceof TimeoutGone ||
            err?.code === 'UND_ERR_HEADERS_TIMEOUT' ||
            err?.code === 'UND_ERR_BODY_TIMEOUT'
              ? 'timeout'
              : `error:${err?.code ?? err?.name}`;
          finish(entry, kind, false, undefined);
        },
      },
    );
  };

  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - start) / interval) + 1);
      while (sent < due) fire(start + sent++ * interval);
      const second = Math.floor((now - start) / 1000);
      if (second > lastSecond) {
        lastSecond = second;
        onSecond?.({ second, sent, inFlight, dropped });
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  // Let the last answers arrive (bounded by the request timeout).
  const deadline = performance.now() + timeoutMs + 1000;
  while (inFlight > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  clearInterval(sweep);
  await pool.close().catch(() => {});
  lag.disable();
  const ms = (ns) => Math.round(ns / 1e5) / 10;
  return { sent, dropped, windowS: durationS, generatorLagMs: { p99: ms(lag.percentile(99)), max: ms(lag.max) } };
}

class TimeoutGone extends Error {
  constructor() {
    super('no answer within the timeout');
    this.name = 'TimeoutError';
  }
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
