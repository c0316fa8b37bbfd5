#!/usr/bin/env bash
# C2PA signing and verifying against sha256sum (GNU coreutils) of the same file, in one run:
#   - a 1 GiB H.264 MP4 (--quick: 64 MiB), made once by ffmpeg from random pixels (lossless, so
#     it stays large) and cached in bench/out; read once, untimed, so every contestant reads it
#     from the page cache;
#   - Takt signs it (streamed: one read, one hash over the bmff.v3 ranges, one write, fsync) to a
#     scratch folder on tmpfs (/dev/shm when there is one), so the disk's write speed is not what
#     is measured, then verifies the signed copy (hash, signature, certificate chain, trust);
#   - sha256sum reads and hashes the same file: the floor for any tool that must hash every byte;
#   - a 1080p PNG (noisy test pattern, as heavy as a painted frame) signed 50 times (--quick: 10):
#     the first signature (JIT, key load) and the median of the rest.
# ratio_sha256sum_* = Takt's throughput ÷ sha256sum's (above 1: Takt is faster).
set -euo pipefail
quick="${1:-0}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/out/c2pa"
mkdir -p "$out"
mib=1024; runs=50
[[ "$quick" == 1 ]] && { mib=64; runs=10; }
command -v ffmpeg >/dev/null || { echo "bench c2pa: ffmpeg is missing (apt-get install ffmpeg)" >&2; exit 1; }

video="$out/random-${mib}m.mp4"
if [[ ! -f "$video" ]]; then
  # 1920x1080 gray noise, lossless x264 (~3 MiB a frame): frames enough for the size asked.
  frames=$(( mib / 3 + 1 ))
  echo "bench: making a ${mib} MiB MP4 ($frames frames of noise)" >&2
  ffmpeg -v error -y -f rawvideo -pix_fmt gray -s 1920x1080 -r 24 -i /dev/urandom -frames:v "$frames" \
    -c:v libx264 -preset ultrafast -qp 0 -pix_fmt yuv420p "$video.tmp.mp4"
  mv "$video.tmp.mp4" "$video"
fi
frame="$out/frame-1080p.png"
if [[ ! -f "$frame" ]]; then
  ffmpeg -v error -y -f lavfi -i "testsrc2=s=1920x1080,noise=alls=12:allf=t" -frames:v 1 "$frame"
fi

scratch_base=/dev/shm
[[ -d "$scratch_base" && -w "$scratch_base" ]] || scratch_base="$out"
scratch="$(mktemp -d "$scratch_base/takt-bench-c2pa.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

echo "bench: building (Release)" >&2
dotnet build "$root/bench/Takt.Benchmarks/Takt.Benchmarks.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2

cat "$video" "$frame" > /dev/null   # warm: both contestants read from the page cache

echo "bench: sha256sum" >&2
start=$(date +%s.%N)
sha256sum "$video" > /dev/null
sha_s=$(echo "$(date +%s.%N) - $start" | bc -l)

echo "bench: takt sign + verify" >&2
takt="$(dotnet "$root/artifacts/bin/Takt.Benchmarks/release/Takt.Benchmarks.dll" c2pa "$video" "$frame" "$scratch" "$runs")"
val() { echo "$takt" | sed -n "s/^$1=//p"; }
bytes=$(val mp4_bytes); sign_s=$(val sign_s); verify_s=$(val verify_s)
mb() { echo "scale=1; $bytes / 1048576 / $1" | bc -l; }
sha_mbs=$(mb "$sha_s"); sign_mbs=$(mb "$sign_s"); verify_mbs=$(mb "$verify_s")
ratio() { echo "scale=2; $sha_s / $1" | bc -l; }
echo "RESULT c2pa mp4_mib=$(( bytes / 1048576 )) takt_sign_mib_s=$sign_mbs takt_verify_mib_s=$verify_mbs sha256sum_mib_s=$sha_mbs ratio_sha256sum_sign=$(ratio "$sign_s") ratio_sha256sum_verify=$(ratio "$verify_s") target_ratio=0.8 scratch=$scratch_base"
echo "RESULT c2pa png_1080p_bytes=$(val png_bytes) takt_png_sign_median_ms=$(val png_median_ms) takt_png_sign_p95_ms=$(val png_p95_ms) takt_png_sign_first_ms=$(val png_first_ms) runs=$runs target_ms=50"
