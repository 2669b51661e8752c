#!/usr/bin/env bash
# Serves a stand-in Kubernetes API (fabric8 KubernetesMockServer, CRUD mode, on 127.0.0.1) holding the Forklift CRDs
# and a ForkliftController forklift-controller in openshift-mtv, for demos of configure-forklift / create-provider /
# settings. Writes a kubeconfig pointing at it to the path given (default: a temp file), prints that path on stdout,
# then serves until killed. Usage: scripts/mock-cluster.sh [KUBECONFIG_PATH] &
# It is a mock: no operator, no webhooks, no garbage collection (see docs/forklift.md).
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=core/target/mock-cluster.classpath
mvn -B -q -pl core test-compile >&2
if [[ ! -s $cp_file || pom.xml -nt $cp_file || core/pom.xml -nt $cp_file ]]; then
  mvn -B -q -pl core org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test >&2
fi
exec java -cp "core/target/test-classes:core/target/classes:$(cat "$cp_file")" io.forkliftvddk.core.forklift.MockCluster "$@"
