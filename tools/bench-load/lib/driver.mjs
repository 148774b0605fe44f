// The open-model driver: requests leave at a fixed arrival rate whatever the answers do, and
// each latency counts from the moment its request was planned to leave, so a slow answer
// cannot hide the requests queued behind it (no coordinated omission).
import { performance } from 'node:perf_hooks';
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
  const start = performance.now();
  const interval = 1000 / rate;
  let sent = 0;
  let inFlight = 0;
  let dropped = 0;
  let lastSecond = 0;

  const fire = (plannedAt) => {
    const req = next();
    if (inFlight >= maxInFlight) {
      // The generator itself is saturated: say so rather than silently sending later.
      dropped += 1;
      recorder.record(req.name, 'client-overload', performance.now() - plannedAt, performance.now() - start);
      return;
    }
    inFlight += 1;
    const signal = AbortSignal.timeout(timeoutMs);
    pool
      .request({ method: req.method, path: req.path, headers: req.headers, body: req.body, signal })
      .then(async (res) => {
        const text = await res.body.text();
        const done = performance.now();
        recorder.record(
          req.name,
          res.statusCode,
          done - plannedAt,
          done - start,
          res.headers['retry-after'] !== undefined,
        );
        if (req.after) req.after(res.statusCode, isOk(res.statusCode) && text ? safeJson(text) : undefined);
      })
      .catch((err) => {
        const done = performance.now();
        const kind =
          err?.name === 'TimeoutError' || err?.code === 'UND_ERR_HEADERS_TIMEOUT'
            ? 'timeout'
            : `error:${err?.code ?? err?.name}`;
        recorder.record(req.name, kind, done - plannedAt, done - start);
        if (req.after) req.after(0, undefined);
      })
      .finally(() => {
        inFlight -= 1;
      });
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
  await pool.close().catch(() => {});
  return { sent, dropped, windowS: durationS };
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
