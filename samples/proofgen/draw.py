"""A small drawing surface with two backends, so one layout gives a born-digital PDF (reportlab, with a
text layer) or a raster page (Pillow at a chosen dpi). Coordinates are points (1/72 in), origin top left,
text positioned by its baseline."""
import io
import math
import os
import subprocess
import tempfile

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

FONT_DIRS = ["/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/dejavu",
             "/usr/share/fonts/truetype/freefont"]
FONT_FILES = {
    "LiberationSans": "LiberationSans-Regular.ttf", "LiberationSans-Bold": "LiberationSans-Bold.ttf",
    "LiberationSerif": "LiberationSerif-Regular.ttf", "LiberationSerif-Bold": "LiberationSerif-Bold.ttf",
    "LiberationMono": "LiberationMono-Regular.ttf", "LiberationMono-Bold": "LiberationMono-Bold.ttf",
    "DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSansCondensed": "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold": "DejaVuSansCondensed-Bold.ttf",
    "DejaVuSerif": "DejaVuSerif.ttf", "DejaVuSerif-Bold": "DejaVuSerif-Bold.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf", "DejaVuSansMono-Bold": "DejaVuSansMono-Bold.ttf",
    "FreeSans": "FreeSans.ttf", "FreeSans-Bold": "FreeSansBold.ttf",
    "FreeSerif": "FreeSerif.ttf", "FreeSerif-Bold": "FreeSerifBold.ttf",
    "FreeMono": "FreeMono.ttf", "FreeMono-Bold": "FreeMonoBold.ttf",
}
# Font families a layout may pick: (regular, bold)
FAMILIES = {
    "liberation-sans": ("LiberationSans", "LiberationSans-Bold"),
    "liberation-serif": ("LiberationSerif", "LiberationSerif-Bold"),
    "dejavu-sans": ("DejaVuSans", "DejaVuSans-Bold"),
    "dejavu-condensed": ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"),
    "dejavu-serif": ("DejaVuSerif", "DejaVuSerif-Bold"),
    "free-sans": ("FreeSans", "FreeSans-Bold"),
    "free-serif": ("FreeSerif", "FreeSerif-Bold"),
    "liberation-mono": ("LiberationMono", "LiberationMono-Bold"),
    "dejavu-mono": ("DejaVuSansMono", "DejaVuSansMono-Bold"),
}

_registered = set()
_pil_cache = {}


def font_path(name: str) -> str:
    fname = FONT_FILES[name]
    for d in FONT_DIRS:
        p = os.path.join(d, fname)
        if os.path.exists(p):
            return p
    raise FileNotFoundError(f"font {fname} not found; run scripts/install-sample-deps.sh")


def register(name: str) -> None:
    if name not in _registered:
        pdfmetrics.registerFont(TTFont(name, font_path(name)))
        _registered.add(name)


def text_width(s: str, font: str, size: float) -> float:
    register(font)
    return pdfmetrics.stringWidth(s, font, size)


def pil_font(name: str, px: int) -> ImageFont.FreeTypeFont:
    key = (name, px)
    if key not in _pil_cache:
        _pil_cache[key] = ImageFont.truetype(font_path(name), max(px, 4))
    return _pil_cache[key]


class RasterCanvas:
    """Pages drawn with Pillow at `dpi`; `pages` holds the RGB images."""

    def __init__(self, width_pt: float, height_pt: float, dpi: int = 300, background=(255, 255, 255)):
        self.w, self.h, self.dpi, self.bg = width_pt, height_pt, dpi, background
        self.pages = []
        self.new_page()

    def _s(self, v: float) -> int:
        return int(round(v * self.dpi / 72.0))

    def new_page(self):
        self.img = Image.new("RGB", (self._s(self.w), self._s(self.h)), self.bg)
        self.d = ImageDraw.Draw(self.img)
        self.pages.append(self.img)

    def text(self, x, y, s, font, size, color=(0, 0, 0), align="left"):
        if not s:
            return
        f = pil_font(font, self._s(size))
        anchor = {"left": "ls", "right": "rs", "center": "ms"}[align]
        self.d.text((self._s(x), self._s(y)), s, font=f, fill=tuple(color), anchor=anchor)

    def rect(self, x, y, w, h, fill=None, stroke=None, width=0.75):
        box = [self._s(x), self._s(y), self._s(x + w), self._s(y + h)]
        self.d.rectangle(box, fill=tuple(fill) if fill else None, outline=tuple(stroke) if stroke else None,
                         width=max(1, self._s(width)) if stroke else 0)

    def round_rect(self, x, y, w, h, r, fill=None, stroke=None, width=0.75):
        box = [self._s(x), self._s(y), self._s(x + w), self._s(y + h)]
        self.d.rounded_rectangle(box, radius=self._s(r), fill=tuple(fill) if fill else None,
                                 outline=tuple(stroke) if stroke else None,
                                 width=max(1, self._s(width)) if stroke else 0)

    def line(self, x1, y1, x2, y2, color=(0, 0, 0), width=0.75):
        self.d.line([self._s(x1), self._s(y1), self._s(x2), self._s(y2)], fill=tuple(color),
                    width=max(1, self._s(width)))

    def polyline(self, pts, color=(0, 0, 0), width=0.5):
        self.d.line([(self._s(x), self._s(y)) for x, y in pts], fill=tuple(color), width=max(1, self._s(width)),
                    joint="curve")

    def polygon(self, pts, fill):
        self.d.polygon([(self._s(x), self._s(y)) for x, y in pts], fill=tuple(fill))

    def ellipse(self, x, y, w, h, fill=None, stroke=None, width=0.75):
        self.d.ellipse([self._s(x), self._s(y), self._s(x + w), self._s(y + h)], fill=tuple(fill) if fill else None,
                       outline=tuple(stroke) if stroke else None, width=max(1, self._s(width)) if stroke else 0)

    def image(self, im: Image.Image, x, y, w, h, resample=Image.LANCZOS):
        size = (max(1, self._s(w)), max(1, self._s(h)))
        im2 = im.convert("RGBA").resize(size, resample)
        self.img.paste(im2, (self._s(x), self._s(y)), im2)

    def finish(self):
        return self.pages


class PdfCanvas:
    """A born-digital PDF with real text (a text layer that poppler extracts)."""

    def __init__(self, path: str, width_pt: float, height_pt: float, title: str = ""):
        self.w, self.h = width_pt, height_pt
        self.c = rl_canvas.Canvas(path, pagesize=(width_pt, height_pt), invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor("proofdesk synthetic sample generator")
        self.dpi = 72
        self.page_count = 1

    def _y(self, y):
        return self.h - y

    def new_page(self):
        self.c.showPage()
        self.page_count += 1

    def text(self, x, y, s, font, size, color=(0, 0, 0), align="left"):
        if not s:
            return
        register(font)
        self.c.setFont(font, size)
        self.c.setFillColorRGB(*[v / 255.0 for v in color])
        if align == "left":
            self.c.drawString(x, self._y(y), s)
        elif align == "right":
            self.c.drawRightString(x, self._y(y), s)
        else:
            self.c.drawCentredString(x, self._y(y), s)

    def _paint(self, fill, stroke, width):
        if fill:
            self.c.setFillColorRGB(*[v / 255.0 for v in fill])
        if stroke:
            self.c.setStrokeColorRGB(*[v / 255.0 for v in stroke])
            self.c.setLineWidth(width)
        return (1 if fill else 0), (1 if stroke else 0)

    def rect(self, x, y, w, h, fill=None, stroke=None, width=0.75):
        f, s = self._paint(fill, stroke, width)
        self.c.rect(x, self._y(y + h), w, h, fill=f, stroke=s)

    def round_rect(self, x, y, w, h, r, fill=None, stroke=None, width=0.75):
        f, s = self._paint(fill, stroke, width)
        self.c.roundRect(x, self._y(y + h), w, h, r, fill=f, stroke=s)

    def line(self, x1, y1, x2, y2, color=(0, 0, 0), width=0.75):
        self._paint(None, color, width)
        self.c.line(x1, self._y(y1), x2, self._y(y2))

    def polyline(self, pts, color=(0, 0, 0), width=0.5):
        self._paint(None, color, width)
        p = self.c.beginPath()
        p.moveTo(pts[0][0], self._y(pts[0][1]))
        for x, y in pts[1:]:
            p.lineTo(x, self._y(y))
        self.c.drawPath(p, stroke=1, fill=0)

    def polygon(self, pts, fill):
        self._paint(fill, None, 0)
        p = self.c.beginPath()
        p.moveTo(pts[0][0], self._y(pts[0][1]))
        for x, y in pts[1:]:
            p.lineTo(x, self._y(y))
        p.close()
        self.c.drawPath(p, stroke=0, fill=1)

    def ellipse(self, x, y, w, h, fill=None, stroke=None, width=0.75):
        f, s = self._paint(fill, stroke, width)
        self.c.ellipse(x, self._y(y + h), x + w, self._y(y), fill=f, stroke=s)

    def image(self, im: Image.Image, x, y, w, h, resample=None):
        buf = io.BytesIO()
        im.convert("RGB").save(buf, "PNG")
        buf.seek(0)
        self.c.drawImage(ImageReader(buf), x, self._y(y + h), w, h)

    def finish(self):
        self.c.save()
        return self.page_count


# --- reusable marks -----------------------------------------------------------------------------------

def silhouette(rng, w_px: int, h_px: int, grey: bool = False) -> Image.Image:
    """A photo placeholder: plain backdrop with a head-and-shoulders shape. No faces, no real photos."""
    bg = rng.choice([(196, 214, 232), (220, 220, 215), (170, 190, 210), (235, 232, 220), (200, 205, 215)])
    fg = rng.choice([(90, 90, 100), (70, 80, 95), (110, 100, 95), (60, 60, 70)])
    if grey:
        bg = (225, 225, 225)
        fg = (150, 150, 150)
    im = Image.new("RGB", (w_px, h_px), bg)
    d = ImageDraw.Draw(im)
    cx = w_px / 2 + rng.uniform(-0.05, 0.05) * w_px
    hw, hh = w_px * rng.uniform(0.17, 0.22), h_px * rng.uniform(0.17, 0.21)
    top = h_px * rng.uniform(0.14, 0.22)
    d.ellipse([cx - w_px * 0.45, h_px * 0.68, cx + w_px * 0.45, h_px * 1.25], fill=fg)     # shoulders
    d.rectangle([cx - hw * 0.45, top + hh * 1.6, cx + hw * 0.45, h_px * 0.78], fill=fg)   # neck
    d.ellipse([cx - hw, top, cx + hw, top + hh * 2.1], fill=fg)                         # head
    return im.filter(ImageFilter.GaussianBlur(max(1, w_px // 150)))


def signature_points(rng, x, y, w, h, n=140):
    """A cursive-looking stroke (sum of sines), in the box x,y,w,h."""
    a1, a2 = rng.uniform(0.25, 0.45), rng.uniform(0.1, 0.25)
    f1, f2 = rng.uniform(5, 9), rng.uniform(13, 21)
    p1, p2 = rng.uniform(0, 6.28), rng.uniform(0, 6.28)
    pts = []
    for i in range(n):
        t = i / (n - 1)
        xx = x + w * (t + 0.04 * math.sin(f2 * t * 6.28 + p2))
        yy = y + h * (0.5 + a1 * math.sin(f1 * t * 6.28 + p1) * (1 - t * 0.5) + a2 * math.sin(f2 * t * 6.28))
        pts.append((xx, yy))
    return pts


def guilloche(c, rng, x, y, w, h, color, lines=14, width=0.35):
    """Fine interleaved wave lines, the usual security background of cards and passports."""
    amp = h / (lines * rng.uniform(0.7, 1.4))
    freq = rng.uniform(2, 6)
    phase = rng.uniform(0, 6.28)
    for k in range(lines):
        base = y + h * (k + 0.5) / lines
        pts = [(x + w * i / 80.0, base + amp * math.sin(freq * 6.28 * i / 80.0 + phase + k * 0.6))
               for i in range(81)]
        c.polyline(pts, color=color, width=width)


def zint_barcode(payload: bytes, symbology: str, rng=None, cols: int = 13, scale: float = 1.5,
                 security: int = 4, height: float = None) -> Image.Image:
    """Renders a barcode with the zint CLI. symbology: 'pdf417' (binary payload) or 'code128'."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, "data.bin"), os.path.join(tmp, "out.png")
        with open(src, "wb") as f:
            f.write(payload)
        if symbology == "pdf417":
            args = ["zint", "-b", "55", "--binary", "-i", src, "-o", out, f"--scale={scale}", f"--cols={cols}",
                    f"--secure={security}", "--notext"]
        elif symbology == "code128":
            args = ["zint", "-b", "20", "-i", src, "-o", out, f"--scale={scale}", "--notext"]
            if height:
                args.append(f"--height={height}")
        else:
            raise ValueError(symbology)
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        with Image.open(out) as im:
            return im.convert("RGB")


def fit_size(s: str, font: str, size: float, max_width: float, min_size: float = 4.0) -> float:
    """The largest size not above `size` at which `s` fits in `max_width` points."""
    while size > min_size and text_width(s, font, size) > max_width:
        size -= 0.25
    return size
