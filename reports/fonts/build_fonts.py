#!/usr/bin/python3
"""Builds the TrueType fonts that reports/fonts embeds.

gofpdf reads only TrueType fonts with glyf outlines and a format-4 cmap; Debian
ships Noto CJK as OpenType collections with CFF outlines, which gofpdf rejects.
This script picks the Simplified Chinese face out of each collection, subsets it
to a fixed character set (GBK or GB2312 plus the ASCII and punctuation the
documents use), converts the cubic CFF outlines to quadratic glyf outlines and
renames the result, because the OFL asks derivatives not to pass themselves off
as the original. Run it through build.sh; it needs python3-fonttools.

Usage: build_fonts.py OUTPUT_DIR
"""

import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

NOTO = "/usr/share/fonts/opentype/noto/"
LXGW = "/usr/share/fonts/truetype/lxgw-wenkai/"

# Characters every face carries besides its hanzi set: ASCII, Latin-1
# signs (× ± ° ·), general punctuation (— … ‰ ‘ ’ “ ”), letterlike and
# number forms, arrows, the maths the calculation sheet prints (− ≈ ≤ ≥ ÷),
# enclosed numbers, geometric shapes (□ ○ ▲), CJK symbols and punctuation
# (、。〔〕《》), full-width forms.
EXTRA_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF), (0x2010, 0x2044), (0x2100, 0x2199),
    (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x25FF), (0x2600, 0x2613),
    (0x3000, 0x303F), (0xFF01, 0xFF5E), (0xFFE0, 0xFFE6),
]


def codec_chars(codec):
    """Every character a two-byte Chinese codec can encode, private use excluded."""
    chars = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                ch = bytes([lead, trail]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and not (0xE000 <= ord(ch) <= 0xF8FF):
                chars.add(ord(ch))
    return chars


def extra_chars():
    chars = set()
    for lo, hi in EXTRA_RANGES:
        chars.update(range(lo, hi + 1))
    return chars


def ascii_chars():
    return set(range(0x20, 0x7F))


def load_face(path, family):
    """The face of a collection (or the single font) whose full name is family."""
    if path.endswith(".ttc"):
        for face in TTCollection(path).fonts:
            if face["name"].getDebugName(4) == family:
                return face
        raise SystemExit(f"{path}: no face named {family!r}")
    return TTFont(path)


def subset_font(font, codepoints):
    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.hinting = False
    opts.desubroutinize = True
    opts.legacy_kern = False
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx",
                         "DSIG", "JSTF", "MATH", "morx", "kern", "hdmx", "LTSH"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(codepoints))
    sub.subset(font)


def cff_to_glyf(font):
    """Replaces CFF outlines by quadratic TrueType outlines (max error 1 unit)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        width = hmtx.metrics[name][0]
        hmtx.metrics[name] = (width, getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements"):
        setattr(maxp, field, 0)
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def drop_extra_cmaps(font):
    """Keeps only the BMP subtables gofpdf reads (format 4)."""
    cmap = font["cmap"]
    cmap.tables = [t for t in cmap.tables if t.format == 4]


def rename(font, family, style, note):
    """Sets the names IDs 1-6 and 16-17 and records the origin in ID 10."""
    name = font["name"]
    postscript = (family + "-" + style).replace(" ", "")
    full = family + " " + style if style != "Regular" else family
    values = {1: family, 2: style, 3: postscript + ";chainjudge", 4: full, 6: postscript,
              10: note, 16: family, 17: style}
    name.names = [n for n in name.names if n.nameID not in values]
    for nid, text in values.items():
        name.setName(text, nid, 3, 1, 0x409)
        name.setName(text, nid, 1, 0, 0)
    font["post"].formatType = 3.0


def build(out_dir, spec, hanzi):
    src_path, src_family, family, style, charset_name = spec
    font = load_face(src_path, src_family)
    codepoints = set(hanzi) | extra_chars() if hanzi is not None else ascii_chars()
    subset_font(font, codepoints)
    if "CFF " in font:
        cff_to_glyf(font)
    drop_extra_cmaps(font)
    note = (f"Derived from {src_family} ({src_path.rsplit('/', 1)[-1]}): {charset_name} subset"
            " converted to TrueType outlines by chainjudge reports/fonts/build_fonts.py."
            " Licensed under the SIL Open Font License 1.1.")
    rename(font, family, style, note)
    path = f"{out_dir}/{family.replace(' ', '')}-{style}.ttf"
    # Keep the source's head.modified so that rebuilding gives the same bytes.
    font.recalcTimestamp = False
    font.save(path)
    print(f"{path}: {len(font.getGlyphOrder())} glyphs")


def main():
    out_dir = sys.argv[1]
    gbk = codec_chars("gbk")
    gb2312 = codec_chars("gb2312")
    specs = [
        # (source, face, new family, style, charset, hanzi)
        ((NOTO + "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "Chainjudge Serif SC", "Regular", "GBK"), gbk),
        ((NOTO + "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC Bold", "Chainjudge Serif SC", "Bold", "GB2312"), gb2312),
        ((NOTO + "NotoSansCJK-Medium.ttc", "Noto Sans CJK SC Medium", "Chainjudge Sans SC", "Medium", "GB2312"), gb2312),
        ((LXGW + "LXGWWenKai-Regular.ttf", "LXGW WenKai", "Chainjudge Kai SC", "Regular", "GB2312"), gb2312),
        ((NOTO + "NotoSansCJK-Regular.ttc", "Noto Sans Mono CJK SC", "Chainjudge Mono", "Regular", "ASCII"), None),
    ]
    for spec, hanzi in specs:
        build(out_dir, spec, hanzi)


if __name__ == "__main__":
    main()
