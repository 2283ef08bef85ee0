package fonts

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

func mustDefault(t testing.TB) Set {
	t.Helper()
	s, err := Default()
	if err != nil {
		t.Fatalf("Default() error: %v", err)
	}
	return s
}

func TestDefault_CompleteAndCharacterSets(t *testing.T) {
	s := mustDefault(t)
	if err := s.Complete(); err != nil {
		t.Fatalf("Complete() = %v; want nil", err)
	}
	cases := []struct {
		name string
		font *Font
		r    rune
		want bool
	}{
		{"body has GB2312 hanzi", s.Body, '链', true},
		{"body has GBK-only 堃", s.Body, '堃', true},
		{"body has GBK-only 喆", s.Body, '喆', true},
		{"body has 六角括号", s.Body, '〔', true},
		{"body has em dash", s.Body, '—', true},
		{"body has digits", s.Body, '7', true},
		{"body lacks CJK Ext-B", s.Body, '\U00020000', false},
		{"title is GB2312 only", s.Title, '堃', false},
		{"title has 办", s.Title, '办', true},
		{"hei has 附", s.Hei, '附', true},
		{"kai has 楷", s.Kai, '楷', true},
		{"mono has hex digits", s.Mono, 'f', true},
		{"mono has no hanzi", s.Mono, '中', false},
	}
	for _, c := range cases {
		if got := c.font.Has(c.r); got != c.want {
			t.Errorf("%s: Has(%q) = %v; want %v", c.name, c.r, got, c.want)
		}
	}
}

func TestCheck_NamesFieldAndCharacter(t *testing.T) {
	s := mustDefault(t)
	err := s.Title.Check("Winners[2].Chain", "赵堃产业链")
	var mg *MissingGlyphError
	if !errors.As(err, &mg) {
		t.Fatalf("Check() = %v; want *MissingGlyphError", err)
	}
	if mg.Field != "Winners[2].Chain" || mg.Char != '堃' || mg.Font != s.Title.Name() {
		t.Errorf("got %+v; want field Winners[2].Chain, char 堃, font %s", *mg, s.Title.Name())
	}
	for _, want := range []string{"Winners[2].Chain", "堃", "U+5803"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not contain %q", err.Error(), want)
		}
	}
	if err := s.Body.Check("Name", "赵堃\n第二行"); err != nil {
		t.Errorf("Body.Check with a line break = %v; want nil", err)
	}
	if err := s.Body.Check("Name", "a\tb"); err == nil {
		t.Error("Body.Check with a tab = nil; want an error (a tab has no glyph)")
	}
}

// The widths layout measures must be the widths gofpdf writes into the PDF,
// or justified lines would not end at the margin.
func TestWidth_MatchesGofpdf(t *testing.T) {
	s := mustDefault(t)
	text := "关于公布2026年度江苏省区域卓越产业链名单的通知（苏制强办〔2026〕12号）abc— 1 —"
	for _, f := range []*Font{s.Body, s.Title, s.Hei, s.Kai} {
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("x", "", f.Bytes())
		pdf.SetFont("x", "", 16)
		if err := pdf.Error(); err != nil {
			t.Fatalf("%s: gofpdf: %v", f.Name(), err)
		}
		want := pdf.GetStringWidth(text) // mm at 16 pt
		got := f.Width(text, 16) * 25.4 / 72
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: Width = %.6f mm; gofpdf says %.6f mm", f.Name(), got, want)
		}
	}
	if w := s.Body.Width("国", 16); w != 16 {
		t.Errorf("Width(国, 16) = %v; want 16 (a full em)", w)
	}
}

func TestParse_RejectsWhatGofpdfCannotLoad(t *testing.T) {
	cases := []struct {
		name, data, want string
	}{
		{"collection", "ttcf\x00\x01\x00\x00\x00\x00\x00\x00", "collections"},
		{"cff", "OTTO\x00\x00\x00\x00\x00\x00\x00\x00", "CFF"},
		{"short", "abc", "too short"},
		{"other", "wOFF\x00\x00\x00\x00\x00\x00\x00\x00", "not a TrueType"},
		{"no tables", "\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", "missing"},
	}
	for _, c := range cases {
		_, err := Parse("test", []byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Parse error = %v; want one containing %q", c.name, err, c.want)
		}
	}
}

func TestParse_CustomBodyFont(t *testing.T) {
	s := mustDefault(t)
	custom, err := Parse("测试仿宋", s.Kai.Bytes())
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	withBody := s.WithBody(custom)
	if withBody.Body.Name() != "测试仿宋" || s.Body.Name() == "测试仿宋" {
		t.Errorf("WithBody changed the wrong set: body %q, original %q", withBody.Body.Name(), s.Body.Name())
	}
	if (Set{Body: custom}).Complete() == nil {
		t.Error("Complete() of a set with only a body font = nil; want an error")
	}
}

func TestBytes_IsAPrivateCopy(t *testing.T) {
	s := mustDefault(t)
	a := s.Mono.Bytes()
	a[0] ^= 0xFF
	if b := s.Mono.Bytes(); b[0] == a[0] {
		t.Error("changing one Bytes() copy changed the next; want independent copies")
	}
	if s.Mono.Size() != len(a) {
		t.Errorf("Size() = %d; want %d", s.Mono.Size(), len(a))
	}
}
