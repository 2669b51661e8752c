#!/usr/bin/env bash
# The README's test command: installs what is missing, starts the test environment, runs `mvn -B verify`, stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify "$@"
