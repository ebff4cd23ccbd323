// Validates rendered Kubernetes manifests against the Kubernetes API schemas, offline
// (npm kubernetes-models). Usage: node validate.cjs FILE.yaml ...
// Kinds outside the core API (Strimzi's KafkaTopic, the Prometheus operator's ServiceMonitor) are
// checked for apiVersion, kind and metadata.name only, and listed as such.
"use strict";
const fs = require("fs");
const yaml = require("js-yaml");

function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  try {
    return require(path)[kind];
  } catch (e) {
    return undefined;
  }
}

let failures = 0;
let validated = 0;
const unchecked = [];
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(fs.readFileSync(file, "utf8"))) {
    if (!doc) continue;
    const where = `${file}: ${doc.kind}/${doc.metadata && doc.metadata.name}`;
    if (!doc.apiVersion || !doc.kind || !doc.metadata || !doc.metadata.name) {
      console.error(`${where}: missing apiVersion, kind or metadata.name`);
      failures++;
      continue;
    }
    const Model = modelOf(doc.apiVersion, doc.kind);
    if (!Model) {
      unchecked.push(`${doc.apiVersion} ${doc.kind}`);
      continue;
    }
    try {
      new Model(doc).validate();
      validated++;
    } catch (e) {
      console.error(`${where}: ${e.message}`);
      failures++;
    }
  }
}
console.log(JSON.stringify({ validated, failures, unchecked: [...new Set(unchecked)].sort() }));
process.exit(failures ? 1 : 0);
