import type {
  AppTarget,
  ControlPlaneTarget,
  Probe,
  ProcessInfo,
  ProcessTable,
  SidecarMetadata,
  Sidecars,
} from './ports';

export interface AppStatus {
  readonly target: AppTarget;
  readonly app: Probe;
  readonly ready: { readonly ready: boolean; readonly checks: Record<string, string> };
  readonly sidecar: Probe;
  readonly outbound: Probe;
  readonly metadata?: SidecarMetadata | undefined;
  readonly metadataError?: string | undefined;
  readonly process?: ProcessInfo | undefined;
  readonly sidecarProcess?: ProcessInfo | undefined;
  readonly workflowWorkers?: number | undefined;
  readonly schedulerConnected?: readonly string[] | undefined;
}

export interface ControlPlaneStatus {
  readonly target: ControlPlaneTarget;
  readonly health: Probe;
  readonly process?: ProcessInfo | undefined;
  /** Placement's table when it runs with --metadata-enabled; undefined otherwise. */
  readonly table?: unknown;
}

export interface Overview {
  readonly apps: readonly AppStatus[];
  readonly controlPlane: readonly ControlPlaneStatus[];
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function workflowWorkersOf(m: SidecarMetadata | undefined): number | undefined {
  const w = m?.workflows as { connectedWorkers?: number } | undefined;
  return typeof w?.connectedWorkers === 'number' ? w.connectedWorkers : undefined;
}

export function schedulerOf(m: SidecarMetadata | undefined): string[] | undefined {
  const s = m?.scheduler as { connected_addresses?: string[]; connectedAddresses?: string[] } | undefined;
  return s?.connected_addresses ?? s?.connectedAddresses;
}

export async function appStatus(
  sidecars: Sidecars,
  target: AppTarget,
  procs: Record<string, ProcessInfo>,
): Promise<AppStatus> {
  const [app, ready, sidecar, outbound, metadata] = await Promise.all([
    sidecars.probe(`${target.restUrl}/healthz`),
    sidecars.readiness(target),
    sidecars.probe(`${target.daprHttpUrl}/v1.0/healthz`),
    sidecars.probe(`${target.daprHttpUrl}/v1.0/healthz/outbound`),
    sidecars.metadata(target).then(
      (m) => ({ m }),
      (err: unknown) => ({ err: message(err) }),
    ),
  ]);
  const m = 'm' in metadata ? metadata.m : undefined;
  return {
    target,
    app,
    ready,
    sidecar,
    outbound,
    metadata: m,
    metadataError: 'err' in metadata ? metadata.err : undefined,
    process: procs[target.name],
    sidecarProcess: procs[`daprd-${target.name}`],
    workflowWorkers: workflowWorkersOf(m),
    schedulerConnected: schedulerOf(m),
  };
}

/** Every app, sidecar and control-plane process, probed in parallel; nothing here throws. */
export async function overview(deps: {
  sidecars: Sidecars;
  targets: readonly AppTarget[];
  controlPlane: readonly ControlPlaneTarget[];
  pids: ProcessTable;
  placementTable?: (target: ControlPlaneTarget) => Promise<unknown>;
}): Promise<Overview> {
  const procs = await deps.pids.processes();
  const [apps, controlPlane] = await Promise.all([
    Promise.all(deps.targets.map((t) => appStatus(deps.sidecars, t, procs))),
    Promise.all(
      deps.controlPlane.map(async (target) => {
        const [health, table] = await Promise.all([
          deps.sidecars.probe(target.healthzUrl),
          target.name === 'placement' && deps.placementTable
            ? deps.placementTable(target).catch(() => undefined)
            : undefined,
        ]);
        return { target, health, process: procs[target.name], table };
      }),
    ),
  ]);
  return { apps, controlPlane };
}
