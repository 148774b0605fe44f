// Imported first by main.ts: tracing must patch http and express before they load, so the
// proxied request (plain node:http) carries the gateway's traceparent to the upstream.
import { startTracingFromEnv } from '@shop/service-kit/tracing';

export const tracing = startTracingFromEnv();
