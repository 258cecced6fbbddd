#!/usr/bin/env bash
# Vendors axe-core's single browser file into the test resources, for the console's browser tests
# (ConsoleBrowserTest injects it into each page and fails on serious or critical violations).
# Vendored rather than fetched in CI so the tests run offline and the checked version is reviewed in
# a commit. Run again to upgrade: scripts/vendor-axe.sh 4.14.1
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-4.14.1}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$version" >/dev/null)
tar -xzf "$work"/axe-core-"$version".tgz -C "$work" package/axe.min.js package/LICENSE
cp "$work/package/axe.min.js" src/test/resources/axe/axe.min.js
cp "$work/package/LICENSE" src/test/resources/axe/LICENSE
echo "$version" > src/test/resources/axe/VERSION
echo "axe-core $version vendored into src/test/resources/axe/"
