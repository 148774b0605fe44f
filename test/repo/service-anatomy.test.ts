import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { anatomyViolations } from './anatomy';

const repo = join(__dirname, '..', '..');
const DOMAIN_SERVICES = ['product', 'user', 'order', 'auth'];

describe('the service anatomy (docs/service-anatomy.md)', () => {
  it.each(DOMAIN_SERVICES)(
    'When the %s service is read, then its folders and file names follow the anatomy',
    (service) => {
      expect(anatomyViolations(join(repo, 'services', service))).toEqual([]);
    },
  );

  describe('on a service tree made for the test', () => {
    let dir: string;
    const touch = (...files: string[]) => {
      for (const f of files) {
        mkdirSync(dirname(join(dir, f)), { recursive: true });
        writeFileSync(join(dir, f), '');
      }
    };
    const wellFormed = [
      'src/main.ts',
      'src/config.ts',
      'src/entry-points/rest/routes.ts',
      'src/entry-points/rest/schemas.ts',
      'src/entry-points/grpc/thing-grpc-service.ts',
      'src/entry-points/jobs/sweep.ts',
      'src/domain/ports.ts',
      'src/domain/thing.ts',
      'src/domain/use-cases/make-thing.ts',
      'src/data-access/thing-repository.ts',
      'src/data-access/postgres.ts',
      'src/saga/workflow.ts',
    ];
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'anatomy-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('When every file is in its place, then nothing is reported', () => {
      touch(...wellFormed);
      expect(anatomyViolations(dir)).toEqual([]);
    });

    it('When files sit outside the scheme, then each one is reported', () => {
      touch(
        ...wellFormed,
        'src/app.ts',
        'src/entry-points/rest.ts',
        'src/entry-points/http/x.ts',
        'src/entry-points/rest/representations.ts',
        'src/domain/helpers/x.ts',
        'src/data-access/products-repo.ts',
        'src/data-access/order-store.ts',
        'src/misc/x.ts',
      );
      expect(anatomyViolations(dir).sort()).toEqual(
        [
          'src/app.ts: only main.ts, config.ts, instrument.ts, migrate.ts here',
          'src/data-access/order-store.ts: name outside the scheme',
          'src/data-access/products-repo.ts: name outside the scheme',
          'src/domain/helpers/: only use-cases/ here',
          'src/entry-points/http/: not an entry-point kind',
          'src/entry-points/rest.ts: entry points live in rest/, grpc/, events/, jobs/ or cli/',
          'src/entry-points/rest/representations.ts: name outside the scheme',
          'src/misc/: neither a layer nor a workflow module (workflow.ts)',
        ].sort(),
      );
    });

    it('When a use-case file exports a factory, then it is reported', () => {
      touch(...wellFormed);
      writeFileSync(join(dir, 'src/domain/use-cases/make-thing.ts'), 'export function createThingUseCases() {}\n');
      expect(anatomyViolations(dir)).toEqual([
        'src/domain/use-cases/make-thing.ts: exports a create… factory, not functions taking their ports',
      ]);
    });

    it('When a layer or the use cases are missing, then the missing folders are reported', () => {
      touch('src/main.ts', 'src/config.ts', 'src/entry-points/rest/routes.ts', 'src/domain/ports.ts');
      expect(anatomyViolations(dir)).toEqual(['src/data-access/: missing', 'src/domain/use-cases/: missing']);
    });
  });
});
