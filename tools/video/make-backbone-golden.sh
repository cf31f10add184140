#!/usr/bin/env bash
# Regenerates video/src/test/resources/io/videoseq/video/backbone/backbone_golden.json: BackboneGoldenTest decodes
# and preprocesses the frames in Java and dumps the inputs, then TensorFlow.js 4.22.0 (node, installed into a
# temporary folder from npm; generation time only) computes flatten_1 of nsfwjs's MobileNetV2 for them.
set -euo pipefail
cd "$(dirname "$0")/../.."
ASSETS="${VIDEOSEQ_TEST_ASSETS:-$HOME/.cache/videoseq/test-assets}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/videoseq-golden.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
tools/video/fetch-test-assets.sh "$ASSETS"
mvn -q -B -o -pl video -am test -Dtest=BackboneGoldenTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dvideoseq.test.assets="$ASSETS" \
  -Dvideoseq.golden.dump="$WORK/dump"
(cd "$WORK" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund @tensorflow/tfjs@4.22.0)
OUT=video/src/test/resources/io/videoseq/video/backbone/backbone_golden.json
mkdir -p "$(dirname "$OUT")"
(cd "$WORK" && node "$OLDPWD/tools/video/backbone_golden.mjs" "$ASSETS/nsfwjs-4.4.0/mobilenet_v2" "$WORK/dump" "$OLDPWD/$OUT")
