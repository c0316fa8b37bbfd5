#!/usr/bin/env bash
# Installs the Debian packages Takt's tests and benchmarks use, only when missing: PostgreSQL (the
# scale provider, exercised by the tests), ffmpeg (ffprobe reads audio and video at ingest),
# libvips-tools (the vips CLI, the benchmark's peer) and Node.js with npm (which run the official
# c2pa-rs reader, the judge of the C2PA manifests Takt writes). Then installs that reader's npm
# package from its lock file. Safe to re-run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v vips >/dev/null 2>&1 || missing+=(libvips-tools)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

scripts/install-ffmpeg.sh

run() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }
if ((${#missing[@]} > 0)); then
  echo "installing ${missing[*]} (Debian packages)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! run apt-get install -y -qq "${missing[@]}" >&2; then
    run apt-get update -qq >&2
    run apt-get install -y -qq "${missing[@]}" >&2
  fi
fi

# The stamp lives inside node_modules, so deleting node_modules also forces a reinstall; it holds
# the lock file's hash, so a changed lock file does too. npm ci installs exactly the locked versions.
reader=tests/c2pa-reader
stamp="$reader/node_modules/.takt-lock.sha256"
lock_hash="$(sha256sum "$reader/package-lock.json" | cut -d' ' -f1)"
if [[ ! -d "$reader/node_modules/@contentauth/c2pa-wasm" || "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]]; then
  echo "installing the c2pa reader's npm packages ($reader)..." >&2
  npm ci --prefix "$reader" --no-audit --no-fund >&2
  echo "$lock_hash" >"$stamp"
fi
