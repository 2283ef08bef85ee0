package fonts

import (
	"fmt"
	"unicode/utf8"
)

// MissingGlyphError reports a character the chosen font cannot draw. gofpdf
// would silently draw an empty box instead, so documents are refused.
type MissingGlyphError struct {
	Field string // where the text came from, e.g. "Winners[2].Chain"
	Char  rune
	Font  string
}

// Error names the field, the character and the font, in Chinese and English.
func (e *MissingGlyphError) Error() string {
	return fmt.Sprintf("字段 %s 中的字符“%s”（U+%04X）在字体“%s”中没有字形，无法生成 PDF"+
		" (field %s: character U+%04X has no glyph in font %q)",
		e.Field, printable(e.Char), e.Char, e.Font, e.Field, e.Char, e.Font)
}

// printable shows control characters by their code only.
func printable(r rune) string {
	if r < 0x20 || r == 0x7F || r == utf8.RuneError {
		return "?"
	}
	return string(r)
}

// Check returns a *MissingGlyphError for the first character of text that f
// has no glyph for. Line breaks are allowed: layout turns them into new
// lines before anything is drawn.
func (f *Font) Check(field, text string) error {
	for _, r := range text {
		if r == '\n' || r == '\r' {
			continue
		}
		if !f.Has(r) {
			return &MissingGlyphError{Field: field, Char: r, Font: f.name}
		}
	}
	return nil
}
