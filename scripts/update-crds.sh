#!/usr/bin/env bash
# Regenerates the CustomResourceDefinitions from the model and copies them to deploy/crds.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B process-classes -pl adapters-kubernetes -am
rm -f deploy/crds/*.yml
cp adapters-kubernetes/target/crds/*.yml deploy/crds/
ls -l deploy/crds
