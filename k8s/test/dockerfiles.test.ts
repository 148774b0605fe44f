// The five Dockerfiles come from one template (k8s/tools/Dockerfile.template): this keeps
// them from drifting apart by hand.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

describe('Dockerfiles from one template', () => {
  it('When the Dockerfiles are rendered from the template, then every committed one matches', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'k8s', 'tools', 'dockerfiles.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
