"""Degradations: how documents reach a help desk.

clean    the rendered page or card as is (PNG at 300 dpi), or a born-digital PDF
scanned  a flatbed scan: skew of 0.5-2 degrees, paper tone, sensor noise, slight blur, JPEG quality 70-85
hard     a phone photo: the card or page on a textured background, perspective, rotation, uneven light,
         a cast shadow, blur, noise, JPEG; now and then the whole photo turned 90/180/270 degrees
fax      bilevel at 204 x 196 dpi, speckles, a fax header line per page, a multi-page TIFF with CCITT G4
         (written by `tiffcp -c g4`), optionally after a fax cover page
"""
import math
import os
import subprocess
import tempfile

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from .draw import font_path

LETTER_300 = (2550, 3300)
FAX_SIZE = (1728, 2156)       # 8.5 x 11 in at 204 x 196 dpi (fine mode)
FAX_DPI = (204, 196)


def flatten(img: Image.Image, bg=(255, 255, 255)) -> Image.Image:
    if img.mode == "RGBA":
        base = Image.new("RGB", img.size, bg)
        base.paste(img, (0, 0), img)
        return base
    return img.convert("RGB")


def np_rng(rng):
    return np.random.default_rng(rng.randint(0, 2 ** 31 - 1))


def add_noise(img: Image.Image, rng, sigma: float) -> Image.Image:
    a = np.asarray(img).astype(np.float32)
    a += np_rng(rng).normal(0, sigma, a.shape).astype(np.float32)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


# --- clean --------------------------------------------------------------------------------------------

def clean_card(card: Image.Image, rng) -> Image.Image:
    """A card as a card scanner crops it: a small white margin."""
    m = rng.randint(12, 40)
    out = Image.new("RGB", (card.width + 2 * m, card.height + 2 * m), (255, 255, 255))
    out.paste(card, (m, m), card if card.mode == "RGBA" else None)
    return out


def on_letter_page(items, rng, dpi=300, combined_gap=60):
    """Places cards or passport pages (RGBA/RGB at 300 dpi) on a white letter page, as a copier would.
    Returns (page, boxes)."""
    page = Image.new("RGB", (int(8.5 * dpi), int(11 * dpi)), (255, 255, 255))
    x = rng.randint(int(0.3 * dpi), int(1.2 * dpi))
    y = rng.randint(int(0.3 * dpi), int(1.5 * dpi))
    boxes = []
    for im in items:
        if dpi != 300:
            im = im.resize((im.width * dpi // 300, im.height * dpi // 300), Image.LANCZOS)
        page.paste(im, (x, y), im if im.mode == "RGBA" else None)
        boxes.append([x, y, x + im.width, y + im.height])
        y += im.height + combined_gap + rng.randint(0, 200)
    return page, boxes


# --- scanned ------------------------------------------------------------------------------------------

def scan(img: Image.Image, rng, target_scale: float = 1.0) -> tuple:
    """Returns (image, info). target_scale < 1 simulates scanning at 200 dpi instead of 300."""
    img = flatten(img)
    if target_scale != 1.0:
        img = img.resize((int(img.width * target_scale), int(img.height * target_scale)), Image.LANCZOS)
    angle = rng.uniform(0.5, 2.0) * rng.choice([-1, 1])
    bed = tuple([rng.randint(236, 252)] * 3)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=bed)
    # paper tone and contrast
    a = np.asarray(img).astype(np.float32)
    tone = np.array([rng.uniform(0.96, 1.0), rng.uniform(0.95, 0.99), rng.uniform(0.93, 0.98)], np.float32)
    a = a * tone + rng.uniform(-6, 4)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    # sensor noise first, then the optics' softness (which also keeps JPEG files realistic in size)
    img = add_noise(img, rng, rng.uniform(1.5, 3.0))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.8)))
    # a few dust specks
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(3, 25)):
        x, y = rng.randint(0, img.width - 1), rng.randint(0, img.height - 1)
        r = rng.randint(1, 3)
        d.ellipse([x, y, x + r, y + r], fill=(rng.randint(40, 120),) * 3)
    return img, {"skew_degrees": round(angle, 2), "scale": target_scale}


def save_jpeg(img: Image.Image, path: str, quality: int, dpi: int = 300):
    img.save(path, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)


def images_to_pdf(jpeg_paths, path, page_size=(612, 792)):
    """An image-only PDF (no text layer), as scanners produce: one JPEG per page, passed through."""
    import io
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rl_canvas
    c = rl_canvas.Canvas(path, pagesize=page_size, invariant=1)
    c.setAuthor("proofdesk synthetic sample generator")
    for p in jpeg_paths:
        with open(p, "rb") as f:   # by content, not by path, so the PDF does not depend on where it was made
            reader = ImageReader(io.BytesIO(f.read()))
        c.drawImage(reader, 0, 0, page_size[0], page_size[1])
        c.showPage()
    c.save()


# --- hard: phone photos -------------------------------------------------------------------------------

def texture(rng, size) -> Image.Image:
    w, h = size
    g = np_rng(rng)
    kind = rng.choice(["wood", "table", "fabric", "dark", "granite"])
    sw, sh = w // 4, h // 4
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    if kind == "wood":
        base = np.array([rng.randint(120, 170), rng.randint(80, 110), rng.randint(40, 70)], np.float32)
        warp = g.normal(0, 1, (sh, sw)).cumsum(axis=1) * 0.05
        grain = np.sin((yy + warp * 20) / rng.uniform(2.5, 6)) * 0.12 + g.normal(0, 0.03, (sh, sw))
        a = base[None, None, :] * (1 + grain[..., None])
    elif kind == "table":
        base = np.array([rng.randint(180, 225)] * 3, np.float32) * np.array([1, 0.98, 0.94], np.float32)
        a = base[None, None, :] * (1 + g.normal(0, 0.03, (sh, sw, 1)))
    elif kind == "fabric":
        base = np.array([rng.randint(40, 120), rng.randint(60, 120), rng.randint(90, 160)], np.float32)
        weave = (np.sin(xx * 1.3) * np.sin(yy * 1.3)) * 0.1
        a = base[None, None, :] * (1 + weave[..., None] + g.normal(0, 0.04, (sh, sw, 1)))
    elif kind == "granite":
        base = np.array([rng.randint(90, 150)] * 3, np.float32)
        a = base[None, None, :] * (1 + g.normal(0, 0.11, (sh, sw, 1)))
    else:
        base = np.array([rng.randint(25, 60)] * 3, np.float32)
        a = base[None, None, :] * (1 + g.normal(0, 0.08, (sh, sw, 1)))
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).resize((w, h), Image.BICUBIC)
    return im.filter(ImageFilter.GaussianBlur(1.2)), kind


def perspective_coeffs(dst, src):
    """Coefficients for Image.transform(PERSPECTIVE): maps output points dst[i] to input points src[i]."""
    m = []
    for (x, y), (u, v) in zip(dst, src):
        m.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        m.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(m, dtype=np.float64)
    b = np.array([c for p in src for c in p], dtype=np.float64)
    return np.linalg.solve(a, b).tolist()


def phone_photo(doc: Image.Image, rng, landscape: bool) -> tuple:
    """Returns (photo, info) with the document's corners in the photo (clockwise from top left)."""
    frame = (1600, 1200) if landscape else (1500, 2000)
    bg, bg_kind = texture(rng, frame)
    doc = doc.convert("RGBA")
    fw, fh = frame
    fill = rng.uniform(0.62, 0.85)
    scale = min(fw * fill / doc.width, fh * fill / doc.height)
    dw, dh = doc.width * scale, doc.height * scale
    cx = fw / 2 + rng.uniform(-0.06, 0.06) * fw
    cy = fh / 2 + rng.uniform(-0.06, 0.06) * fh
    rot = math.radians(rng.uniform(-12, 12))
    corners = []
    for sx, sy in [(-1, -1), (1, -1), (1, 1), (-1, 1)]:
        x, y = sx * dw / 2, sy * dh / 2
        # perspective: shrink the far edge
        x *= 1 + rng.uniform(-0.07, 0.07)
        y *= 1 + rng.uniform(-0.05, 0.05)
        xr = x * math.cos(rot) - y * math.sin(rot)
        yr = x * math.sin(rot) + y * math.cos(rot)
        corners.append((cx + xr, cy + yr))
    tilt = rng.uniform(-0.08, 0.08)             # one edge nearer the camera than the other
    corners[0] = (corners[0][0] - tilt * dw * 0.5, corners[0][1])
    corners[1] = (corners[1][0] + tilt * dw * 0.5, corners[1][1])
    src = [(0, 0), (doc.width, 0), (doc.width, doc.height), (0, doc.height)]
    coeffs = perspective_coeffs(corners, src)
    warped = doc.transform(frame, Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(0, 0, 0, 0))
    # soft drop shadow under the document
    alpha = warped.split()[3]
    shadow = Image.new("RGBA", frame, (0, 0, 0, 0))
    shadow.putalpha(alpha.point(lambda v: int(v * 0.45)).filter(ImageFilter.GaussianBlur(9)))
    bg = bg.convert("RGBA")
    bg.alpha_composite(shadow, (rng.randint(4, 14), rng.randint(4, 14)))
    bg.alpha_composite(warped)
    img = bg.convert("RGB")
    # uneven lighting: a linear gradient plus a cast shadow (a hand or the phone)
    a = np.asarray(img).astype(np.float32)
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    grad = (xx / fw - 0.5) * math.cos(ang) + (yy / fh - 0.5) * math.sin(ang)
    light = 1.0 + grad * rng.uniform(0.25, 0.5)
    a *= light[..., None]
    if rng.random() < 0.75:
        mask = Image.new("L", frame, 0)
        md = ImageDraw.Draw(mask)
        edge = rng.choice(["left", "right", "top", "bottom"])
        k = rng.uniform(0.18, 0.4)
        if edge == "left":
            poly = [(0, fh * rng.uniform(0, 0.4)), (fw * k, fh * rng.uniform(0.3, 0.6)), (fw * k * 0.7, fh), (0, fh)]
        elif edge == "right":
            poly = [(fw, 0), (fw * (1 - k), fh * rng.uniform(0.1, 0.4)), (fw * (1 - k * 0.6), fh * 0.8), (fw, fh)]
        elif edge == "top":
            poly = [(0, 0), (fw, 0), (fw * rng.uniform(0.5, 0.9), fh * k), (fw * rng.uniform(0.1, 0.4), fh * k * 0.8)]
        else:
            poly = [(0, fh), (fw * rng.uniform(0.1, 0.4), fh * (1 - k)), (fw * rng.uniform(0.6, 0.9), fh * (1 - k * 0.7)), (fw, fh)]
        md.polygon(poly, fill=255)
        mask = mask.filter(ImageFilter.GaussianBlur(rng.uniform(25, 60)))
        dark = rng.uniform(0.25, 0.45)
        a *= (1 - dark * np.asarray(mask).astype(np.float32)[..., None] / 255.0)
    wb = np.array([rng.uniform(0.93, 1.05), 1.0, rng.uniform(0.88, 1.02)], np.float32)
    a *= wb
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    img = add_noise(img, rng, rng.uniform(2.5, 5.0))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.7, 1.5)))
    orientation = 0
    if rng.random() < 0.15:
        orientation = rng.choice([90, 180, 270])
        img = img.rotate(orientation, expand=True)
        corners = rotate_points(corners, orientation, fw, fh)
    info = {"background": bg_kind, "rotation_degrees": round(math.degrees(rot), 1), "orientation": orientation,
            "document_quad": [[round(x), round(y)] for x, y in corners]}
    return img, info


def rotate_points(points, angle, w, h):
    """Where points land after Image.rotate(angle, expand=True) (counter-clockwise)."""
    out = []
    for x, y in points:
        if angle == 90:
            out.append((y, w - x))
        elif angle == 180:
            out.append((w - x, h - y))
        else:
            out.append((h - y, x))
    return out


# --- fax ----------------------------------------------------------------------------------------------

def fax_page(page: Image.Image, rng, header: str, dither: bool = False, upside_down: bool = False) -> Image.Image:
    """A letter page (300 dpi RGB) as a fax machine sends it: 1728 x 2156 bilevel."""
    g = flatten(page).convert("L")
    g = g.rotate(rng.uniform(-1.2, 1.2), resample=Image.BICUBIC, fillcolor=255)
    g = g.resize(FAX_SIZE, Image.LANCZOS)
    if upside_down:
        g = g.rotate(180)
    a = np.asarray(g).astype(np.float32)
    a = a * rng.uniform(0.95, 1.05) + np_rng(rng).normal(0, 10, a.shape)
    g = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if dither:
        bw = g.convert("1")      # Floyd-Steinberg, how fax "photo" mode renders greys
    else:
        t = rng.randint(135, 175)
        bw = g.point(lambda v: 255 if v > t else 0).convert("1", dither=Image.NONE)
    d = ImageDraw.Draw(bw)
    # speckles and a streak now and then
    for _ in range(rng.randint(40, 400)):
        x, y = rng.randint(0, FAX_SIZE[0] - 1), rng.randint(0, FAX_SIZE[1] - 1)
        d.point((x, y), fill=0)
    if rng.random() < 0.3:
        y = rng.randint(200, FAX_SIZE[1] - 100)
        d.line([(0, y), (FAX_SIZE[0], y)], fill=0, width=1)
    # transmit terminal identification at the top
    d.rectangle([0, 0, FAX_SIZE[0], 34], fill=255)
    font = ImageFont.truetype(font_path("DejaVuSansMono"), 22)
    d.text((24, 6), header, font=font, fill=0)
    return bw


def write_fax_tiff(pages, path):
    """Multi-page TIFF, CCITT Group 4, 204 x 196 dpi: Pillow writes it plain, tiffcp compresses it."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "raw.tif")
        pages[0].save(raw, "TIFF", save_all=True, append_images=pages[1:], dpi=FAX_DPI, compression="raw")
        subprocess.run(["tiffcp", "-c", "g4", raw, path], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
