package dossier

import (
	"strings"
	"testing"
)

func TestShortRegionName(t *testing.T) {
	for in, want := range map[string]string{"江阴市": "江阴", "昆山经济技术开发区": "昆山", "苏州工业园区": "苏州",
		"无锡国家高新技术产业开发区": "无锡", "沛县": "", "鼓楼区": "鼓楼", "江阴": "", "江苏江阴临港经济开发区": "江阴临港", "江苏省": ""} {
		if got := ShortRegionName(in); got != want {
			t.Errorf("ShortRegionName(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestMasked_HidesTheApplicant(t *testing.T) {
	st := applyStage(t)
	c := Content{
		Sections:    map[string]string{"overview": "江阴市是全国集成电路封测重镇，长电科技位于江阴高新区，与宜兴协同。\n无锡市支持。澄江街道集聚。"},
		Enterprises: []Enterprise{{Name: "江苏长电科技股份有限公司", CreditCode: "914403001922038216", Role: "长电科技封装测试"}},
		Projects:    []Project{{Name: "江阴先进封装项目", Owner: "江苏长电科技股份有限公司", Investment: "85"}},
		MaskTerms:   []string{"长电科技", "澄江街道", "江阴高新区"},
	}
	v := BuildView(Meta{Title: "江阴市集成电路产业链", Core: "江阴市", Collab: []string{"宜兴市"}, HideTerms: []string{"无锡市"},
		AttachmentBase: "/x/"}, c, st, []AttachmentRef{{ID: 3, Requirement: "application_form", Name: "江阴申报书.pdf"}})
	if v.Attachments[0].URL != "/x/3" || v.Attachments[0].RequirementName != "申报书（盖章扫描件）" {
		t.Errorf("attachment view = %+v", v.Attachments[0])
	}
	m := Masked(v)
	var all strings.Builder
	all.WriteString(m.Title + m.Core + strings.Join(m.Collab, ""))
	for _, s := range m.Sections {
		all.WriteString(strings.Join(s.Paragraphs, "\n"))
	}
	for _, e := range m.Enterprises {
		all.WriteString(e.Name + e.CreditCode + e.Role)
	}
	for _, p := range m.Projects {
		all.WriteString(p.Name + p.Owner)
	}
	text := all.String()
	for _, leak := range []string{"江阴", "宜兴", "无锡", "长电", "澄江", "914403001922038216"} {
		if strings.Contains(text, leak) {
			t.Errorf("masked view still shows %q:\n%s", leak, text)
		}
	}
	if !strings.Contains(text, "全国集成电路封测重镇") || m.Projects[0].Investment != "85" {
		t.Errorf("masking removed ordinary text: %s", text)
	}
	if !m.Masked || !m.AttachmentsHidden || len(m.Attachments) != 0 {
		t.Errorf("attachments not withheld: %+v", m.Attachments)
	}
	if v.Core != "江阴市" || v.Sections[0].Paragraphs[0] == m.Sections[0].Paragraphs[0] {
		t.Error("Masked changed the original view")
	}
	if got := m.Sections[0].Paragraphs[0]; !strings.HasPrefix(got, Placeholder+"是全国") || strings.Contains(got, Placeholder+"高新区") {
		t.Errorf("paragraph = %q; want the longest name hidden whole", got)
	}
}
