"""Evaluates the root Tiltfile with Tilt's builtins stubbed (Starlark is a subset of Python's
syntax) and prints what it would do as JSON: images, manifests, resources, port forwards,
local commands and every file path it touched. Run by k8s/test/tiltfile.test.ts; needs only
python3. Stubs check their arguments the way Tilt would (missing files, unknown kwargs)."""
import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
calls = {'docker_build': [], 'k8s_yaml': [], 'k8s_resource': [], 'local_resource': [], 'local': [], 'files': [], 'load': []}


def need_file(path):
    calls['files'].append(path)
    if not os.path.exists(os.path.join(ROOT, path)):
        raise FileNotFoundError('Tiltfile references a missing path: ' + path)


def read_json(path):
    need_file(path)
    with open(os.path.join(ROOT, path)) as f:
        return json.load(f)


def local(command, quiet=False, echo_off=False, env=None, dir='', command_bat=''):
    calls['local'].append(command)
    exe = command.split(' ')[0]
    need_file(command.split(' ')[1] if exe in ('node', 'bash', 'sh') else exe)
    return 'local(%s)' % command


def kustomize(path, kustomize_bin=None, flags=None):
    need_file(os.path.join(path, 'kustomization.yaml'))
    return 'kustomize(%s)' % path


def k8s_yaml(yaml, allow_duplicates=False):
    calls['k8s_yaml'].append(yaml)


def docker_build(ref, context, dockerfile='Dockerfile', target='', only=None, ignore=None, live_update=None, build_args=None, **kw):
    unknown = set(kw) - {'entrypoint', 'network', 'platform', 'ssh', 'secret', 'extra_tag', 'cache_from', 'pull', 'match_in_env_vars', 'container_args', 'dockerfile_contents'}
    if unknown:
        raise TypeError('docker_build: unknown arguments %s' % sorted(unknown))
    need_file(context)
    need_file(dockerfile)
    for p in only or []:
        need_file(p)
    with open(os.path.join(ROOT, dockerfile)) as f:
        if target and (' AS %s\n' % target) not in f.read():
            raise ValueError('%s has no stage %s' % (dockerfile, target))
    for step in live_update or []:
        if step[0] == 'sync' and not step[1].startswith(('libraries/', 'services/')):
            raise ValueError('sync of an unexpected path ' + step[1])
    calls['docker_build'].append({'ref': ref, 'dockerfile': dockerfile, 'target': target, 'live_update': live_update or []})


def sync(local_path, remote_path):
    calls['files'].append(local_path)  # dist/ may not exist before the first build
    return ['sync', local_path, remote_path]


def fall_back_on(files):
    for p in files:
        need_file(p)
    return ['fall_back_on', files]


def k8s_resource(workload='', new_name='', port_forwards=None, resource_deps=None, objects=None, labels=None, **kw):
    calls['k8s_resource'].append({'workload': workload, 'new_name': new_name, 'port_forwards': port_forwards or [],
                                  'resource_deps': resource_deps or [], 'objects': objects or [], 'labels': labels or []})


def local_resource(name, cmd='', serve_cmd='', deps=None, labels=None, **kw):
    calls['local_resource'].append({'name': name, 'serve_cmd': serve_cmd, 'labels': labels or []})


def noop(*a, **kw):
    return None


def load(module, *symbols):
    path = module[2:] if module.startswith('./') else module
    if module.startswith('ext://'):
        raise ValueError('remote extensions are not allowed: ' + module)
    need_file(path)
    calls['load'].append(path)
    scope = dict(BUILTINS)
    with open(os.path.join(ROOT, path)) as f:
        exec(compile(f.read(), path, 'exec'), scope)
    frame = sys._getframe(1)
    for s in symbols:
        frame.f_globals[s] = scope[s]


def watch_file(path):
    need_file(path)


class Config:
    """Tilt's `config`: every optional flag on, so the evaluation covers everything the Tiltfile can apply."""

    def __init__(self):
        self.flags = {}

    def define_bool(self, name, args=False, usage=''):
        self.flags[name] = True

    def define_string(self, name, args=False, usage=''):
        self.flags[name] = ''

    def parse(self):
        return dict(self.flags)


BUILTINS = {
    'config': Config(),
    'read_json': read_json, 'local': local, 'kustomize': kustomize, 'k8s_yaml': k8s_yaml, 'docker_build': docker_build,
    'sync': sync, 'fall_back_on': fall_back_on, 'k8s_resource': k8s_resource, 'local_resource': local_resource,
    'version_settings': noop, 'allow_k8s_contexts': noop, 'update_settings': noop, 'watch_file': watch_file,
    'load': load, 'fail': lambda msg: (_ for _ in ()).throw(RuntimeError('fail(): ' + msg)),
}

scope = dict(BUILTINS)
with open(os.path.join(ROOT, 'Tiltfile')) as f:
    exec(compile(f.read(), 'Tiltfile', 'exec'), scope)
print(json.dumps(calls))
