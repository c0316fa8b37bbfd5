#!/usr/bin/env bash
# Installs the Debian packages Takt's tests and benchmarks use, only when missing: PostgreSQL (the
# scale provider, exercised by the tests), ffmpeg (ffprobe reads audio and video at ingest) and
# libvips-tools (the vips CLI, the benchmark's peer). Safe to re-run.
set -euo pipefail
missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
command -v vips >/dev/null 2>&1 || missing+=(libvips-tools)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]} == 0)); then
  exit 0
fi

run() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }
echo "installing ${missing[*]} (Debian packages)..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! run apt-get install -y -qq "${missing[@]}" >&2; then
  run apt-get update -qq >&2
  run apt-get install -y -qq "${missing[@]}" >&2
fi
