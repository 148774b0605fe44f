import type { Request, Response } from 'express';
import { errorCatalogue, problemType } from '@shop/service-kit';

/**
 * Upstream failures the kit's catalogue has no entry for. An unreachable upstream reuses
 * the catalogue's UNAVAILABLE code (clients already treat it as "retry later") with the
 * proxy status 502; a silent upstream gets its own code, because a timed-out write may
 * still have happened upstream and clients must not blindly retry it.
 * (Kit candidates: a BAD_GATEWAY/GATEWAY_TIMEOUT pair in errorCatalogue.)
 */
export const gatewayProblems = {
  UPSTREAM_UNAVAILABLE: { code: 'UNAVAILABLE', status: 502, title: errorCatalogue.UNAVAILABLE.title },
  GATEWAY_TIMEOUT: { code: 'GATEWAY_TIMEOUT', status: 504, title: 'Gateway timeout' },
  // Load shed at the edge: nothing was forwarded, so any request may be retried (Retry-After).
  OVERLOADED: { code: 'UNAVAILABLE', status: 503, title: errorCatalogue.UNAVAILABLE.title },
} as const;

export type GatewayProblem = keyof typeof gatewayProblems;

/** Same shape as the kit's problems; `traceId` is captured when the request arrived. */
export function sendGatewayProblem(
  req: Request,
  res: Response,
  which: GatewayProblem,
  detail: string,
  traceId: string | undefined,
): void {
  const { code, status, title } = gatewayProblems[which];
  // The kit derives types from its own codes; this keeps the same urn scheme for ours.
  const type = code === 'UNAVAILABLE' ? problemType('UNAVAILABLE') : 'urn:shop:problem:gateway-timeout';
  res
    .status(status)
    .type('application/problem+json')
    .json({
      type,
      title,
      status,
      detail,
      code,
      ...(traceId === undefined ? {} : { traceId }),
      instance: req.originalUrl.split('?')[0],
    });
}
