#!/bin/sh
# Checks the deployment files with the real tools, beyond the Java tests of `mvn -pl deploy verify`:
#   1. kustomize renders each overlay, and the base with each executor autoscaler
#      (kubectl kustomize, or a standalone kustomize);
#   2. every rendered resource is valid against the schema of its kind, CRDs included
#      (kubernetes-models packages run by Node.js 20 or newer, installed under deploy/target);
#   3. the compose file is valid (docker compose config, or docker-compose config).
# A step whose tool is missing is reported as skipped; any failure exits non-zero.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/target/validate"
rm -rf "$out/rendered"
mkdir -p "$out/rendered"

if command -v kubectl > /dev/null 2>&1; then
  kustomize="kubectl kustomize"
elif command -v kustomize > /dev/null 2>&1; then
  kustomize="kustomize build"
else
  echo "kustomize: kubectl or kustomize is needed" >&2
  exit 1
fi

render() { # name, resources, components
  dir="$out/variants/$1"
  mkdir -p "$dir"
  {
    echo "apiVersion: kustomize.config.k8s.io/v1beta1"
    echo "kind: Kustomization"
    echo "resources: [$2]"
    echo "components: [$3]"
  } > "$dir/kustomization.yaml"
  $kustomize "$dir" > "$out/rendered/$1.yaml"
}

for overlay in dev prod; do
  $kustomize "$here/kubernetes/overlays/$overlay" > "$out/rendered/$overlay.yaml"
done
$kustomize "$here/kubernetes/overlays/prod/kafka" > "$out/rendered/prod-kafka.yaml"
# Paths relative to $out/variants/<name>: kustomize accepts no absolute ones.
base="../../../../kubernetes/base"
components="../../../../kubernetes/components"
render base-keda "$base" "$components/executor-keda, $components/monitoring"
render base-hpa "$base" "$components/executor-hpa"
echo "kustomize: rendered $(ls "$out/rendered" | tr '\n' ' ')"

if command -v node > /dev/null 2>&1 && command -v npm > /dev/null 2>&1; then
  if [ ! -d "$out/node_modules/kubernetes-models" ]; then
    npm install --prefix "$out" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      js-yaml@4.1.0 kubernetes-models@5.1.0 @kubernetes-models/keda@2.0.0 \
      @kubernetes-models/strimzi-kafka-operator@1.0.1 @kubernetes-models/cloudnative-pg@2.0.0 \
      @kubernetes-models/prometheus-operator@6.0.0
  fi
  cp "$here/validate/schemas.mjs" "$out/schemas.mjs"
  node "$out/schemas.mjs" "$out"/rendered/*.yaml
else
  echo "schemas: skipped (Node.js and npm not found)"
fi

compose_env="$here/compose/.env.example"
if docker compose version > /dev/null 2>&1; then
  docker compose --env-file "$compose_env" -f "$here/compose/compose.yaml" config -q
  echo "compose: valid"
elif command -v docker-compose > /dev/null 2>&1; then
  docker-compose --env-file "$compose_env" -f "$here/compose/compose.yaml" config -q
  echo "compose: valid"
else
  echo "compose: skipped (docker compose not found)"
fi
