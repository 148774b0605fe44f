// Imported first by main.ts: tracing must patch http and express before they load.
import { startTracingFromEnv } from '@shop/service-kit/tracing';

export const tracing = startTracingFromEnv();
