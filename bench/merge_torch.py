#!/usr/bin/env python3
"""Torch CPU peer of the merge benchmark (bench/merge.sh), and the output check.

  merge_torch.py weighted-sum OUT A B         0.5*A + 0.5*B, per tensor
  merge_torch.py add-difference OUT A B C     A + 0.5*(B - C), per tensor
  merge_torch.py check X Y                    max |X - Y| per tensor, in F16 ulps

Debian has no python3-safetensors, so files are parsed here: an 8-byte little-endian header
length, the JSON header, then the data, mapped with numpy.memmap and handed to torch with
torch.from_numpy (no copy). Each tensor is widened to float32, merged, narrowed to F16 and
written at once, like Takt's streaming merger; the output is fsynced, as Takt's writer does.
Uses every core (torch.set_num_threads), OpenMP workers passive. Prints "seconds parameters" on stdout.
"""
import json
import os
import struct
import sys
import time
import warnings

# Idle OpenMP workers sleep instead of spinning: on a host whose cores are shared with other work,
# spinning workers made two threads ten times slower than one (21 s vs 2 s on the quick size).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402

DTYPES = {"F16": np.float16, "F32": np.float32, "BF16": np.uint16}


def open_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
    header.pop("__metadata__", None)
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    return header, data


def tensor(header, data, name):
    info = header[name]
    begin, end = info["data_offsets"]
    array = data[begin:end].view(DTYPES[info["dtype"]]).reshape(info["shape"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # read-only memmap: torch warns it is not writable; nothing writes it
        return torch.from_numpy(array)


def merge(method, out, paths):
    torch.set_num_threads(os.cpu_count() or 1)
    files = [open_safetensors(p) for p in paths]
    header0 = files[0][0]
    # Same layout rule as the reference writer: dtype descending, then name (all F16 here, so by name).
    names = sorted(header0)
    layout, offset = {}, 0
    for name in names:
        info = header0[name]
        length = info["data_offsets"][1] - info["data_offsets"][0]
        layout[name] = {"dtype": "F16", "shape": info["shape"], "data_offsets": [offset, offset + length]}
        offset += length
    text = json.dumps(layout, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    parameters = 0
    tmp = out + ".tmp"
    with torch.no_grad(), open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text)
        for name in names:
            ts = [tensor(h, d, name).float() for h, d in files]
            if method == "weighted-sum":
                r = ts[0] * 0.5 + ts[1] * 0.5
            else:
                r = ts[0] + 0.5 * (ts[1] - ts[2])
            f.write(r.half().numpy().tobytes())
            parameters += r.numel()
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, out)
    return parameters


def check(x_path, y_path):
    hx, dx = open_safetensors(x_path)
    hy, dy = open_safetensors(y_path)
    if sorted(hx) != sorted(hy):
        print(f"CHECK tensors differ: {len(hx)} vs {len(hy)}")
        return 1
    worst_abs, worst_ulp, worst_name, bad = 0.0, 0.0, "", 0
    for name in sorted(hx):
        x = tensor(hx, dx, name).float().numpy()
        y = tensor(hy, dy, name).float().numpy()
        if x.shape != y.shape:
            print(f"CHECK shape of {name}: {x.shape} vs {y.shape}")
            return 1
        diff = np.abs(x - y)
        # One F16 rounding step at each element's magnitude: both sides round a float32 result once.
        ulp = np.spacing(np.maximum(np.abs(x), np.abs(y)).astype(np.float16)).astype(np.float32)
        ulps = float((diff / ulp).max()) if diff.size else 0.0
        if diff.size and float(diff.max()) > worst_abs:
            worst_abs = float(diff.max())
        if ulps > worst_ulp:
            worst_ulp, worst_name = ulps, name
        if ulps > 1:
            bad += 1
    print(f"{len(hx)} {worst_abs:.3g} {worst_ulp:.3g} {bad} {worst_name or '-'}")
    return 0 if bad == 0 else 1


def main(argv):
    if len(argv) >= 3 and argv[0] == "check":
        return check(argv[1], argv[2])
    if (len(argv) == 4 and argv[0] == "weighted-sum") or (len(argv) == 5 and argv[0] == "add-difference"):
        start = time.perf_counter()
        parameters = merge(argv[0], argv[1], argv[2:])
        print(f"{time.perf_counter() - start:.3f} {parameters}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
