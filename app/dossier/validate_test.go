package dossier

import (
	"strings"
	"testing"

	"chainjudge/rubrics"
)

// applyStage is the default rubric's first stage: what applicants file.
func applyStage(t testing.TB) *rubrics.Stage {
	t.Helper()
	r, _ := rubrics.Default()
	return &r.Stages[0]
}

// code completes a 17-character prefix into a valid 统一社会信用代码.
func code(t testing.TB, prefix string) string {
	t.Helper()
	c, err := CreditCodeCheckChar(prefix)
	if err != nil {
		t.Fatal(err)
	}
	return prefix + string(c)
}

// complete is content that satisfies every requirement of the stage.
func complete(t testing.TB, st *rubrics.Stage) Content {
	t.Helper()
	c := Content{Indicators: map[string]string{}, Sections: map[string]string{}}
	for _, ind := range st.Requirements.Indicators {
		c.Indicators[ind.ID] = "12"
	}
	for _, sec := range st.Requirements.Sections {
		c.Sections[sec.ID] = strings.Repeat("产业链协同发展。", sec.MinChars/8+1)
	}
	for i := 0; i < st.Requirements.LeadEnterprises.Min; i++ {
		c.Enterprises = append(c.Enterprises, Enterprise{Name: "企业" + string(rune('甲'+i)),
			CreditCode: code(t, "9132028100000000"+string(rune('0'+i)))})
	}
	for i := 0; i < st.Requirements.KeyProjects.Min; i++ {
		c.Projects = append(c.Projects, Project{Name: "项目" + string(rune('一'+i)), Owner: "企业甲", Investment: "10.5"})
	}
	return c
}

func TestValidate_CompleteContentPasses(t *testing.T) {
	st := applyStage(t)
	if errs := Validate(complete(t, st), &st.Requirements, Final); errs != nil {
		t.Fatalf("Validate(complete) = %v; want nil", errs)
	}
}

func TestValidate_DraftReportsOnlyWhatIsWrong(t *testing.T) {
	st := applyStage(t)
	c := Content{
		Indicators:  map[string]string{"main_revenue": "很多", "lead_firms": "2.5", "rd_intensity": "120"},
		Sections:    map[string]string{"tech_board": strings.Repeat("长", 3001)},
		Enterprises: []Enterprise{{Name: "甲", CreditCode: "914403001922038217"}, {Name: "乙"}},
		Projects:    []Project{{Name: "项目", Investment: "十亿"}},
	}
	errs := Validate(c, &st.Requirements, Draft)
	want := map[string]string{
		"indicators.main_revenue": "不是数字",
		"indicators.lead_firms":   "应为整数",
		"indicators.rd_intensity": "超过上限",
		"sections.tech_board":     "3001，超过上限 3000",
		"enterprises[0].code":     "校验位不正确",
		"projects[0].investment":  "不是数字",
	}
	for field, frag := range want {
		if !strings.Contains(errs[field], frag) {
			t.Errorf("errs[%s] = %q; want it to contain %q", field, errs[field], frag)
		}
	}
	if len(errs) != len(want) {
		t.Errorf("draft errors = %v; want exactly %d (missing values are no error in a draft)", errs, len(want))
	}
}

func TestValidate_FinalRequiresEverything(t *testing.T) {
	st := applyStage(t)
	c := complete(t, st)
	delete(c.Indicators, "main_revenue")
	c.Sections["overview"] = "太短。"
	c.Enterprises = c.Enterprises[:2]
	c.Enterprises[1].CreditCode = ""
	c.Enterprises = append(c.Enterprises, Enterprise{Name: "丙", CreditCode: c.Enterprises[0].CreditCode})
	c.Projects[0].Owner = ""
	errs := Validate(c, &st.Requirements, Final)
	for field, frag := range map[string]string{
		"indicators.main_revenue": "请填写主导产业营业收入",
		"sections.overview":       "少于要求的 800 字",
		"enterprises[1].code":     "请填写统一社会信用代码",
		"enterprises[2].code":     "与第 1 家企业",
		"projects[0].owner":       "请填写实施主体",
	} {
		if !strings.Contains(errs[field], frag) {
			t.Errorf("errs[%s] = %q; want it to contain %q", field, errs[field], frag)
		}
	}
	c = complete(t, st)
	c.Enterprises = c.Enterprises[:1]
	if got := Validate(c, &st.Requirements, Final)["enterprises"]; !strings.Contains(got, "至少需要 3 项") {
		t.Errorf("too few enterprises: %q", got)
	}
	if Validate(c, &st.Requirements, Draft) != nil {
		t.Error("a short list is an error in a draft")
	}
}

func TestValidateAttachments(t *testing.T) {
	st := applyStage(t)
	errs := ValidateAttachments(&st.Requirements, []AttachmentRef{{Requirement: "application_form"}})
	if _, ok := errs["attachments.application_form"]; ok {
		t.Error("an uploaded requirement is reported missing")
	}
	if !strings.Contains(errs["attachments.statistics_proof"], "请上传") {
		t.Errorf("errs = %v; want statistics_proof missing", errs)
	}
	if _, ok := errs["attachments.photos"]; ok {
		t.Error("an optional attachment is reported missing")
	}
}
