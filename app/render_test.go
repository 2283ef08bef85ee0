package app

import "testing"

func TestNavFor_MarksTheSection(t *testing.T) {
	tests := map[string]string{
		"/office":                          "工作台",
		"/office/competitions/3":           "竞赛",
		"/office/competitions/3/rubric":    "竞赛",
		"/office/competitions/3/notices":   "结果与公示",
		"/office/stages/7/results":         "结果与公示",
		"/office/notices/2":                "结果与公示",
		"/office/panels/stages/7/progress": "专家评审",
		"/office/dossiers/12":              "申报审查",
	}
	for path, want := range tests {
		var got []string
		for _, it := range navFor("office", path) {
			if it.Active {
				got = append(got, it.Label)
			}
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("navFor(%q) marks %v; want [%s]", path, got, want)
		}
	}
}
