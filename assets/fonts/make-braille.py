"""Builds DejaVuSansMono-Braille.ttf: the 256 braille patterns of DejaVu
Sans (U+2800-28FF), which DejaVu Sans Mono lacks, re-spaced to the mono
advance (1233 units) and centred in it, under a name of their own as the
Bitstream Vera licence asks of a modified font.

    python3 -m pip install fonttools
    python3 assets/fonts/make-braille.py /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf assets/fonts/DejaVuSansMono-Braille.ttf
"""

import sys

from fontTools import subset
from fontTools.ttLib import TTFont

MONO_ADVANCE = 1233  # DejaVu Sans Mono's advance, in font units (2048 per em)
FAMILY = "DejaVu Sans Mono Braille"
POSTSCRIPT = "DejaVuSansMonoBraille"


def main(source, target):
    # The source's own timestamp kept: the same input gives the same bytes.
    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=range(0x2800, 0x2900))
    subsetter.subset(font)

    glyf, hmtx = font["glyf"], font["hmtx"]
    mapped = set(font.getBestCmap().values())
    for name in font.getGlyphOrder():
        advance, _ = hmtx[name]
        glyph = glyf[name]
        if name in mapped:
            # Centred in the narrower cell: the dots keep their spacing.
            shift = (MONO_ADVANCE - advance) // 2
            if glyph.isComposite():
                for component in glyph.components:
                    component.x += shift
            elif glyph.numberOfContours > 0:
                glyph.coordinates.translate((shift, 0))
        glyph.recalcBounds(glyf)
        hmtx[name] = (MONO_ADVANCE, getattr(glyph, "xMin", 0))

    font["hhea"].advanceWidthMax = MONO_ADVANCE
    font["OS/2"].xAvgCharWidth = MONO_ADVANCE
    font["OS/2"].panose.bProportion = 9  # monospaced
    font["post"].isFixedPitch = 1
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    names.setName(FAMILY, 1, 3, 1, 0x409)
    names.setName("Book", 2, 3, 1, 0x409)
    names.setName(f"{FAMILY}: derived from DejaVu Sans by costlens", 3, 3, 1, 0x409)
    names.setName(FAMILY, 4, 3, 1, 0x409)
    names.setName(POSTSCRIPT, 6, 3, 1, 0x409)
    # Only the Windows names: one spelling of each, read by every loader.
    for record in list(names.names):
        if record.platformID != 3:
            names.names.remove(record)
    font.save(target)


if __name__ == "__main__":
    main(*sys.argv[1:])
