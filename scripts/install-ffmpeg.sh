#!/usr/bin/env bash
# Installs ffmpeg (Debian package) when it is missing: Takt encodes video and reads audio and video
# with it, so the demo and renders need it. Safe to re-run; does nothing when ffmpeg is there.
set -euo pipefail
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 && exit 0
run() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }
echo "installing ffmpeg (Debian package)..." >&2
export DEBIAN_FRONTEND=noninteractive
if ! run apt-get install -y -qq ffmpeg >&2; then
  run apt-get update -qq >&2
  run apt-get install -y -qq ffmpeg >&2
fi
