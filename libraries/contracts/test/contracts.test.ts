import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appCallbackAlphaService,
  appCallbackHealthCheckService,
  appCallbackService,
  authContract,
  daprApiService,
  diagnosticsContract,
  durabletaskContract,
  productContract,
  reservationOutcomeOf,
  reservationResultOf,
  reservationStatus,
  sessionEventType,
  shopProtoDir,
  userContract,
  userStatus,
  type AuthServiceImplementation,
  type CheckedReservationResult,
  type DiagnosticsImplementation,
  type ProductServiceImplementation,
  type ReservationOutcome,
  type UserServiceImplementation,
} from '../src';

// The methods each generated implementation type requires, written as the types demand: a
// method the generated code has and this list lacks (or the reverse) fails tsc.
const generatedMethods = {
  user: { VerifyCredentials: 1, GetUser: 1, GetAddress: 1 } satisfies Record<keyof UserServiceImplementation, 1>,
  auth: { ValidateToken: 1, GetJwks: 1, WatchSessionActivity: 1 } satisfies Record<keyof AuthServiceImplementation, 1>,
  product: {
    GetProducts: 1,
    ReserveStock: 1,
    ReleaseStock: 1,
    CommitStock: 1,
    ReturnStock: 1,
    WatchInventory: 1,
  } satisfies Record<keyof ProductServiceImplementation, 1>,
  diagnostics: { Echo: 1, Countdown: 1, Relay: 1, RelayCountdown: 1 } satisfies Record<
    keyof DiagnosticsImplementation,
    1
  >,
};

/** `package.Service` (or `Service` without a package) of every service in proto/. */
function protoServiceNames(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.proto'))
    .flatMap((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const pkg = /^package\s+([\w.]+);/m.exec(text)?.[1];
      return [...text.matchAll(/^service\s+(\w+)\s*\{/gm)].map((m) => (pkg ? `${pkg}.${m[1]}` : m[1]!));
    });
}

const contracts = {
  user: userContract,
  auth: authContract,
  product: productContract,
  diagnostics: diagnosticsContract,
} as const;

describe('the shop contracts', () => {
  it('When the protos are read, then every service they declare has exactly one contract', () => {
    const declared = protoServiceNames(shopProtoDir());
    const owned = [...Object.values(contracts), durabletaskContract].map((c) => c.service);

    expect(declared.length).toBeGreaterThanOrEqual(5);
    expect([...owned].sort()).toEqual([...declared].sort());
  });

  it.each(Object.keys(contracts) as (keyof typeof contracts)[])(
    'When the %s contract loads its proto, then the service has the generated methods and a client that can call each',
    (name) => {
      const contract = contracts[name];
      const definition = contract.definition();
      const client = contract.dial('127.0.0.1:1') as unknown as Record<string, unknown>;
      try {
        expect(Object.keys(definition).sort()).toEqual(Object.keys(generatedMethods[name]).sort());
        for (const method of Object.keys(definition)) expect(typeof client[method]).toBe('function');
        for (const method of Object.values(definition))
          expect(method.path.startsWith(`/${contract.service}/`)).toBe(true);
      } finally {
        (client as unknown as { close(): void }).close();
      }
    },
  );

  it('When the durabletask subset loads, then the sidecar workflow API the console calls is there', () => {
    expect(Object.keys(durabletaskContract.definition())).toEqual(
      expect.arrayContaining(['GetInstance', 'GetInstanceHistory', 'ListInstanceIDs', 'RaiseEvent', 'PurgeInstances']),
    );
  });

  it("When the sidecar's protos load, then AppCallback, its health check and the Dapr API are found", () => {
    expect(Object.keys(appCallbackService.definition())).toEqual(expect.arrayContaining(['OnTopicEvent']));
    expect(Object.keys(appCallbackHealthCheckService.definition())).toEqual(['HealthCheck']);
    expect(Object.keys(daprApiService.definition())).toEqual(expect.arrayContaining(['PublishEvent', 'GetSecret']));
    expect(typeof appCallbackAlphaService.client).toBe('function');
  });
});

describe('the protos enums as domain values', () => {
  const protoEnum = (file: string, name: string) => {
    const text = readFileSync(join(shopProtoDir(), file), 'utf8');
    const body = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(text)![1]!;
    return [...body.matchAll(/^\s*(\w+)\s*=/gm)].map((m) => m[1]!).filter((v) => !v.endsWith('_UNSPECIFIED'));
  };

  it('When the reservation status is read from the proto, then the domain has one lowercase value per enum value', () => {
    expect(reservationStatus.wire).toEqual(protoEnum('product/v1/product.proto', 'ReservationStatus'));
    expect(reservationStatus.values).toEqual(['pending', 'reserved', 'rejected', 'committed', 'released', 'returned']);
    for (const v of reservationStatus.values) expect(reservationStatus.fromWire(reservationStatus.toWire(v))).toBe(v);
  });

  it('When the user status is read from the proto, then the domain has active, disabled and deleted', () => {
    expect(userStatus.wire).toEqual(protoEnum('user/v1/user.proto', 'UserStatus'));
    expect(userStatus.values).toEqual(['active', 'disabled', 'deleted']);
    expect(userStatus.toWire('disabled')).toBe('USER_STATUS_DISABLED');
  });

  it('When the session event type is read from the proto, then the domain has the six kinds', () => {
    expect(sessionEventType.wire).toEqual(protoEnum('auth/v1/auth.proto', 'SessionEventType'));
    expect(sessionEventType.values).toEqual([
      'login',
      'login_failed',
      'logout',
      'refresh',
      'reuse_detected',
      'locked_out',
    ]);
  });

  it('When an outcome crosses the wire as product writes it, then order reads back the same outcome', () => {
    const outcome: ReservationOutcome = {
      orderId: 'o-1',
      status: 'rejected',
      reserved: false,
      expiresAt: new Date('2026-01-02T03:04:05.000Z'),
      shortages: [{ productId: 'p-1', requested: 3, available: 1 }],
    };
    const method = productContract.definition()['ReserveStock']!;
    const bytes = method.responseSerialize(reservationResultOf(outcome));
    const decoded = method.responseDeserialize(bytes) as CheckedReservationResult;

    expect(decoded.status).toBe('RESERVATION_STATUS_REJECTED');
    expect(reservationOutcomeOf(decoded)).toEqual(outcome);
  });
});
