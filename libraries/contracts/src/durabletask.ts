import { defineContract } from './contract';
import type {
  TaskHubSidecarServiceClient,
  TaskHubSidecarServiceHandlers,
} from './generated/durabletask/TaskHubSidecarService';

/**
 * The sidecar's workflow API, from the subset proto in the repository (the console reads
 * instances and history, and acts on them). Loaded as the console reads it: longs as numbers
 * and no defaults, so an absent field stays absent (types generated with the same options).
 */
export const durabletaskContract = defineContract<TaskHubSidecarServiceClient, TaskHubSidecarServiceHandlers>(
  'durabletask/durabletask-subset.proto',
  'TaskHubSidecarService',
  { keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true },
);
export type {
  TaskHubSidecarServiceClient,
  TaskHubSidecarServiceHandlers,
} from './generated/durabletask/TaskHubSidecarService';
