#!/usr/bin/env bash
# Compositing-only render of a 1080p30 cut, 10 s (--quick: 2 s): five layers (sky, hills, town,
# a character walking, a foreground branch with soft alpha) under a keyframed camera (pan,
# push-in, roll) with parallax by depth. Takt composites every frame (16-bit premultiplied,
# bilinear) and pipes it to ffmpeg (libx264, the render default: preset medium, CRF 20, yuv420p).
# The floor is ffmpeg encoding the very same frames, already composited into a raw RGB file on
# tmpfs, with the same settings: what the encode alone costs. ratio_ffmpeg_raw = Takt's frames/s ÷
# the floor's (target ≥ 0.8). Both run warm (the raw file is read once before the floor's run).
set -euo pipefail
quick="${1:-0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
frames=300
[[ "$quick" == 1 ]] && frames=60
preset=medium
command -v ffmpeg >/dev/null || { echo "bench render: ffmpeg is missing (apt-get install ffmpeg)" >&2; exit 1; }
scratch_base=/dev/shm
[[ -d "$scratch_base" && -w "$scratch_base" ]] || scratch_base="$here/out"
scratch="$(mktemp -d "$scratch_base/takt-bench-render.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

echo "bench: building (Release)" >&2
dotnet build "$root/bench/Takt.Benchmarks/Takt.Benchmarks.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
bench() { dotnet "$root/artifacts/bin/Takt.Benchmarks/release/Takt.Benchmarks.dll" "$@"; }

echo "bench: compositing the floor's raw frames (untimed)" >&2
bench render raw "$scratch/frames.rgb" "$frames" "$preset"
cat "$scratch/frames.rgb" > /dev/null

echo "bench: ffmpeg from raw frames" >&2
start=$(date +%s.%N)
ffmpeg -hide_banner -loglevel error -y -f rawvideo -pix_fmt rgb24 -s 1920x1080 -framerate 30/1 -i "$scratch/frames.rgb" \
  -map 0:v -c:v libx264 -preset "$preset" -crf 20 -pix_fmt yuv420p -r 30/1 "$scratch/floor.mp4"
floor_s=$(echo "$(date +%s.%N) - $start" | bc -l)
rm -f "$scratch/frames.rgb"

echo "bench: takt composite + encode" >&2
# Timed inside, from the first frame to the finished file (ffmpeg's start included, as in the
# floor; the layers' generation and the JIT's warm-up before it are not).
takt_s=$(bench render encode "$scratch/takt.mp4" "$frames" "$preset" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p')

fps() { echo "scale=2; $frames / $1" | bc -l; }
echo "RESULT render frames=$frames size=1920x1080 layers=5 preset=$preset takt_fps=$(fps "$takt_s") ffmpeg_raw_fps=$(fps "$floor_s") ratio_ffmpeg_raw=$(echo "scale=2; $floor_s / $takt_s" | bc -l) target_ratio=0.8"
