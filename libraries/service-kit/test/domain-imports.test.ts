// The lint rule that keeps domain/ free of transport: proven to fire, on the repository's own
// ESLint config, for the barrel and for each kind of transport import.
import path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.join(__dirname, '..', '..', '..');
const DOMAIN_FILE = path.join(ROOT, 'services/order/src/domain/order.ts');
const KIT_SUBPATH_FILE = path.join(ROOT, 'libraries/service-kit/src/errors.ts');

// The import rule needs no types: parse without building the type-aware program (~30 s).
const eslint = new ESLint({
  cwd: ROOT,
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { project: false } } },
});

async function importErrors(source: string, filePath = DOMAIN_FILE): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = [x];\n`, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('the domain import rule', () => {
  test('When a domain file imports the kit barrel, then lint names the transport-free subpaths instead', async () => {
    const errors = await importErrors("import { AppError as x } from '@shop/service-kit';");

    expect(errors).toEqual([
      expect.stringContaining('@shop/service-kit/{errors,log,auth-tokens,retry,periodic,keyed-mutex}'),
    ]);
  });

  test.each([
    ["import x from 'express';"],
    ["import * as x from '@grpc/grpc-js';"],
    ["import { DaprClient as x } from '@dapr/dapr';"],
    ["import { trace as x } from '@opentelemetry/api';"],
    ["import { Pool as x } from 'pg';"],
    ["import { startTracingFromEnv as x } from '@shop/service-kit/tracing';"],
    ["import { healthCheck as x } from '@shop/service-kit/testing/grpc-tooling';"],
    ["import { productContract as x } from '@shop/contracts';"],
  ])('When a domain file has %s, then lint reports it', async (source) => {
    expect(await importErrors(source)).toHaveLength(1);
  });

  test('When a domain file imports the transport-free subpaths, then lint has nothing to say', async () => {
    const source = [
      "import { AppError as x } from '@shop/service-kit/errors';",
      "import type { Logger } from '@shop/service-kit/log';",
      "import { retry } from '@shop/service-kit/retry';",
      "import { periodic } from '@shop/service-kit/periodic';",
      "import { createKeyedMutex } from '@shop/service-kit/keyed-mutex';",
      "import { ACCESS_TOKEN } from '@shop/service-kit/auth-tokens';",
      "import { reservationStatus } from '@shop/contracts/statuses';",
      "import { holdsStock } from '@shop/contracts/reservation';",
      'export type L = Logger;',
      'export const more = [retry, periodic, createKeyedMutex, ACCESS_TOKEN, reservationStatus, holdsStock];',
    ].join('\n');

    expect(await importErrors(source)).toEqual([]);
  });

  test('When a transport-free kit module imports transport, then lint reports it', async () => {
    const errors = await importErrors("import { status as x } from '@grpc/grpc-js';", KIT_SUBPATH_FILE);

    expect(errors).toEqual([expect.stringContaining('keep it transport-free')]);
  });
});
