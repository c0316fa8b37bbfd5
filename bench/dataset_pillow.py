#!/usr/bin/python3
"""Pillow peer and helpers for bench/dataset-export.sh (Debian python3-pil, python3-numpy).

  plan SRC_DIR PLAN_TSV RESOLUTION
      kohya's bucket choice for every *.png in SRC_DIR (headers only), one line per file:
      path  w  h  bucket_w  bucket_h  scaled_w  scaled_h  crop_x  crop_y
  export PLAN_TSV OUT_DIR PROCESSES
      the Pillow contestant: per file, premultiplied Lanczos resize to cover the bucket, centre
      crop, flatten over white, RGB PNG (compress_level 6) and a caption .txt; one process per core.
      Prints its own wall seconds.
  takt-summary BUILD_JSON [KEY...]
      the values of KEYs (default: path samples excluded) from `takt dataset build --json` output (found at any depth; an
      excluded list is counted).
  check PLAN_TSV PILLOW_DIR VIPS_DIR [TAKT_DIR]
      every contestant wrote every file at its planned bucket size; mean PSNR of Takt and of vips
      against Pillow on 20 files. Prints one line of key=value fields; exit 1 on a size mismatch.

Bucketing is kohya-ss sd-scripts' (library/model_util.py make_bucket_resolutions,
library/train_util.py BucketManager.select_bucket and trim_and_resize_if_required), with
min_bucket_reso 256, max_bucket_reso 2048, bucket_reso_steps 64 (research notes data.md §1.1).
"""
import hashlib
import json
import math
import os
import sys
import time

from PIL import Image

MIN_BUCKET, MAX_BUCKET, STEP = 256, 2048, 64
Image.MAX_IMAGE_PIXELS = None


def make_bucket_resolutions(max_reso, min_size=256, max_size=1024, divisible=64):
    """kohya-ss library/model_util.py, verbatim in effect."""
    max_width, max_height = max_reso
    max_area = max_width * max_height
    resos = set()
    width = int(math.sqrt(max_area) // divisible) * divisible
    resos.add((width, width))
    width = min_size
    while width <= max_size:
        height = min(max_size, int((max_area // width) // divisible) * divisible)
        if height >= min_size:
            resos.add((width, height))
            resos.add((height, width))
        width += divisible
    resos = list(resos)
    resos.sort()
    return resos


class BucketManager:
    """The parts of kohya-ss train_util.BucketManager that choose a bucket (no_upscale off)."""

    def __init__(self, resolution):
        self.predefined_resos = make_bucket_resolutions((resolution, resolution), MIN_BUCKET, MAX_BUCKET, STEP)
        self.predefined_resos_set = set(self.predefined_resos)
        self.predefined_aspect_ratios = [w / h for w, h in self.predefined_resos]

    def select_bucket(self, image_width, image_height):
        aspect_ratio = image_width / image_height
        reso = (image_width, image_height)
        if reso not in self.predefined_resos_set:
            errors = [abs(ar - aspect_ratio) for ar in self.predefined_aspect_ratios]
            reso = self.predefined_resos[errors.index(min(errors))]  # numpy argmin: the first minimum
        ar_reso = reso[0] / reso[1]
        if aspect_ratio > ar_reso:  # wider than the bucket: match the height
            scale = reso[1] / image_height
        else:
            scale = reso[0] / image_width
        resized_size = (int(image_width * scale + 0.5), int(image_height * scale + 0.5))
        return reso, resized_size


def plan(src_dir, plan_path, resolution):
    buckets = BucketManager(int(resolution))
    lines = []
    for name in sorted(os.listdir(src_dir)):
        if not name.endswith(".png"):
            continue
        path = os.path.join(src_dir, name)
        with Image.open(path) as image:
            w, h = image.size
        (bw, bh), (sw, sh) = buckets.select_bucket(w, h)
        # trim_and_resize_if_required: centre crop of the overflow
        cx, cy = (sw - bw) // 2, (sh - bh) // 2
        lines.append(f"{path}\t{w}\t{h}\t{bw}\t{bh}\t{sw}\t{sh}\t{cx}\t{cy}\n")
    with open(plan_path, "w") as f:
        f.writelines(lines)


def read_plan(plan_path):
    rows = []
    with open(plan_path) as f:
        for line in f:
            path, *nums = line.rstrip("\n").split("\t")
            rows.append((path, *map(int, nums)))
    return rows


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


_out_dir = None


def export_one(row):
    path, w, h, bw, bh, sw, sh, cx, cy = row
    with Image.open(path) as image:
        image = image.convert("RGBA") if image.mode != "RGBA" else image
        image.load()
        premultiplied = image.convert("RGBa")
    if (sw, sh) != (w, h):
        premultiplied = premultiplied.resize((sw, sh), Image.LANCZOS)
    if (sw, sh) != (bw, bh):
        premultiplied = premultiplied.crop((cx, cy, cx + bw, cy + bh))
    rgba = premultiplied.convert("RGBA")
    flat = Image.new("RGB", (bw, bh), (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    name = stem(path)
    flat.save(os.path.join(_out_dir, name + ".png"), compress_level=6)
    with open(os.path.join(_out_dir, name + ".txt"), "w", encoding="utf-8") as f:
        f.write(f"bench, character, {name}\n")
    return bw * bh


def export(plan_path, out_dir, processes):
    global _out_dir
    import multiprocessing

    rows = read_plan(plan_path)
    os.makedirs(out_dir, exist_ok=True)
    _out_dir = out_dir
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(int(processes)) as pool:
        for _ in pool.imap_unordered(export_one, rows, chunksize=1):
            pass
    print(f"{time.perf_counter() - started:.3f}")


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def takt_outputs(takt_dir, rows):
    """Source path -> Takt's output PNG, from the dataset manifest's sourceSha256 (else by stem prefix)."""
    by_source = {}
    for dirpath, _, files in os.walk(takt_dir):
        for name in files:
            if not name.endswith(".json"):
                continue
            try:
                with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                    doc = json.load(f)
            except (ValueError, OSError):
                continue
            samples = doc.get("samples") if isinstance(doc, dict) else None
            if not isinstance(samples, list):
                continue
            for s in samples:
                if isinstance(s, dict) and str(s.get("path", "")).endswith(".png") and s.get("sourceSha256"):
                    by_source[s["sourceSha256"]] = os.path.join(takt_dir, s["path"])
    pngs = []
    for dirpath, _, files in os.walk(takt_dir):
        pngs += [os.path.join(dirpath, n) for n in files if n.endswith(".png")]
    found = {}
    for row in rows:
        path = row[0]
        out = by_source.get(sha256(path)) if by_source else None
        if out is None:
            prefix = stem(path).lower().replace("_", "-") + "-"
            matches = [p for p in pngs if os.path.basename(p).startswith(prefix)]
            out = matches[0] if len(matches) == 1 else None
        found[path] = out
    return found, len(pngs)


def psnr(a_path, b_path):
    import numpy as np

    with Image.open(a_path) as a, Image.open(b_path) as b:
        if a.size != b.size:
            return None
        x = np.asarray(a.convert("RGB"), dtype=np.float64)
        y = np.asarray(b.convert("RGB"), dtype=np.float64)
    mse = float(((x - y) ** 2).mean())
    return 99.0 if mse == 0 else 10 * math.log10(255.0 ** 2 / mse)


def size_of(path):
    if path is None or not os.path.exists(path):
        return None
    with Image.open(path) as image:
        return image.size


def check(plan_path, pillow_dir, vips_dir, takt_dir=None):
    rows = read_plan(plan_path)
    contestants = {"pillow": {r[0]: os.path.join(pillow_dir, stem(r[0]) + ".png") for r in rows},
                   "vips": {r[0]: os.path.join(vips_dir, stem(r[0]) + ".png") for r in rows}}
    fields = {"files": len(rows), "buckets": len({(r[3], r[4]) for r in rows})}
    if takt_dir:
        contestants["takt"], fields["takt_pngs"] = takt_outputs(takt_dir, rows)
    ok = True
    for name, outputs in contestants.items():
        bad = [r[0] for r in rows if size_of(outputs[r[0]]) != (r[3], r[4])]
        fields[f"{name}_size_mismatch"] = len(bad)
        if bad:
            ok = False
            print(f"check: {name}: {len(bad)} files missing or not at their bucket size, e.g. {bad[0]} -> "
                  f"{outputs[bad[0]]} {size_of(outputs[bad[0]])}", file=sys.stderr)
    try:
        import numpy  # noqa: F401
        sample = rows[:: max(1, len(rows) // 20)][:20]
        for name in [n for n in contestants if n != "pillow"]:
            values = [psnr(contestants[name][r[0]], contestants["pillow"][r[0]]) for r in sample
                      if contestants[name][r[0]] and os.path.exists(contestants[name][r[0]])]
            values = [v for v in values if v is not None]
            fields[f"psnr_{name}_pillow_db"] = f"{sum(values) / len(values):.2f}" if values else "NA"
    except ImportError:
        pass
    fields["check"] = "ok" if ok else "fail"
    print(" ".join(f"{k}={v}" for k, v in fields.items()))
    return 0 if ok else 1


def takt_summary(build_json, *keys):
    with open(build_json, encoding="utf-8") as f:
        doc = json.load(f)

    def find(node, key):
        if isinstance(node, dict):
            if key in node:
                return node[key]
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            return None
        for child in children:
            found = find(child, key)
            if found is not None:
                return found
        return None

    values = [find(doc, k) for k in (keys or ("path", "samples", "excluded"))]
    values = [len(v) if isinstance(v, list) else v for v in values]
    if not isinstance(values[0], str):
        sys.exit(f"no \"path\" in {build_json}")
    print(" ".join("NA" if v is None else str(v) for v in values))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "plan":
        plan(*args)
    elif command == "export":
        export(*args)
    elif command == "takt-summary":
        takt_summary(*args)
    elif command == "check":
        sys.exit(check(*args))
    else:
        sys.exit(f"unknown command {command}")
