#!/usr/bin/env bash
# Builds the shop's sidecar image (dapr/runtime/Dockerfile) under the fixed tag the manifests'
# dapr.io/sidecar-image annotation names (the pinned Dapr version), and hands it to a kind or
# k3d cluster, whose nodes do not see the host's images. Tilt rewrites image fields, not
# annotations, so this image is built here instead of with docker_build.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's#^require github.com/dapr/dapr v\([^ ]*\).*#\1#p' dapr/runtime/go.mod)
image="shop/daprd:${version}"
docker build -f dapr/runtime/Dockerfile --build-arg "DAPR_VERSION=${version}" -t "${image}" .
context=$(kubectl config current-context)
case "${context}" in
  kind-*) kind load docker-image "${image}" --name "${context#kind-}" ;;
  k3d-*) k3d image import "${image}" --cluster "${context#k3d-}" ;;
esac
