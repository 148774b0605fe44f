import { defineContract, type ServiceImplementation } from './contract';
import type { DiagnosticsClient, DiagnosticsHandlers } from './generated/shop/diagnostics/v1/Diagnostics';

/** shop.diagnostics.v1.Diagnostics: hosted by every service, for the e2e proofs of calls through the sidecars. */
export const diagnosticsContract = defineContract<DiagnosticsClient, DiagnosticsHandlers>(
  'shop/diagnostics/v1/diagnostics.proto',
  'shop.diagnostics.v1.Diagnostics',
);
export type { DiagnosticsClient };
export type DiagnosticsImplementation = ServiceImplementation<DiagnosticsHandlers>;
export type * from './generated/shop/diagnostics/v1/CountdownRequest';
export type * from './generated/shop/diagnostics/v1/EchoReply';
export type * from './generated/shop/diagnostics/v1/EchoRequest';
export type * from './generated/shop/diagnostics/v1/RelayCountdownRequest';
export type * from './generated/shop/diagnostics/v1/RelayRequest';
export type * from './generated/shop/diagnostics/v1/Tick';
