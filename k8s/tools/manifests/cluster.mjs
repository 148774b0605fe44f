// What the whole namespace needs once: the Namespace, default-deny and store DNS policies, the
// shop's Ingress and the kustomization that lists everything.
import { CONSOLE } from '../console-manifests.mjs';
import { NAMESPACE, apps, collector, labels } from './context.mjs';
import { STORES } from './stores.mjs';

export function clusterFiles() {
  const { files, emit } = collector();
  emit('namespace.yaml', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: NAMESPACE,
      labels: {
        'app.kubernetes.io/part-of': 'shop',
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  });
  emit('network-policy-default-deny.yaml', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny', labels: { 'app.kubernetes.io/part-of': 'shop' } },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  emit('network-policy-stores-egress.yaml', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'stores-dns', labels: { 'app.kubernetes.io/part-of': 'shop' } },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/component': 'store' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  });
  emit('ingress.yaml', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'gateway',
      labels: labels('gateway', 'app'),
      annotations: {
        'nginx.ingress.kubernetes.io/proxy-body-size': '1m',
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '35',
      },
    },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'shop.localtest.me',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'gateway', port: { name: 'http' } } } },
            ],
          },
        },
      ],
    },
  });
  emit('kustomization.yaml', {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: NAMESPACE,
    resources: [
      'namespace.yaml',
      'network-policy-default-deny.yaml',
      'network-policy-stores-egress.yaml',
      ...Object.keys(STORES).map((s) => `stores/${s}.yaml`),
      'dapr/components.yaml',
      'dapr/configuration.yaml',
      'dapr/resiliency.yaml',
      'dapr/rbac.yaml',
      ...apps.map((a) => `apps/${a}`),
      `apps/${CONSOLE}`,
      'ingress.yaml',
    ],
  });
  return files;
}
