#!/usr/bin/env bash
# Builds the Debian packages outlierdesk, outlierd and outlierctl with CPack and checks them with
# lintian: scripts/package.sh [--release]. The default uses the README's build in build/ (its
# binaries, stripped); --release builds the release preset in build-release/ first. The .deb
# files land in BUILD/packages/; the last line names them. Fails when lintian reports an error.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"

preset=default
case "${1:-}" in
  "") ;;
  --release) preset=release ;;
  *) echo "package: unknown argument '$1' (usage: scripts/package.sh [--release])" >&2; exit 2 ;;
esac
build=$( [[ $preset == release ]] && echo build-release || echo build )

for tool in cpack dpkg-shlibdeps lintian; do
  command -v "$tool" >/dev/null || { echo "package: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done

# The packages install under /usr, whatever prefix a developer's build was set up with.
cmake --preset "$preset" -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
# Only what goes into the packages, not the tests.
cmake --build --preset "$preset" -j"$(nproc)" --target outlierdesk outlierd outlierctl od_icon_pngs od_packaging_files

rm -rf "$build/packages"
# CPack writes the archives' owners as root itself: no fakeroot needed.
(cd "$build" && cpack -G DEB --config CPackConfig.cmake >/dev/null)
mapfile -t debs < <(ls "$build"/packages/*.deb)
((${#debs[@]} == 3)) || { echo "package: expected 3 packages in $build/packages, got ${#debs[@]}" >&2; exit 1; }

# Overrides with their reasons: packaging/lintian-overrides (lintian --suppress-tags-from-file).
echo "package: lintian ${debs[*]##*/}"
report=$(lintian --tag-display-limit 0 --suppress-tags-from-file packaging/lintian-overrides "${debs[@]}" || true)
[[ -n "$report" ]] && echo "$report"
if grep -q '^E: ' <<<"$report"; then
  echo "package: lintian found errors" >&2
  exit 1
fi
echo "package: $(grep -c '^W: ' <<<"$report" || true) lintian warnings, no errors"
printf '%s\n' "${debs[@]}"
