// Validates Kubernetes objects (JSON array of {source, obj} on stdin) against the API schemas
// bundled in `kubernetes-models` (ESM only, hence a child process of the jest tests).
// Prints a JSON array of {source, kind, name, error}; objects of unknown kinds are errors.
const input = JSON.parse(
  await new Promise((res) => {
    let s = '';
    process.stdin.on('data', (c) => (s += c)).on('end', () => res(s));
  }),
);
const problems = [];
for (const { source, obj } of input) {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : [null, obj.apiVersion];
  const mod = `kubernetes-models/${group ? `${group}/` : ''}${version}`;
  let Model;
  try {
    Model = (await import(mod))[obj.kind];
  } catch {
    Model = undefined;
  }
  const where = { source, kind: obj.kind, name: obj.metadata?.name };
  if (!Model) {
    problems.push({ ...where, error: `no schema for ${obj.apiVersion} ${obj.kind}` });
    continue;
  }
  try {
    new Model(obj).validate();
  } catch (e) {
    problems.push({ ...where, error: String(e.message).slice(0, 2000) });
  }
}
process.stdout.write(JSON.stringify(problems));
