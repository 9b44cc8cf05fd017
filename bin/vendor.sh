#!/usr/bin/env bash
# Refresh the vendored front-end assets from the npm registry (make vendor).
# Versions are pinned here and listed with their licences in static/vendor/VENDORED.md.
set -euo pipefail
dest="$(cd "$(dirname "$0")/.." && pwd)/src/maxww/core/static/vendor"
pkgs=(
  "@utrecht/component-library-css@9.0.4|dist/index.css|utrecht/component-library.css|EUPL-1.2"
  "@utrecht/design-tokens@5.0.1|dist/index.css|utrecht/design-tokens.css|EUPL-1.2 (see LICENSE.md)"
  "htmx.org@2.0.11|dist/htmx.min.js|htmx/htmx.min.js|BSD-0-Clause"
  "chart.js@4.6.1|dist/chart.umd.min.js|chartjs/chart.umd.min.js|MIT"
)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
{
  echo "# Vendored front-end assets"
  echo
  echo "Refreshed by \`make vendor\` (bin/vendor.sh) from the npm registry. Do not edit by hand."
  echo
  echo "| package | version | file | licence |"
  echo "|---|---|---|---|"
} > "$work/VENDORED.md"
for entry in "${pkgs[@]}"; do
  IFS='|' read -r spec src out licence <<<"$entry"
  (cd "$work" && npm pack --silent "$spec" >/dev/null 2>&1)
  tgz=$(ls -t "$work"/*.tgz | head -1)
  mkdir -p "$work/x" "$dest/$(dirname "$out")"
  tar xzf "$tgz" -C "$work/x"
  cp "$work/x/package/$src" "$dest/$out"
  # Source maps are not vendored; drop the reference so collectstatic's manifest passes.
  sed -i '/^\/\/# sourceMappingURL=/d' "$dest/$out"
  [ -f "$work/x/package/LICENSE" ] && cp "$work/x/package/LICENSE" "$dest/$(dirname "$out")/LICENSE" || true
  [ -f "$work/x/package/LICENSE.md" ] && cp "$work/x/package/LICENSE.md" "$dest/$(dirname "$out")/LICENSE.md" || true
  rm -rf "$work/x" "$tgz"
  name=${spec%@*}; version=${spec##*@}
  echo "| $name | $version | $out | $licence |" >> "$work/VENDORED.md"
done
cp "$work/VENDORED.md" "$dest/VENDORED.md"
echo "vendored into $dest"
