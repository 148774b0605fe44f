import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Stoppable } from '@shop/service-kit';
import { sendGatewayProblem } from './problems';

export interface LoadShedderOptions {
  /** New requests get 503 while the event loop runs this late (the gateway's own CPU is spent). */
  readonly maxLagMs: number;
  /** Seconds a shed client is told to wait (Retry-After). */
  readonly retryAfterSeconds: number;
  /** How often the lag is sampled. */
  readonly sampleMs?: number;
}

export interface LoadShedder extends Stoppable {
  readonly middleware: RequestHandler;
  /** Answers 503 + Retry-After now; for the proxy's per-upstream in-flight limit too. */
  shed(req: Request, res: Response, detail: string): void;
  /** The lag of the last sample in ms (tests, metrics). */
  lagMs(): number;
}

/**
 * Load shedding at the edge: past its capacity an open-model load only queues, every answer
 * gets slower and clients time out. The gateway instead answers excess requests at once with
 * 503 and Retry-After, which costs a fraction of proxying one, while the event loop is late
 * (a timer that fires late means the CPU is spent) or an upstream has its limit in flight.
 */
export function createLoadShedder(options: LoadShedderOptions): LoadShedder {
  const sampleMs = options.sampleMs ?? 20;
  let lag = 0;
  let expected = performance.now() + sampleMs;
  const timer = setInterval(() => {
    const now = performance.now();
    // Smoothed (about 10 samples), so one slow tick (a GC pause) does not shed a burst.
    lag = lag * 0.9 + Math.max(0, now - expected) * 0.1;
    expected = now + sampleMs;
  }, sampleMs);
  timer.unref();

  const shed = (req: Request, res: Response, detail: string) => {
    res.setHeader('Retry-After', String(options.retryAfterSeconds));
    // The connection stays: closing it would cost the client a new handshake on retry.
    sendGatewayProblem(req, res, 'OVERLOADED', detail, undefined);
  };

  return {
    shed,
    lagMs: () => lag,
    middleware(req: Request, res: Response, next: NextFunction) {
      if (options.maxLagMs > 0 && lag > options.maxLagMs) {
        shed(req, res, 'The shop is busy; retry after the time in Retry-After');
        return;
      }
      next();
    },
    name: 'load shedder',
    async stop() {
      clearInterval(timer);
    },
  };
}
