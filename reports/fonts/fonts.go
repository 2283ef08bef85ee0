// Package fonts embeds the TrueType fonts the PDF reports use, measures text
// with them and checks that every character has a glyph before anything is
// drawn.
//
// The embedded fonts are converted from Noto CJK and LXGW WenKai (SIL Open
// Font License 1.1, texts in this directory) by build.sh. An office that has
// licensed a real 仿宋 can load it with Parse and put it into a Set as the body
// font.
package fonts

import (
	"bytes"
	"embed"
	"fmt"
	"sync"
)

// Font is one parsed TrueType font. It is immutable and safe for concurrent
// use; Bytes hands out a private copy of the file for each document, because
// gofpdf writes into the bytes it is given.
type Font struct {
	name    string
	data    []byte
	metrics *metrics
}

// Parse checks that data is a TrueType font gofpdf can embed and reads its
// character coverage and advance widths. name is how errors and documents
// refer to the font, e.g. "方正仿宋_GBK".
func Parse(name string, data []byte) (*Font, error) {
	m, err := parseMetrics(data)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	return &Font{name: name, data: bytes.Clone(data), metrics: m}, nil
}

// Name is the font's display name.
func (f *Font) Name() string { return f.name }

// Bytes returns a fresh copy of the font file for one gofpdf document.
func (f *Font) Bytes() []byte { return bytes.Clone(f.data) }

// Size is the length of the font file in bytes.
func (f *Font) Size() int { return len(f.data) }

// Has reports whether the font has a glyph for r.
func (f *Font) Has(r rune) bool { return f.metrics.has(r) }

// Advance is the advance width of r in thousandths of an em, 0 when the
// font has no glyph for it.
func (f *Font) Advance(r rune) int {
	if !f.metrics.has(r) {
		return 0
	}
	return int(f.metrics.advance[r])
}

// Width is the natural width of s, in the unit size is given in.
func (f *Font) Width(s string, size float64) float64 {
	units := 0
	for _, r := range s {
		units += f.Advance(r)
	}
	return float64(units) * size / 1000
}

// Set assigns a font to each typeface role of GB/T 9704: the body (仿宋),
// the title and issuing-authority mark (小标宋), 黑体 for level-1 headings
// and table heads, 楷体 for level-2 headings, and a monospaced face for
// hashes.
type Set struct {
	Body  *Font
	Title *Font
	Hei   *Font
	Kai   *Font
	Mono  *Font
}

//go:embed ttf/*.ttf
var embedded embed.FS

// embeddedFiles lists the embedded fonts by role with their display names;
// REPORTS.md explains the choice of character set for each.
var embeddedFiles = []struct {
	file, name string
	slot       func(*Set) **Font
}{
	{"ChainjudgeSerifSC-Regular.ttf", "Chainjudge Serif SC（Noto Serif CJK SC 派生，GBK）", func(s *Set) **Font { return &s.Body }},
	{"ChainjudgeSerifSC-Bold.ttf", "Chainjudge Serif SC Bold（Noto Serif CJK SC Bold 派生，GB2312）", func(s *Set) **Font { return &s.Title }},
	{"ChainjudgeSansSC-Medium.ttf", "Chainjudge Sans SC Medium（Noto Sans CJK SC Medium 派生，GB2312）", func(s *Set) **Font { return &s.Hei }},
	{"ChainjudgeKaiSC-Regular.ttf", "Chainjudge Kai SC（LXGW WenKai 派生，GB2312）", func(s *Set) **Font { return &s.Kai }},
	{"ChainjudgeMono-Regular.ttf", "Chainjudge Mono（Noto Sans Mono CJK SC 派生，ASCII）", func(s *Set) **Font { return &s.Mono }},
}

var loadDefault = sync.OnceValues(func() (Set, error) {
	var s Set
	for _, e := range embeddedFiles {
		data, err := embedded.ReadFile("ttf/" + e.file)
		if err != nil {
			return Set{}, fmt.Errorf("embedded font %s: %w", e.file, err)
		}
		f, err := parse(e.name, data)
		if err != nil {
			return Set{}, err
		}
		*e.slot(&s) = f
	}
	return s, nil
})

// parse is Parse without the defensive copy, for the read-only embedded data.
func parse(name string, data []byte) (*Font, error) {
	m, err := parseMetrics(data)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	return &Font{name: name, data: data, metrics: m}, nil
}

// Default returns the embedded fonts, parsed once per process.
func Default() (Set, error) { return loadDefault() }

// WithBody returns a copy of s whose body font is body, e.g. a licensed 仿宋.
func (s Set) WithBody(body *Font) Set {
	s.Body = body
	return s
}

// Complete reports an error naming the first role that has no font.
func (s Set) Complete() error {
	for _, r := range []struct {
		role string
		f    *Font
	}{{"正文", s.Body}, {"标题", s.Title}, {"黑体", s.Hei}, {"楷体", s.Kai}, {"等宽", s.Mono}} {
		if r.f == nil {
			return fmt.Errorf("字体集缺少“%s”字体 (font set has no %s font)", r.role, r.role)
		}
	}
	return nil
}
