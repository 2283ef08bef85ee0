package reports

import (
	"errors"
	"strings"
	"testing"
	"time"

	"chainjudge/reports/fonts"
)

// A character the font cannot draw is an error naming the field and the
// character, never a blank box.
func TestMissingGlyph_NamesFieldAndCharacter(t *testing.T) {
	const extB = '\U00020000' // CJK Ext-B: outside the BMP, no font here has it
	cases := []struct {
		name  string
		doc   func() Document
		field string
		char  rune
	}{
		{"winner chain", func() Document {
			n := sampleResultNotice(5)
			n.Winners[3].Chain = "南京市" + string(extB) + "产业链"
			return n
		}, "Winners[3].Chain", extB},
		{"collaborating area", func() Document {
			n := sampleResultNotice(5)
			n.Winners[2].CollabAreas[1] = "苏州市" + string(extB) + "区"
			return n
		}, "Winners[2].CollabAreas[1]", extB},
		{"GBK name in a GB2312 title", func() Document {
			n := sampleResultNotice(5)
			n.Competition = "2026年度赵堃杯产业链竞赛"
			return n
		}, "Competition", '堃'},
		{"candidate core area", func() Document {
			p := samplePublicNotice()
			p.Candidates[0].CoreArea = "新" + string(extB) + "区"
			return p
		}, "Candidates[0].CoreArea", extB},
		{"judge name", func() Document {
			s := sampleSummary(3, 5)
			s.Judges[4] = "王" + string(extB)
			return s
		}, "Judges[4]", extB},
		{"expert comment", func() Document {
			e := sampleExpertSheet()
			e.Criteria[2].Comment = "好\t评"
			return e
		}, "Criteria[2].Comment", '\t'},
		{"calculation step", func() Document {
			c := sampleCalculation()
			c.Criteria[1].Steps[2] = "(16 + 16 + 17 + 17) ÷ 4 = 33/2 " + string(extB)
			return c
		}, "Criteria[1].Steps[2]", extB},
		{"hash in the monospaced font", func() Document {
			r := sampleReceipt()
			r.Attachments[1].SHA256 = "摘要"
			return r
		}, "Attachments[1].SHA256", '摘'},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Bytes(c.doc(), Options{})
			var mg *fonts.MissingGlyphError
			if !errors.As(err, &mg) {
				t.Fatalf("error = %v; want *fonts.MissingGlyphError", err)
			}
			if mg.Field != c.field || mg.Char != c.char {
				t.Errorf("missing glyph in field %q char %U; want %q %U", mg.Field, mg.Char, c.field, c.char)
			}
			if !strings.Contains(err.Error(), c.field) || !strings.Contains(err.Error(), "没有字形") {
				t.Errorf("message %q does not name the field in Chinese", err)
			}
		})
	}
}

// GBK-only characters in names (堃, 喆) render with the body font.
func TestGBKNamesRender(t *testing.T) {
	n := sampleResultNotice(3)
	n.Winners[1].Chain = "常州市喆堃先进碳材料产业链"
	doc, _ := readBack(t, n)
	mustContain(t, "notice", flat(doc), "常州市喆堃先进碳材料产业链")
}

func TestValidation_NamesTheMissingField(t *testing.T) {
	cases := []struct {
		doc   Document
		field string
	}{
		{func() Document { n := sampleResultNotice(3); n.Date = time.Time{}; return n }(), "Date"},
		{func() Document { n := sampleResultNotice(3); n.Winners = nil; return n }(), "Winners"},
		{func() Document { n := sampleResultNotice(3); n.Number.Prefix = ""; return n }(), "Number.Prefix"},
		{func() Document { p := samplePublicNotice(); p.PeriodEnd = time.Time{}; return p }(), "PeriodEnd"},
		{func() Document { s := sampleSummary(2, 3); s.Judges = nil; return s }(), "Judges"},
		{func() Document { e := sampleExpertSheet(); e.RubricHash = ""; return e }(), "RubricHash"},
		{func() Document { c := sampleCalculation(); c.Total = ""; return c }(), "Total"},
		{func() Document { r := sampleReceipt(); r.ContentSHA256 = ""; return r }(), "ContentSHA256"},
	}
	for _, c := range cases {
		_, err := Bytes(c.doc, Options{})
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != c.field {
			t.Errorf("%T: error = %v; want a ValidationError for %s", c.doc, err, c.field)
		}
	}
}

// An office can set its own licensed 仿宋 as body font; a character that
// font lacks is then reported against that font.
func TestOptions_CustomBodyFont(t *testing.T) {
	set := defaultFonts(t)
	fangsong, err := fonts.Parse("测试仿宋_GB2312", set.Kai.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	custom := set.WithBody(fangsong)
	n := sampleResultNotice(3)
	data, err := Bytes(n, Options{Fonts: &custom})
	if err != nil {
		t.Fatalf("Bytes with a custom body font: %v", err)
	}
	plain, err := Bytes(n, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(data) == string(plain) {
		t.Error("the custom body font changed nothing")
	}
	n.Winners[0].Chain = "赵堃产业链"
	_, err = Bytes(n, Options{Fonts: &custom})
	var mg *fonts.MissingGlyphError
	if !errors.As(err, &mg) || mg.Font != "测试仿宋_GB2312" || mg.Char != '堃' {
		t.Errorf("error = %v; want 堃 missing from 测试仿宋_GB2312", err)
	}
}
