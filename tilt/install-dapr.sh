#!/usr/bin/env bash
# Installs the Dapr control plane with Helm into dapr-system if it is missing (idempotent:
# an existing release, of any version, is kept). Called by the Tiltfile before it applies
# anything, because the shop's Components need Dapr's CRDs.
#   DAPR_VERSION  chart version (default: the runtime version pinned in dapr/runtime/go.mod)
set -euo pipefail
cd "$(dirname "$0")/.."
version="${DAPR_VERSION:-$(sed -n 's#^\s*github.com/dapr/dapr v\([0-9.]*\).*#\1#p' dapr/runtime/go.mod | head -n1)}"
if helm status dapr -n dapr-system >/dev/null 2>&1; then
  echo "dapr: Helm release present ($(helm list -n dapr-system -f '^dapr$' -o json | sed -n 's/.*"app_version":"\([^"]*\)".*/\1/p'))"
  exit 0
fi
echo "dapr: installing control plane ${version} with Helm"
helm repo add dapr https://dapr.github.io/helm-charts/ >/dev/null 2>&1 || true
helm repo update dapr >/dev/null
helm upgrade --install dapr dapr/dapr --version "${version}" --namespace dapr-system --create-namespace \
  --values tilt/dapr-values.yaml --wait --timeout 5m
