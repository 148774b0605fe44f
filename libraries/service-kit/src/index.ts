// Tracing is deliberately not re-exported: it must start before express and grpc-js load,
// so services import it from '@shop/service-kit/tracing' in their first import.
export {
  baseConfigSchema,
  baseConfigShape,
  isConfigError,
  loadConfig,
  type BaseConfig,
  type ConfigError,
  type ConfigProblem,
} from './config';
export {
  captureContext,
  currentContext,
  currentRequestId,
  isSafeRequestId,
  runWithContext,
  type RequestContext,
} from './context';
export { createLogger, isSensitiveKey, logFast, redact, REDACTED, type Logger, type LoggerOptions } from './logger';
export { answerFast, withFastLane, type FastAnswerTools, type FastLane } from './fast-lane';
export {
  createMetrics,
  httpRequestRecorder,
  type HttpRequestRecorder,
  metricsHandler,
  metricsMiddleware,
  routeLabel,
  type Metrics,
  type PubsubOutcome,
} from './metrics';
export {
  AppError,
  ERROR_CODES,
  isAppError,
  isErrorCode,
  isFaultCode,
  summariseIssues,
  validate,
  type AppErrorOptions,
  type ErrorCode,
  type FieldError,
} from './errors';
export {
  correlationId,
  errorCatalogue,
  httpStatusOf,
  notFoundHandler,
  problemHandler,
  problemType,
  sendProblem,
  toProblem,
  type ProblemBody,
} from './problem';
export { ERROR_CODE_KEY, fromGrpcError, grpcStatusOf, toGrpcError } from './grpc-errors';
export { backoffDelay, retry, type Backoff, type Jitter, type RetryOptions } from './retry';
export { periodic, type PassOutcome, type PeriodicJob, type PeriodicOptions } from './periodic';
export {
  checkSidecar,
  createHealthRouter,
  SIDECAR_CHECK,
  type Health,
  type HealthCheck,
  type HealthOptions,
  type ReadinessReport,
} from './health';
export {
  accessLogMiddleware,
  createRestApp,
  publicApiHeaders,
  REQUEST_ID_HEADER,
  requestIdFrom,
  requestIdMiddleware,
  requireMediaType,
  type RestAppOptions,
} from './rest';
export {
  defineSubscription,
  validateSubscriptions,
  type AppCallbackOptions,
  type EventDedupe,
  type EventMeta,
  type Subscription,
} from './events';
export {
  createGrpcServer,
  type GrpcServer,
  type GrpcServerOptions,
  type GrpcServiceRegistration,
  type ServerStreamHandler,
  type UnaryHandler,
} from './grpc-server';
export {
  createDaprClient,
  getSecret,
  publishEvent,
  waitForSidecar,
  type DaprClient,
  type DaprClientSettings,
  type PublishOptions,
  type StateConcurrency,
  type StateConsistency,
  type StateEntry,
  type StateItem,
} from './dapr';
export {
  appIdSchema,
  callUnary,
  createServiceClient,
  daprRoutingInterceptor,
  type CallOptions,
  type RequestOf,
  type ResponseOf,
  type ServiceClientOptions,
  type UnaryMethodName,
} from './invoke';
export { createDiagnosticsService, type DiagnosticsOptions } from './diagnostics';
export {
  listen,
  runService,
  type ListeningServer,
  type RunningService,
  type RunServiceOptions,
  type Stoppable,
} from './lifecycle';
export { configOrExit, runShopService, type ServiceParts, type ShopServiceOptions } from './shop-service';
export { createMongoDedupe, pruneMongoClaims, type DedupeCollection } from './dedupe/mongo';
export { createRedisDedupe, type DedupeRedis } from './dedupe/redis';
export { createProbeSubscription, PROBE_TOPIC } from './probe';
export { currentUserId, setCurrentUserId } from './context';
export * from './auth';
export { createStoreBreaker, isStoreFault, type StoreBreaker, type StoreBreakerOptions } from './store-breaker';
export { isStoreUnavailable, storeUnavailableError } from './store-unavailable';
