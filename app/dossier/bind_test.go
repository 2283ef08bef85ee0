package dossier

import (
	"net/url"
	"reflect"
	"testing"
)

func TestBind_ReadsEveryFieldAndKeepsRowOrder(t *testing.T) {
	form := url.Values{
		"indicators.main_revenue":   {" １２３４.5 "},
		"indicators.rd_intensity":   {"3.2%"},
		"indicators.empty":          {"  "},
		"sections.overview":         {"第一段。\r\n\r\n第二段。  "},
		"enterprises[2].name":       {"江苏长电科技股份有限公司"},
		"enterprises[2].code":       {"91110000100006485k"},
		"enterprises[0].name":       {"第一家"},
		"enterprises[1].name":       {""}, // empty row dropped
		"enterprises[1].code":       {" "},
		"projects[0].name":          {"先进封装测试基地"},
		"projects[0].owner":         {"长电科技"},
		"projects[0].investment":    {"８5"},
		"projects[0].period":        {"2025—2027"},
		"projects[x].name":          {"bad index"},
		"projects[01].name":         {"leading zero"},
		"projects[1000].name":       {"too far"},
		"mask_terms":                {"长电\n澄江街道、 长电 ,临港"},
		"csrf":                      {"token"},
		"enterprises[0].unknowncol": {"ignored"},
	}
	c := Bind(form)
	if c.Indicators["main_revenue"] != "1234.5" || c.Indicators["rd_intensity"] != "3.2%" {
		t.Errorf("indicators = %v", c.Indicators)
	}
	if _, ok := c.Indicators["empty"]; ok {
		t.Error("a blank indicator was kept")
	}
	if got := c.Sections["overview"]; got != "第一段。\n\n第二段。" {
		t.Errorf("section = %q; want CRLF made LF and trimmed", got)
	}
	wantEnts := []Enterprise{{Name: "第一家"}, {Name: "江苏长电科技股份有限公司", CreditCode: "91110000100006485K"}}
	if !reflect.DeepEqual(c.Enterprises, wantEnts) {
		t.Errorf("enterprises = %+v; want %+v", c.Enterprises, wantEnts)
	}
	wantProjs := []Project{{Name: "先进封装测试基地", Owner: "长电科技", Investment: "85", Period: "2025—2027"}}
	if !reflect.DeepEqual(c.Projects, wantProjs) {
		t.Errorf("projects = %+v; want %+v", c.Projects, wantProjs)
	}
	if want := []string{"长电", "澄江街道", "临港"}; !reflect.DeepEqual(c.MaskTerms, want) {
		t.Errorf("mask terms = %q; want %q", c.MaskTerms, want)
	}
}

func TestBind_ValuesRoundTrip(t *testing.T) {
	c := Bind(url.Values{
		"indicators.a":           {"1"},
		"sections.s":             {"一\n二"},
		"enterprises[0].name":    {"甲"},
		"enterprises[0].code":    {"914403001922038216"},
		"enterprises[0].role":    {"封装"},
		"projects[3].investment": {"2"},
		"mask_terms":             {"甲乙"},
	})
	again := Bind(Values(c))
	if again.JSON() != c.JSON() {
		t.Errorf("Bind(Values(c)) = %s; want %s", again.JSON(), c.JSON())
	}
	parsed, err := Parse(c.JSON())
	if err != nil || parsed.JSON() != c.JSON() {
		t.Errorf("Parse(JSON) = %s, %v; want %s", parsed.JSON(), err, c.JSON())
	}
}

func TestBind_InvalidUTF8IsReplaced(t *testing.T) {
	c := Bind(url.Values{"sections.s": {"ab\xffcd"}})
	if got := c.Sections["s"]; got != "ab\uFFFDcd" {
		t.Errorf("got %q", got)
	}
	if _, err := Parse(c.JSON()); err != nil {
		t.Errorf("content with replaced bytes does not round-trip: %v", err)
	}
}

func TestBind_IgnoresFieldNamesThatAreNotUTF8(t *testing.T) {
	// Rubric ids are ASCII; a name with invalid bytes names no field, and
	// kept as a map key it would come back from the stored JSON as U+FFFD
	// (two such names even as one).
	c := Bind(url.Values{"indicators.\xff": {"1"}, "indicators.\xfe": {"2"}, "sections.a\x80": {"x"}, "indicators.a": {"3"}})
	if want := map[string]string{"a": "3"}; !reflect.DeepEqual(c.Indicators, want) || len(c.Sections) != 0 {
		t.Errorf("indicators = %q, sections = %q; want %q and none", c.Indicators, c.Sections, want)
	}
	parsed, err := Parse(c.JSON())
	if err != nil || !reflect.DeepEqual(parsed.Indicators, c.Indicators) {
		t.Errorf("Parse(JSON) = %q, %v; want %q", parsed.Indicators, err, c.Indicators)
	}
}
