"""The peer for bench/curves.sh: the same curve model in plain Python (stdlib only), timed the
same way (walking frames forward), and checked against Takt's values at 2,000 frames.
Usage: curves_python.py CURVE_JSON CHECK_TXT FRAMES"""
import json
import math
import sys
import time

EASE = {
    "ease-in-quad": lambda u: u * u,
    "ease-out-quad": lambda u: 1 - (1 - u) ** 2,
    "ease-in-out-quad": lambda u: 2 * u * u if u < 0.5 else 1 - 2 * (1 - u) ** 2,
    "ease-in-cubic": lambda u: u ** 3,
    "ease-out-cubic": lambda u: 1 - (1 - u) ** 3,
    "ease-in-out-cubic": lambda u: 4 * u ** 3 if u < 0.5 else 1 - 4 * (1 - u) ** 3,
    "ease-in-sine": lambda u: 1 - math.cos(u * math.pi / 2),
    "ease-out-sine": lambda u: math.sin(u * math.pi / 2),
    "ease-in-out-sine": lambda u: (1 - math.cos(u * math.pi)) / 2,
}


def solve(x1, x2, x):
    """x -> s on the normalised bezier: Newton with a bisection bracket, like Takt's CubicBezier."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    cx = 3 * x1
    bx = 3 * (x2 - x1) - cx
    ax = 1 - cx - bx
    lo, hi, s = 0.0, 1.0, x
    for _ in range(200):
        err = ((ax * s + bx) * s + cx) * s - x
        if err == 0:
            return s
        if err < 0:
            lo = s
        else:
            hi = s
        slope = (3 * ax * s + 2 * bx) * s + cx
        nxt = s - err / slope if slope > 0 else float("nan")
        if not (lo < nxt < hi):
            nxt = lo + (hi - lo) / 2
        if nxt == s or hi - lo <= 5e-324 * 4:
            return nxt
        s = nxt
    return s


def coord(p1, p2, s):
    c = 3 * p1
    b = 3 * (p2 - p1) - c
    a = 1 - c - b
    return ((a * s + b) * s + c) * s


def segment(keys, i, f):
    k, n = keys[i], keys[i + 1]
    kind, v0, v1 = k["interpolation"], k["value"], n["value"]
    if kind == "constant":
        return v0
    if kind == "inverse-step":
        return v1
    u = (f - k["frame"]) / (n["frame"] - k["frame"])
    if kind == "linear":
        v = v0 * (1 - u) + v1 * u
        return min(max(v, min(v0, v1)), max(v0, v1))
    if kind == "bezier":
        o, i_ = k["out"], k["in"]
        e = coord(o["y"], i_["y"], solve(o["x"], i_["x"], u))
    else:
        e = 0.0 if u <= 0 else 1.0 if u >= 1 else EASE[kind](u)
    return v0 * (1 - e) + v1 * e


def sample_walk(keys, start, step, count):
    out = [0.0] * count
    first, last = keys[0]["frame"], keys[-1]["frame"]
    seg = 0
    for i in range(count):
        f = start + i * step
        if f < first:
            out[i] = keys[0]["value"]
        elif f >= last:
            out[i] = keys[-1]["value"]
        else:
            while keys[seg + 1]["frame"] <= f:
                seg += 1
            out[i] = segment(keys, seg, f)
    return out


def main():
    keys = json.load(open(sys.argv[1]))["keys"]
    frames = int(sys.argv[3])
    checks = [tuple(map(float, line.split())) for line in open(sys.argv[2])]
    start, end = checks[0][0], checks[-1][0]
    got = sample_walk(keys, start, (end - start) / (len(checks) - 1), len(checks))
    worst = max(abs(g - v) for g, (_, v) in zip(got, checks))
    clock = time.perf_counter()
    sample_walk(keys, start, (end - start) / frames, frames)
    rate = frames / (time.perf_counter() - clock)
    print(f"{rate:.0f} {worst:.3g}")


main()
