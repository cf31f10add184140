#!/usr/bin/env bash
# Fetches the video module's test assets from the package registries, checks their SHA-256, and extracts what the
# tests read into DEST (default: $VIDEOSEQ_TEST_ASSETS or ~/.cache/videoseq/test-assets). Nothing is committed:
#   - the backbone: npm package nsfwjs@4.4.0 (MIT), dist/models/mobilenet_v2 (Keras 2.2.4 MobileNetV2 in the
#     TensorFlow.js layers format, uint8-quantized; fine-tuned for another task: a stand-in for your own backbone);
#   - sample videos from Debian packages: python3-imageio (realshort.mp4, cockatoo.mp4) and python3-mecavideo
#     (mp4, AVI (MPEG-4 part 2 and VP9), Theora .ogv).
# Run by the video module's generate-test-resources phase and by .ci/run. It never fails the build: when a registry
# is unreachable it writes DEST/unavailable.txt with the reason, and the tests that need the assets are skipped
# naming it. A complete fetch writes DEST/complete.txt; later runs then do nothing.
set -uo pipefail

DEST="${1:-${VIDEOSEQ_TEST_ASSETS:-$HOME/.cache/videoseq/test-assets}}"
NSFWJS_SHA256=585cd178f3b994337c4d10a87b080d342fc52f8b9bf0085c4d1f345a3a1c5382
DEBS=(
  "python3-imageio=2.4.1-5 4467164fe9fc96f24ef2a50133ef71734294116845c3fc28ca5b102e1d6041e8"
  "python3-mecavideo=8.0~rc5-1 ddbf099d3d5a412ee664a8628d331752b17abb4b857e3a100f694eed9670df78"
)
VERSION="assets-1 nsfwjs-4.4.0 ${DEBS[*]}"

if [ -f "$DEST/complete.txt" ] && [ "$(cat "$DEST/complete.txt")" = "$VERSION" ]; then
  exit 0
fi
mkdir -p "$DEST" || { echo "test assets: cannot create $DEST" >&2; exit 0; }
rm -f "$DEST/unavailable.txt"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/videoseq-assets.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

unavailable() {
  echo "$1" > "$DEST/unavailable.txt"
  echo "test assets unavailable: $1 (the tests that need them will be skipped)" >&2
  exit 0
}

check() { # file sha256
  local got
  got="$(sha256sum "$1" | cut -d' ' -f1)"
  [ "$got" = "$2" ] || unavailable "$(basename "$1"): expected SHA-256 $2, found $got"
}

cd "$WORK" || exit 0
if command -v npm >/dev/null 2>&1; then
  npm pack --silent nsfwjs@4.4.0 >npm.log 2>&1 || true
fi
if [ ! -f nsfwjs-4.4.0.tgz ] && command -v curl >/dev/null 2>&1; then
  curl -fsSL -o nsfwjs-4.4.0.tgz https://registry.npmjs.org/nsfwjs/-/nsfwjs-4.4.0.tgz || true
fi
[ -f nsfwjs-4.4.0.tgz ] || unavailable "npm package nsfwjs@4.4.0: neither npm pack nor curl of registry.npmjs.org got it"
check nsfwjs-4.4.0.tgz "$NSFWJS_SHA256"
tar xzf nsfwjs-4.4.0.tgz package/dist/models/mobilenet_v2 package/LICENSE 2>/dev/null \
  || tar xzf nsfwjs-4.4.0.tgz package/dist/models/mobilenet_v2 \
  || unavailable "nsfwjs-4.4.0.tgz: cannot extract dist/models/mobilenet_v2"

command -v apt-get >/dev/null 2>&1 || unavailable "apt-get not found: the Debian sample videos cannot be fetched"
for entry in "${DEBS[@]}"; do
  pkg="${entry% *}"
  if ! apt-get download -qq "$pkg" >apt.log 2>&1; then
    # A fresh machine may have no package lists yet.
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq >/dev/null 2>&1
      apt-get download -qq "$pkg" >apt.log 2>&1
    fi
  fi
  deb="$(ls ./"${pkg%%=*}"_*.deb 2>/dev/null | head -n 1)"
  [ -n "$deb" ] || unavailable "Debian package $pkg: apt-get download failed ($(tail -n 1 apt.log))"
  check "$deb" "${entry#* }"
  dpkg-deb -x "$deb" debs || unavailable "$deb: cannot extract"
done

rm -rf "$DEST/nsfwjs-4.4.0" "$DEST/videos"
mkdir -p "$DEST/nsfwjs-4.4.0" "$DEST/videos"
cp -r package/dist/models/mobilenet_v2 "$DEST/nsfwjs-4.4.0/"
[ -f package/LICENSE ] && cp package/LICENSE "$DEST/nsfwjs-4.4.0/"
for f in debs/usr/lib/python3/dist-packages/imageio/resources/images/{realshort,cockatoo}.mp4 \
         debs/usr/share/pymecavideo/data/video/{balle-jbart.mp4,balle1-vp9.avi,Effet_force_magnetique.ogv,g1.avi,Principe_inertie.avi}; do
  [ -f "$f" ] || unavailable "$(basename "$f"): not in the Debian packages any more"
  cp "$f" "$DEST/videos/"
done
echo "$VERSION" > "$DEST/complete.txt"
echo "test assets in $DEST"
