package dossier

import (
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"chainjudge/rubrics"
)

// FuzzBindDossierForm posts arbitrary form bodies (URL-encoded, as the
// browser sends them) through Bind and checks the result against every
// stage of the shipped default rubric, in both modes. It must never panic;
// the bound content must be clean (valid UTF-8, trimmed, no \r, no empty
// rows, 统一社会信用代码 normalized) and survive both the form (Values →
// Bind) and the database (JSON → Parse) unchanged; every error must sit on a
// field the form shows and carry a Chinese message; and whatever a draft
// check reports, the final check reports too.
func FuzzBindDossierForm(f *testing.F) {
	r, _ := rubrics.Default()
	addForm := func(form url.Values) {
		body := formBody(form)
		if back, err := url.ParseQuery(body); err != nil || !reflect.DeepEqual(back, form) {
			f.Fatalf("formBody(%q) reads back as %q, %v", form, back, err)
		}
		f.Add(body)
	}
	valid := Values(complete(f, &r.Stages[0]))
	if errs := Validate(Bind(valid), &r.Stages[0].Requirements, Final); errs != nil {
		f.Fatalf("the complete form of stage %s does not pass: %v", r.Stages[0].ID, errs)
	}
	addForm(valid)
	for _, st := range r.Stages[1:] {
		form := url.Values{}
		for _, sec := range st.Requirements.Sections {
			form.Set(SectionField(sec.ID), strings.Repeat("考察路线与接待安排。", sec.MinChars/10+1))
		}
		addForm(form)
	}
	addForm(url.Values{ // what TestValidate_DraftReportsOnlyWhatIsWrong checks
		"indicators.main_revenue": {"很多"},
		"indicators.lead_firms":   {"2.5"},
		"indicators.rd_intensity": {"120"},
		"sections.tech_board":     {strings.Repeat("长", 3001)},
		"enterprises[0].name":     {"甲"},
		"enterprises[0].code":     {"914403001922038217"},
		"enterprises[1].name":     {"乙"},
		"projects[0].name":        {"项目"},
		"projects[0].investment":  {"十亿"},
	})
	addForm(url.Values{ // what TestBind_ReadsEveryFieldAndKeepsRowOrder binds
		"indicators.main_revenue":   {" １２３４.5 "},
		"indicators.rd_intensity":   {"3.2%"},
		"sections.overview":         {"第一段。\r\n\r\n第二段。  "},
		"enterprises[2].name":       {"江苏长电科技股份有限公司"},
		"enterprises[2].code":       {"91110000100006485k"},
		"enterprises[0].name":       {"第一家"},
		"enterprises[1].code":       {" "},
		"projects[0].investment":    {"８5"},
		"projects[01].name":         {"leading zero"},
		"projects[1000].name":       {"too far"},
		"mask_terms":                {"长电\n澄江街道、 长电 ,临港"},
		"enterprises[0].unknowncol": {"ignored"},
	})
	for _, s := range []string{
		"",
		"title=x&version=3&collab=1&collab=2&csrf=t",
		"indicators.=1&sections.=x&enterprises[].name=x&projects[0]=x&enterprises[-1].name=x",
		"enterprises[0].code=９１３２０２８１ＭＡ１Ｘ-ＡＢＣＤ　１２&enterprises[1].code=913202810000000000",
		"enterprises[0].code=914403001922038216&enterprises[1].code=91440300192203821６",
		"indicators.revenue_growth=-100%25&indicators.rd_intensity=%25&indicators.location_quotient=1e3",
		"sections.overview=%FF%FE&indicators.main_revenue=%C0%80&mask_terms=%ED%A0%80",
		"mask_terms=" + strings.Repeat("甲,", 101),
		"mask_terms=" + strings.Repeat("长", 51),
		"projects[999].name=a&projects[998].owner=b&projects[0].period=%0D%0A",
		"a=%zz&indicators.main_revenue=5;x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		// A body that is not a valid query string gets 400 from echo before
		// Bind runs; binding what ParseQuery salvaged is a harder test.
		form, _ := url.ParseQuery(body)
		c := Bind(form)
		checkClean(t, c)
		if again := Bind(Values(c)); !reflect.DeepEqual(again, c) {
			t.Fatalf("Bind(Values(c)) = %#v; want %#v", again, c)
		}
		stored, err := Parse(c.JSON())
		if err != nil {
			t.Fatalf("Parse(JSON): %v", err)
		}
		if stored.Indicators == nil {
			stored.Indicators = map[string]string{}
		}
		if stored.Sections == nil {
			stored.Sections = map[string]string{}
		}
		if !reflect.DeepEqual(stored, c) {
			t.Fatalf("stored content reads back as %#v; bound %#v", stored, c)
		}
		for i := range r.Stages {
			req := &r.Stages[i].Requirements
			fields := formFields(req, c)
			draft, final := Validate(c, req, Draft), Validate(c, req, Final)
			for mode, errs := range map[string]Errors{"draft": draft, "final": final} {
				if errs != nil && len(errs) == 0 {
					t.Fatalf("%s: Validate returned empty non-nil Errors", mode)
				}
				for field, msg := range errs {
					if !fields[field] {
						t.Errorf("%s: error on %q, which the form of stage %s does not show", mode, field, r.Stages[i].ID)
					}
					if !utf8.ValidString(msg) || !strings.ContainsFunc(msg, isHan) {
						t.Errorf("%s: error on %q is not a Chinese message: %q", mode, field, msg)
					}
				}
			}
			for field := range draft {
				if _, ok := final[field]; !ok {
					t.Errorf("draft reports %q (%s) but the final check does not", field, draft[field])
				}
			}
		}
	})
}

// formBody encodes a form as a body url.ParseQuery reads back, escaping
// only what separates fields: text stays raw UTF-8, three times shorter
// than Encode's, so the fuzzer's mutations and minimizing stay quick.
func formBody(form url.Values) string {
	esc := strings.NewReplacer("%", "%25", "&", "%26", "=", "%3D", "+", "%2B", ";", "%3B")
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(form)) {
		for _, v := range form[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(esc.Replace(k) + "=" + esc.Replace(v))
		}
	}
	return b.String()
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// checkClean checks what Bind promises of every value it keeps.
func checkClean(t *testing.T, c Content) {
	t.Helper()
	text := func(what, s string, oneLine bool) {
		t.Helper()
		switch {
		case !utf8.ValidString(s):
			t.Fatalf("%s %q is not valid UTF-8", what, s)
		case strings.TrimSpace(s) != s:
			t.Fatalf("%s %q is not trimmed", what, s)
		case strings.ContainsRune(s, '\r'):
			t.Fatalf("%s %q keeps a \\r", what, s)
		case oneLine && strings.ContainsRune(s, '\n'):
			t.Fatalf("%s %q spans lines", what, s)
		}
	}
	for id, v := range c.Indicators {
		if id == "" || !utf8.ValidString(id) {
			t.Fatalf("indicator id %q kept", id)
		}
		text("indicator "+id, v, true)
		if v == "" {
			t.Fatalf("empty indicator %q kept", id)
		}
	}
	for id, v := range c.Sections {
		if id == "" || !utf8.ValidString(id) {
			t.Fatalf("section id %q kept", id)
		}
		text("section "+id, v, false)
		if v == "" {
			t.Fatalf("empty section %q kept", id)
		}
	}
	for i, e := range c.Enterprises {
		if e.empty() {
			t.Fatalf("empty enterprise row %d kept", i)
		}
		text("enterprise name", e.Name, true)
		text("enterprise role", e.Role, true)
		text("credit code", e.CreditCode, true)
		if NormalizeCreditCode(e.CreditCode) != e.CreditCode {
			t.Fatalf("credit code %q is not normalized", e.CreditCode)
		}
	}
	for i, p := range c.Projects {
		if p.empty() {
			t.Fatalf("empty project row %d kept", i)
		}
		for _, v := range []string{p.Name, p.Owner, p.Investment, p.Period} {
			text("project column", v, true)
		}
	}
	seen := map[string]bool{}
	for _, m := range c.MaskTerms {
		text("mask term", m, true)
		if m == "" || seen[m] {
			t.Fatalf("mask terms %q hold a blank or a duplicate", c.MaskTerms)
		}
		seen[m] = true
	}
}

// formFields are the field paths the dossier form of a stage shows for c:
// the error paths Validate may use.
func formFields(req *rubrics.Requirements, c Content) map[string]bool {
	fields := map[string]bool{MaskTermsKey: true}
	for _, ind := range req.Indicators {
		fields[IndicatorField(ind.ID)] = true
	}
	for _, sec := range req.Sections {
		fields[SectionField(sec.ID)] = true
	}
	if req.LeadEnterprises != nil {
		fields[EnterprisesKey] = true
		for i := range c.Enterprises {
			for _, col := range []string{"name", "code", "role"} {
				fields[EnterpriseField(i, col)] = true
			}
		}
	}
	if req.KeyProjects != nil {
		fields[ProjectsKey] = true
		for i := range c.Projects {
			for _, col := range []string{"name", "owner", "investment", "period"} {
				fields[ProjectField(i, col)] = true
			}
		}
	}
	return fields
}
