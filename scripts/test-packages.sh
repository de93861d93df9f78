#!/usr/bin/env bash
# Installs the Debian packages as a user would and checks they work: scripts/test-packages.sh
# [--no-build]. Builds them (scripts/package.sh; --no-build takes those already in
# build/packages/), installs them with apt into a fresh Debian 12 root, starts outlierd on
# loopback there, runs outlierctl against it and on the sample, starts the app offscreen, checks
# that the desktop entry, icons, metainfo, man pages and unit landed, then purges the packages
# and checks that nothing is left. Prints each check; non-zero on the first that fails.
#
# Needs root (debootstrap, chroot, mount) and Debian's mirror. The base root (debootstrap
# --variant=minbase bookworm) and apt's downloads are kept in $OD_TEST_ROOT_CACHE (default
# /var/cache/outlierdesk-test-root), so only the first run fetches them; each run installs into
# a fresh copy of the base.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

cache=${OD_TEST_ROOT_CACHE:-/var/cache/outlierdesk-test-root}
mirror=${OD_DEBIAN_MIRROR:-http://deb.debian.org/debian}
build=build
packages=(outlierdesk outlierd outlierctl)
app_id=io.github.outlierdesk.OutlierDesk

say() { echo "test-packages: $*"; }
fail() {
  echo "test-packages: FAILED: $*" >&2
  exit 1
}
ok() { echo "  ok   $*"; }

[[ $(id -u) -eq 0 ]] || fail "run as root (debootstrap, chroot and mount need it)"
command -v debootstrap >/dev/null || fail "debootstrap is missing (scripts/install-deps.sh)"
case "${1:-}" in
  "") scripts/package.sh ;;
  --no-build) ;;
  *) fail "unknown argument '$1' (usage: scripts/test-packages.sh [--no-build])" ;;
esac
mapfile -t debs < <(ls "$build"/packages/*.deb 2>/dev/null)
((${#debs[@]} == 3)) || fail "expected 3 packages in $build/packages, found ${#debs[@]}"

# The base, made once. Debootstrap writes to a scratch name, so an interrupted run leaves no
# half-made base behind.
mkdir -p "$cache/archives/partial"
if [[ ! -f "$cache/base/.complete" ]]; then
  say "making the Debian 12 base in $cache/base (once; a few minutes)"
  rm -rf --one-file-system "$cache/base.new"
  debootstrap --variant=minbase bookworm "$cache/base.new" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    fail "debootstrap failed; see $cache/debootstrap.log"
  touch "$cache/base.new/.complete"
  rm -rf --one-file-system "$cache/base"
  mv "$cache/base.new" "$cache/base"
fi

root=$(mktemp -d "$cache/root.XXXXXX")
mounts=()
cleanup() {
  set +e
  [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[i]}"; done
  # --one-file-system: never follow a mount that failed to come off into the host.
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
# The fresh root lives in memory (about 1 GB once the packages are in): copying the base,
# unpacking and throwing it all away cost seconds instead of minutes of disk writes.
mount -t tmpfs -o size=3g,mode=0755 outlierdesk-test-root "$root" && mounts+=("$root")
cp -a "$cache/base/." "$root/"
mount -t proc proc "$root/proc" && mounts+=("$root/proc")
mount --bind "$cache/archives" "$root/var/cache/apt/archives" && mounts+=("$root/var/cache/apt/archives")
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The root is thrown away after the run: dpkg need not sync every file it unpacks.
echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/outlierdesk-test-unsafe-io"
mkdir -p "$root/tmp/od"
cp "${debs[@]}" resources/samples/service-metrics.csv "$root/tmp/od/"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

say "installing ${debs[*]##*/} with apt"
in_root apt-get update -qq >/dev/null || fail "apt-get update in the Debian 12 root"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  $(printf '/tmp/od/%s ' "${debs[@]##*/}") >"$root/tmp/od/install.log" 2>&1 ||
  {
    tail -20 "$root/tmp/od/install.log" >&2
    fail "apt could not install the packages"
  }
for p in "${packages[@]}"; do
  status=$(in_root dpkg-query -W -f='${Status} ${Version}' "$p")
  [[ $status == "install ok installed "* ]] || fail "$p: $status"
  ok "$p installed (${status##* })"
done

say "checking what landed"
expect_file() {
  [[ -f "$root$1" ]] || fail "$1 is missing"
  ok "$1"
}
for f in /usr/bin/outlierdesk /usr/bin/outlierd /usr/bin/outlierctl \
  /usr/share/applications/$app_id.desktop /usr/share/metainfo/$app_id.metainfo.xml \
  /usr/share/icons/hicolor/scalable/apps/outlierdesk.svg /usr/share/icons/hicolor/16x16/apps/outlierdesk.png \
  /usr/share/icons/hicolor/48x48/apps/outlierdesk.png /usr/share/icons/hicolor/256x256/apps/outlierdesk.png \
  /lib/systemd/system/outlierd.service /etc/default/outlierd; do
  expect_file "$f"
done
for p in "${packages[@]}"; do
  expect_file "/usr/share/man/man1/$p.1.gz"
  expect_file "/usr/share/doc/$p/copyright"
done
grep -q '^MimeType=text/csv;$' "$root/usr/share/applications/$app_id.desktop" || fail "the desktop entry lacks MimeType=text/csv;"
ok "desktop entry offers itself for text/csv"
in_root dpkg-query -W -f='${Conffiles}\n' outlierd | grep -q '/etc/default/outlierd' ||
  fail "/etc/default/outlierd is not a conffile"
ok "/etc/default/outlierd is a conffile"
wants=/etc/systemd/system/multi-user.target.wants/outlierd.service
[[ -L "$root$wants" ]] || fail "the unit was not enabled ($wants)"
ok "outlierd.service enabled ($wants)"

say "running the programs"
version=$(in_root env QT_QPA_PLATFORM=offscreen outlierdesk --version) || fail "outlierdesk --version failed"
[[ $version == *"$(dpkg-deb -f "${debs[0]}" Version | cut -d- -f1)"* ]] || fail "outlierdesk --version says '$version'"
ok "outlierdesk --version: $version"
# The window on the sample, offscreen: still running after 3 s means Qt, its plugins and the
# chart libraries all loaded.
rc=0
in_root env QT_QPA_PLATFORM=offscreen timeout 3 outlierdesk /tmp/od/service-metrics.csv >/dev/null 2>&1 || rc=$?
((rc == 124)) || fail "outlierdesk on the sample ended by itself with status $rc"
ok "outlierdesk opens the sample offscreen (still running after 3 s)"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# chroot and env exec, so $! is outlierd itself (a function would put a subshell in between).
chroot "$root" env -i PATH=/usr/bin:/bin outlierd --listen "127.0.0.1:$port" >"$root/tmp/od/outlierd.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  in_root outlierctl hello --remote "127.0.0.1:$port" --name packages >"$root/tmp/od/hello" 2>/dev/null && break
  sleep 0.2
done
[[ $(cat "$root/tmp/od/hello") == "Hello packages" ]] || fail "outlierctl hello: '$(cat "$root/tmp/od/hello")'"
ok "outlierd on 127.0.0.1:$port; outlierctl hello: $(cat "$root/tmp/od/hello")"
detect() { in_root outlierctl detect --method zscore --threshold 2 --format csv "$@" /tmp/od/service-metrics.csv; }
local_indices=$(detect | cut -d, -f1,2) || fail "outlierctl detect on the sample"
remote_indices=$(detect --remote "127.0.0.1:$port" | cut -d, -f1,2) || fail "outlierctl detect --remote"
count=$(($(wc -l <<<"$local_indices") - 1))
((count > 0)) || fail "outlierctl detect found no outliers in the sample"
[[ $local_indices == "$remote_indices" ]] || fail "local and remote detection disagree"
ok "outlierctl detect: the same $count outliers locally and through outlierd"
in_root outlierctl render /tmp/od/service-metrics.csv -o /tmp/od/chart.png >/dev/null 2>&1 ||
  fail "outlierctl render"
[[ $(head -c 8 "$root/tmp/od/chart.png" | od -An -tx1 | tr -d ' ') == 89504e470d0a1a0a ]] ||
  fail "outlierctl render did not write a PNG"
ok "outlierctl render wrote a PNG ($(stat -c %s "$root/tmp/od/chart.png") bytes) with no display"
kill -TERM "$server_pid"
rc=0
wait "$server_pid" || rc=$?
server_pid=
((rc == 0)) || fail "outlierd ended with status $rc on SIGTERM (log: $(tail -3 "$root/tmp/od/outlierd.log"))"
ok "outlierd stops cleanly on SIGTERM"

say "purging"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${packages[@]}" >"$root/tmp/od/purge.log" 2>&1 ||
  {
    tail -20 "$root/tmp/od/purge.log" >&2
    fail "apt could not purge the packages"
  }
for p in "${packages[@]}"; do
  ! in_root dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || fail "$p is still there"
done
for f in /usr/bin/outlierdesk /usr/bin/outlierd /usr/bin/outlierctl /etc/default/outlierd \
  /lib/systemd/system/outlierd.service "$wants" /usr/share/applications/$app_id.desktop \
  /usr/share/icons/hicolor/scalable/apps/outlierdesk.svg /usr/share/doc/outlierd; do
  [[ ! -e "$root$f" && ! -L "$root$f" ]] || fail "$f is left after purge"
done
ok "purged: no programs, conffile, unit, enablement, icons or docs left"

say "all checks passed in $((SECONDS - started)) s"
