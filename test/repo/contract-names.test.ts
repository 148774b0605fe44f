import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { contractNameViolations, protoServiceNames, sourceFiles } from './contract-names';
import { stringLiterals } from './string-literals';

const repo = join(__dirname, '..', '..');
// Where names may be written: the contracts themselves, and this check's own examples.
const OWNERS = [join(repo, 'libraries', 'contracts') + '/', join(repo, 'test', 'repo') + '/'];
const SCANNED = ['services', 'libraries', 'test', 'scripts', 'tools', 'k8s'];

describe('proto paths and service names live in libraries/contracts only', () => {
  const services = protoServiceNames(join(repo, 'proto'));

  it('When the protos are read, then every service of the shop is known to the check', () => {
    expect(services).toEqual(
      expect.arrayContaining([
        'user.v1.UserService',
        'auth.v1.AuthService',
        'product.v1.ProductService',
        'shop.diagnostics.v1.Diagnostics',
        'TaskHubSidecarService',
      ]),
    );
  });

  it('When every source file outside libraries/contracts is read, then none writes a proto path or a service name', () => {
    const files = SCANNED.flatMap((d) => sourceFiles(join(repo, d))).filter(
      (f) => !OWNERS.some((o) => f.startsWith(o)),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(contractNameViolations(repo, files, services)).toEqual([]);
  });

  describe('on files made for the test', () => {
    let dir: string;
    const write = (file: string, text: string) => {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
      return join(dir, file);
    };
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'contract-names-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('When a file writes proto paths and service names, then each one is reported', () => {
      const file = write(
        'a.ts',
        [
          "const p = loadProto('product/v1/product.proto');",
          'const q = "shop/diagnostics/v1/diagnostics.proto";',
          "serviceClient(root, 'product.v1.ProductService');",
          'const path = `/user.v1.UserService/GetUser`;',
          "const sidecar = 'dapr.proto.runtime.v1.Dapr';",
          'const dynamic = `dapr.proto.runtime.v1.${name}`;',
          "pkg['TaskHubSidecarService'];",
        ].join('\n'),
      );

      expect(contractNameViolations(dir, [file], services)).toEqual([
        "a.ts: proto path 'product/v1/product.proto'",
        "a.ts: proto path 'shop/diagnostics/v1/diagnostics.proto'",
        "a.ts: service name 'product.v1.ProductService'",
        "a.ts: service name '/user.v1.UserService/GetUser'",
        "a.ts: service name 'dapr.proto.runtime.v1.Dapr'",
        "a.ts: service name 'dapr.proto.runtime.v1.${name}'",
        "a.ts: service name 'TaskHubSidecarService'",
      ]);
    });

    it('When names appear in comments, regular expressions or other words only, then nothing is reported', () => {
      const file = write(
        'b.ts',
        [
          '// product.v1.ProductService, loaded from product/v1/product.proto',
          '/* auth.v1.AuthService */',
          "const re = /'user.v1.UserService'/;",
          "const ok = ['no.such.Service', 'v1.Health', 'a.proto.txt', 'TaskHubSidecarServiceClient'];",
          'const t = `${productContract.service}/GetProducts`;',
        ].join('\n'),
      );

      expect(contractNameViolations(dir, [file], services)).toEqual([]);
    });
  });

  it('When a source holds strings, comments and a regex, then only the strings are literals', () => {
    expect(stringLiterals("a('x') // 'y'\n/* 'z' */ const r = /'w'/g; b(\"v\", `u${1}`)")).toEqual(['x', 'v', 'u${1}']);
  });
});
