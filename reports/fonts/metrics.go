package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// bmpSize is the number of code points a format-4 cmap can map; gofpdf reads
// no other cmap format, so characters beyond the BMP are never covered.
const bmpSize = 0x10000

// metrics holds what layout needs from a TrueType font: which BMP characters
// have a glyph and how wide each is, in thousandths of an em, rounded exactly
// as gofpdf rounds them for the PDF /W array so that measured and drawn widths
// agree.
type metrics struct {
	unitsPerEm int
	covered    [bmpSize / 64]uint64
	advance    [bmpSize]uint16
}

// sfntTables maps a table tag to its bytes.
type sfntTables map[string][]byte

// parseMetrics reads the head, hhea, maxp, cmap (format 4) and hmtx tables.
// It rejects what gofpdf rejects (collections, CFF outlines, no format-4
// cmap, restricted embedding) so that a font that passes here also loads.
func parseMetrics(data []byte) (*metrics, error) {
	tables, err := readTableDirectory(data)
	if err != nil {
		return nil, err
	}
	for _, tag := range []string{"head", "hhea", "maxp", "cmap", "hmtx", "glyf", "loca"} {
		if tables[tag] == nil {
			return nil, fmt.Errorf("missing %q table (gofpdf needs TrueType glyf outlines)", tag)
		}
	}
	if err := checkEmbeddable(tables["OS/2"]); err != nil {
		return nil, err
	}
	head, hhea, maxp := tables["head"], tables["hhea"], tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("truncated head, hhea or maxp table")
	}
	m := &metrics{unitsPerEm: int(binary.BigEndian.Uint16(head[18:]))}
	if m.unitsPerEm == 0 {
		return nil, errors.New("unitsPerEm is 0")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	numLong := int(binary.BigEndian.Uint16(hhea[34:]))
	widths, err := glyphAdvances(tables["hmtx"], numLong, numGlyphs)
	if err != nil {
		return nil, err
	}
	cmap, err := findFormat4(tables["cmap"])
	if err != nil {
		return nil, err
	}
	scale := 1000 / float64(m.unitsPerEm)
	err = eachMapping(cmap, func(r rune, gid int) {
		if gid >= len(widths) {
			return
		}
		m.covered[r/64] |= 1 << (r % 64)
		m.advance[r] = uint16(math.Round(scale * float64(widths[gid])))
	})
	return m, err
}

func readTableDirectory(data []byte) (sfntTables, error) {
	if len(data) < 12 {
		return nil, errors.New("not a font file: too short")
	}
	switch tag := string(data[:4]); tag {
	case "\x00\x01\x00\x00", "true":
	case "ttcf":
		return nil, errors.New("font collections (TTC) are not supported: extract one face first")
	case "OTTO":
		return nil, errors.New("OpenType CFF outlines are not supported: convert to TrueType glyf outlines")
	default:
		return nil, fmt.Errorf("not a TrueType font (tag %q)", tag)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("truncated table directory")
	}
	tables := make(sfntTables, n)
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, fmt.Errorf("table %q lies outside the file", rec[:4])
		}
		tables[string(rec[:4])] = data[off : off+length]
	}
	return tables, nil
}

// checkEmbeddable refuses fonts whose OS/2 fsType forbids embedding, the
// same test gofpdf applies (it only prints a message and drops the font).
func checkEmbeddable(os2 []byte) error {
	if len(os2) < 10 {
		return nil
	}
	fsType := binary.BigEndian.Uint16(os2[8:])
	if fsType == 0x0002 || fsType&0x0300 != 0 {
		return fmt.Errorf("font licence forbids embedding (OS/2 fsType %#04x)", fsType)
	}
	return nil
}

func glyphAdvances(hmtx []byte, numLong, numGlyphs int) ([]int, error) {
	if numLong == 0 || len(hmtx) < 4*numLong {
		return nil, errors.New("truncated hmtx table")
	}
	widths := make([]int, max(numGlyphs, numLong))
	for i := 0; i < numLong; i++ {
		widths[i] = int(binary.BigEndian.Uint16(hmtx[4*i:]))
	}
	for i := numLong; i < len(widths); i++ {
		widths[i] = widths[numLong-1]
	}
	return widths, nil
}

// findFormat4 returns the first format-4 subtable of a Unicode encoding
// (platform 0, or platform 3 encoding 1), the one gofpdf uses.
func findFormat4(cmap []byte) ([]byte, error) {
	if len(cmap) < 4 {
		return nil, errors.New("truncated cmap table")
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := 0; i < n && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if !(platform == 0 || platform == 3 && encoding == 1) || off+14 > len(cmap) {
			continue
		}
		if binary.BigEndian.Uint16(cmap[off:]) == 4 {
			length := int(binary.BigEndian.Uint16(cmap[off+2:]))
			if off+length > len(cmap) {
				return nil, errors.New("truncated cmap format 4 subtable")
			}
			return cmap[off : off+length], nil
		}
	}
	return nil, errors.New("no Unicode cmap format 4 subtable")
}

// eachMapping calls fn for every character a format-4 subtable maps to a
// real glyph (not .notdef).
func eachMapping(sub []byte, fn func(r rune, gid int)) error {
	segX2 := int(binary.BigEndian.Uint16(sub[6:]))
	if 16+4*segX2 > len(sub) {
		return errors.New("truncated cmap segments")
	}
	ends, starts := sub[14:], sub[16+segX2:]
	deltas, rangeOffsets := sub[16+2*segX2:], sub[16+3*segX2:]
	for i := 0; i < segX2/2; i++ {
		end := int(binary.BigEndian.Uint16(ends[2*i:]))
		start := int(binary.BigEndian.Uint16(starts[2*i:]))
		delta := int(binary.BigEndian.Uint16(deltas[2*i:]))
		ro := int(binary.BigEndian.Uint16(rangeOffsets[2*i:]))
		for c := start; c <= end && c < 0xFFFF; c++ {
			gid := (c + delta) & 0xFFFF
			if ro != 0 {
				at := 16 + 3*segX2 + 2*i + ro + 2*(c-start)
				if at+2 > len(sub) {
					return errors.New("cmap glyph index outside the subtable")
				}
				gid = int(binary.BigEndian.Uint16(sub[at:]))
				if gid != 0 {
					gid = (gid + delta) & 0xFFFF
				}
			}
			if gid != 0 {
				fn(rune(c), gid)
			}
		}
	}
	return nil
}

func (m *metrics) has(r rune) bool {
	return r >= 0 && r < bmpSize && m.covered[r/64]&(1<<(r%64)) != 0
}
