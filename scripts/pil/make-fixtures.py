#!/usr/bin/python3
"""Expected images from PIL for the shim's image operations.

Run with Debian's Pillow (apt-get install python3-pil; /usr/bin/python3):

    /usr/bin/python3 scripts/pil/make-fixtures.py

It writes small deterministic inputs and PIL's outputs as PNG under
__fixtures__/pil/, plus manifest.json naming every case. The tests read
only those files: they never run Python.

The "pipeline" cases replay AUTOMATIC1111's extras upscale (modules/upscaler.py
and scripts/postprocessing_upscale.py) for the plain resamplers, so the shim's
whole local path is compared with what V2 produced.
"""
import json
import os
import sys

import PIL
from PIL import Image

LANCZOS = Image.Resampling.LANCZOS if hasattr(Image, "Resampling") else Image.LANCZOS
NEAREST = Image.Resampling.NEAREST if hasattr(Image, "Resampling") else Image.NEAREST
RESAMPLERS = {"lanczos": LANCZOS, "nearest": NEAREST}

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "__fixtures__", "pil")


def lcg(seed):
    """A tiny deterministic pseudo-random byte stream (no numpy needed)."""
    state = seed
    while True:
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        yield (state >> 16) & 0xFF


def edges(width, height, seed):
    """Hard edges (checkerboard, 1-px lines, a disc, black/white steps) over
    gradients, with a noisy corner: ringing that must clip, and odd sizes."""
    noise = lcg(seed)
    cx, cy, r2 = width * 3 // 4, height // 3, (min(width, height) // 4) ** 2
    px = []
    for y in range(height):
        for x in range(width):
            rgb = ((x * 255) // max(1, width - 1), (y * 255) // max(1, height - 1), (x * 7 + y * 13 + seed) % 256)
            if x < width // 2 and y < height // 2 and ((x // 5) + (y // 5)) % 2 == 0:
                rgb = (255, 255, 255) if (x // 5) % 3 else (0, 0, 0)
            if (x - cx) ** 2 + (y - cy) ** 2 < r2:
                rgb = (0, 255, 0)
            if x % 17 == 3:
                rgb = (255, 0, 255)
            if y == height - 5:
                rgb = (0, 0, 0)
            if x >= width // 2 and y >= height // 2:
                rgb = (next(noise), next(noise), next(noise))
            px.append(rgb)
    img = Image.new("RGB", (width, height))
    img.putdata(px)
    return img


def stripes(width, height):
    """A second, different image for blends."""
    px = [((x * 31) % 256, 255 if (x + y) % 7 < 3 else 0, (y * 19) % 256) for y in range(height) for x in range(width)]
    img = Image.new("RGB", (width, height))
    img.putdata(px)
    return img


def a1111_upscale(img, resampler, scale):
    """modules/upscaler.py Upscaler.upscale for the Lanczos/Nearest upscalers."""
    dest_w = int((img.width * scale) // 8 * 8)
    dest_h = int((img.height * scale) // 8 * 8)
    for _ in range(3):
        shape = (img.width, img.height)
        img = img.resize((int(img.width * scale), int(img.height * scale)), resample=RESAMPLERS[resampler])
        if shape == (img.width, img.height):
            break
        if img.width >= dest_w and img.height >= dest_h:
            break
    if img.width != dest_w or img.height != dest_h:
        img = img.resize((int(dest_w), int(dest_h)), resample=LANCZOS)
    return img


def paste_centred(img, width, height):
    """postprocessing_upscale.py's crop: paste centred on a black canvas."""
    canvas = Image.new("RGB", (width, height))
    canvas.paste(img, box=(width // 2 - img.width // 2, height // 2 - img.height // 2))
    return canvas


def a1111_extras(img, body):
    """postprocessing_upscale.py: upscale, crop (mode 1), second upscaler blended."""
    mode = body.get("resize_mode", 0)
    w, h = body.get("upscaling_resize_w", 512), body.get("upscaling_resize_h", 512)
    scale = max(w / img.width, h / img.height) if mode == 1 else body.get("upscaling_resize", 2)
    crop = body.get("upscaling_crop", True)

    def one(resampler):
        out = a1111_upscale(img, resampler, scale)
        return paste_centred(out, w, h) if mode == 1 and crop else out

    out = one(body["upscaler_1"].lower())
    v = body.get("extras_upscaler_2_visibility", 0)
    if body.get("upscaler_2") and v > 0:
        out = Image.blend(out, one(body["upscaler_2"].lower()), v)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    inputs = {"edges97x61": edges(97, 61, 1), "edges13x7": edges(13, 7, 2), "edges128x96": edges(128, 96, 3), "edges100x60": edges(100, 60, 4), "stripes97x61": stripes(97, 61)}
    for name, img in inputs.items():
        img.save(os.path.join(OUT, f"in-{name}.png"))
    cases = []

    def add(kind, name, out, **params):
        file = f"{kind}-{name}.png"
        out.save(os.path.join(OUT, file))
        cases.append({"kind": kind, "expected": file, **params})

    resizes = {
        "edges97x61": [(194, 122), (388, 244), (242, 152), (164, 103), (35, 22), (48, 30), (150, 61), (97, 140), (60, 100), (192, 120), (240, 152), (61, 97)],
        "edges13x7": [(33, 17), (26, 14), (3, 2), (1, 1), (64, 7), (13, 40)],
        # Integer downscales (/2, /4): Lanczos's support widens by the factor; Nearest keeps one pixel per 2x2 / 4x4 block.
        "edges128x96": [(512, 384), (47, 35), (320, 240), (64, 48), (32, 24)],
        # Round factors (x2.5, x1.7, x0.37): many samples fall exactly on a pixel border.
        "edges100x60": [(250, 150), (170, 102), (37, 22), (400, 240)],
    }
    for kind, resample in RESAMPLERS.items():
        for src, sizes in resizes.items():
            for w, h in sizes:
                add(kind, f"{src}-to-{w}x{h}", inputs[src].resize((w, h), resample=resample), input=src, width=w, height=h)

    for v in [0, 0.1, 0.25, 1 / 3, 0.35, 0.5, 0.65, 0.75, 0.9, 1]:
        add("blend", f"{v:.4f}", Image.blend(inputs["edges97x61"], inputs["stripes97x61"], v), a="edges97x61", b="stripes97x61", alpha=v)

    for w, h in [(50, 40), (96, 60), (98, 62), (120, 30), (31, 80), (97, 61), (2, 1), (200, 150)]:
        add("crop", f"{w}x{h}", paste_centred(inputs["edges97x61"], w, h), input="edges97x61", width=w, height=h)

    bodies = [
        {"upscaler_1": "Lanczos", "upscaling_resize": 2.5},
        {"upscaler_1": "Nearest", "upscaling_resize": 1.7},
        {"upscaler_1": "Lanczos", "upscaler_2": "Nearest", "extras_upscaler_2_visibility": 0.35, "upscaling_resize": 2.5},
        {"upscaler_1": "Nearest", "upscaler_2": "Lanczos", "extras_upscaler_2_visibility": 0.5, "upscaling_resize": 3.3},
        {"upscaler_1": "Lanczos", "upscaler_2": "Nearest", "extras_upscaler_2_visibility": 0.25, "resize_mode": 1, "upscaling_resize_w": 150, "upscaling_resize_h": 100, "upscaling_crop": True},
        {"upscaler_1": "Nearest", "upscaler_2": "Lanczos", "extras_upscaler_2_visibility": 0.75, "resize_mode": 1, "upscaling_resize_w": 131, "upscaling_resize_h": 203, "upscaling_crop": True},
        {"upscaler_1": "Lanczos", "resize_mode": 1, "upscaling_resize_w": 150, "upscaling_resize_h": 100, "upscaling_crop": False},
    ]
    for i, body in enumerate(bodies):
        add("pipeline", f"{i}", a1111_extras(inputs["edges97x61"], body), input="edges97x61", body=body)

    manifest = {"generator": "scripts/pil/make-fixtures.py", "pillow": PIL.__version__, "python": sys.version.split()[0], "inputs": {k: f"in-{k}.png" for k in inputs}, "cases": cases}
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"{len(cases)} cases written to {os.path.relpath(OUT)} (Pillow {PIL.__version__})")


if __name__ == "__main__":
    main()
