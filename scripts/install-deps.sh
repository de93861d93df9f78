#!/usr/bin/env bash
# Installs the Debian 12 packages OutlierDesk needs to build, test and run, if any is missing.
# Debian packages only; nothing is downloaded from anywhere else. Needs root or sudo.
# --bench-tools also installs the programs benchmarks compare against (Kst for
# tests/bench/bench_bigfile.py): large, and needed by no build or test, so not by default.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache clang-format
  # LLVM's linker: links the test programs several times faster than GNU ld (CMakeLists.txt)
  lld
  # number parsing in the CSV reader (header-only)
  libfast-float-dev
  # Qt 6: widgets, charts (which needs the OpenGL module), SVG, tests, offscreen/xcb platforms
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-qpa-plugins libgl-dev libxkbcommon-dev
  # zlib: the chart's PNG writer deflates on two threads (app/chart/pngwriter.h)
  zlib1g-dev
  # gRPC and protobuf
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc
  # .proto files read at run time by the call console (google::protobuf::compiler::Importer)
  libprotoc-dev
  # headless GUI runs and screenshots (imagemagick: `import -window root` for the docs)
  xvfb xauth imagemagick
  # keys sent to the app under Xvfb (tests/bench/bench_quit.sh)
  xdotool
  # certificates made at test time for the TLS tests
  openssl
  # reference peers and comparisons in tests and benchmarks, for /usr/bin/python3
  python3 python3-grpcio python3-protobuf python3-numpy python3-pandas
  # sanitizers and fuzzing
  clang libclang-rt-14-dev
  # micro-benchmarks
  libbenchmark-dev
  # the application icon's PNGs (rendered from its SVG), desktop entry and AppStream checks
  librsvg2-bin desktop-file-utils appstream
  # Debian packages: dpkg-shlibdeps for their dependencies, lintian (scripts/package.sh)
  dpkg-dev lintian
  # their install test in a fresh Debian 12 root (scripts/test-packages.sh)
  debootstrap
)

for arg in "$@"; do
  case "$arg" in
    --bench-tools) packages+=(kst) ;;
    *) echo "install-deps: unknown option '$arg' (known: --bench-tools)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
