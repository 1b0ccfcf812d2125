// Validates every document of the rendered manifests given as arguments against the JSON schema
// of its kind: Kubernetes' own kinds and the CRDs of KEDA, Strimzi, CloudNativePG and the
// Prometheus Operator. A kind without a known schema is an error, so nothing passes unchecked.
// Run by ../validate.sh, which installs the packages named there.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const CRD_PACKAGES = {
  "keda.sh": "@kubernetes-models/keda",
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

async function modelFor(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const pkg = CRD_PACKAGES[group] ?? "kubernetes-models";
  const module = await import(`${pkg}/${apiVersion}`).catch(() => ({}));
  return module[kind];
}

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(readFileSync(file, "utf8"))) {
    if (!doc) continue;
    const name = `${file}: ${doc.kind} ${doc.metadata?.name}`;
    const Model = await modelFor(doc.apiVersion, doc.kind);
    if (!Model) {
      console.error(`${name}: no schema for ${doc.apiVersion} ${doc.kind}`);
      failures++;
      continue;
    }
    try {
      new Model(doc).validate();
      checked++;
    } catch (e) {
      console.error(`${name}: ${e.message}`);
      failures++;
    }
  }
}
console.log(`${checked} resources valid, ${failures} invalid`);
process.exit(failures === 0 ? 0 : 1);
