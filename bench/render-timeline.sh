#!/usr/bin/env bash
# `takt render` end to end on a 1080p30 timeline of five layers (sky, hills, town, a walking
# figure, a soft-edged foreground branch) under a keyframed camera (pan, push-in, roll) with
# parallax by depth: the archive loads through the engine, per-frame curves, compositing, the
# cached two-second segments, the join and the C2PA signature, from a cold render cache. The
# floor is ffmpeg encoding the very same frames (decoded from Takt's output to raw RGB on tmpfs)
# with the same settings (libx264 medium, CRF 20). Called by render.sh; --quick: 60 frames.
set -euo pipefail
quick="${1:-0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
frames=300
[[ "$quick" == 1 ]] && frames=60
scratch_base=/dev/shm
[[ -d "$scratch_base" && -w "$scratch_base" ]] || scratch_base="$here/out"
scratch="$(mktemp -d "$scratch_base/takt-bench-render-timeline.XXXXXX")"
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$scratch"' EXIT
takt() { "$root/takt" "$@" -w "$scratch/ws"; }
layer() { ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$1" -frames:v 1 -vf "$2" "$scratch/media/$3.png"; }

echo "bench: drawing five layers and ingesting them (untimed)" >&2
mkdir -p "$scratch/media"
layer "gradients=s=2400x1350:c0=0x1b1035:c1=0xe07a5f:seed=3" "format=rgba" sky
layer "mandelbrot=s=2600x700" "format=rgba,colorkey=0x000000:0.2:0.2" hills
layer "testsrc2=s=2200x600" "format=rgba,colorkey=0xffffff:0.3:0.1" town
layer "cellauto=s=420x760:rule=110" "format=rgba,colorkey=0x000000:0.1:0.0" figure
layer "smptehdbars=s=1100x500" "format=rgba,colorchannelmixer=aa=0.7" branch
cat > "$scratch/media/takt.json" <<'JSON'
{"tenant": "bench", "project": "render", "contributors": [{"id": "b", "name": "Bench"}],
 "defaults": {"author": "b", "licence": "CC0-1.0", "consent": {"reference-use": "allowed"}},
 "files": [{"path": "sky.png", "work": "sky"}, {"path": "hills.png", "work": "hills"}, {"path": "town.png", "work": "town"},
           {"path": "figure.png", "work": "figure"}, {"path": "branch.png", "work": "branch"}]}
JSON
takt init >/dev/null
takt ingest "$scratch/media" >/dev/null
takt timeline new bench --fps 30 --size 1920x1080 --frames "$frames" >/dev/null
last=$((frames - 1))
declare -A depth=([sky]=0.2 [hills]=0.5 [town]=0.8 [figure]=1 [branch]=1.4)
for name in sky hills town figure branch; do
  id="$(takt assets list --json | python3 -c "import json,sys; print(next(a['id'] for a in json.load(sys.stdin)['assets'] if a['name']=='$name'))")"
  [[ "$name" == sky ]] || takt timeline add track bench --cut c001 --name "$name-track" >/dev/null
  track="$name-track"; [[ "$name" == sky ]] && track=v1
  takt timeline add clip bench --track "$track" --asset "$id" --duration "$frames" --name "$name" >/dev/null
  takt timeline key bench --target "$name" --param depth --frame 0 --value "${depth[$name]}" >/dev/null
done
takt timeline key bench --target figure --param x --frame 0 --value 500 >/dev/null
takt timeline key bench --target figure --param x --frame "$last" --value 1500 >/dev/null
takt timeline key bench --target figure --param y --frame 0 --value 700 >/dev/null
takt timeline key bench --target branch --param y --frame 0 --value 950 >/dev/null
takt timeline key bench --target camera --param x --frame 0 --value 900 --interp ease-in-out-sine >/dev/null
takt timeline key bench --target camera --param x --frame "$last" --value 1100 >/dev/null
takt timeline key bench --target camera --param zoom --frame 0 --value 1 >/dev/null
takt timeline key bench --target camera --param zoom --frame "$last" --value 1.2 >/dev/null
takt timeline key bench --target camera --param rotation --frame 0 --value -2 >/dev/null
takt timeline key bench --target camera --param rotation --frame "$last" --value 2 >/dev/null

echo "bench: takt render ($frames frames)" >&2
# Timed inside the command, from the timeline's load to the signed file (process start and the
# CLI's own JIT excluded; the archive loads, decoding, compositing, encoding, join and signing in).
takt_s="$(takt render bench --tenant bench -o "$scratch/takt.mp4" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['seconds'])")"

echo "bench: ffmpeg from the same frames, raw (the floor)" >&2
ffmpeg -hide_banner -loglevel error -y -i "$scratch/takt.mp4" -f rawvideo -pix_fmt rgb24 "$scratch/frames.rgb"
cat "$scratch/frames.rgb" > /dev/null
start=$(date +%s.%N)
ffmpeg -hide_banner -loglevel error -y -f rawvideo -pix_fmt rgb24 -s 1920x1080 -framerate 30/1 -i "$scratch/frames.rgb" \
  -map 0:v -c:v libx264 -preset medium -crf 20 -pix_fmt yuv420p -r 30/1 "$scratch/floor.mp4"
floor_s=$(echo "$(date +%s.%N) - $start" | bc -l)

fps() { echo "scale=2; $frames / $1" | bc -l; }
echo "RESULT render_timeline frames=$frames size=1920x1080 layers=5 preset=medium takt_fps=$(fps "$takt_s") ffmpeg_raw_fps=$(fps "$floor_s") ratio_ffmpeg_raw=$(echo "scale=2; $floor_s / $takt_s" | bc -l) target_ratio=0.8"
