package rubrics

import (
	"errors"
	"strings"
	"testing"
)

func TestIndicator_CheckValue(t *testing.T) {
	zero, hundred := MustDecimal("0"), MustDecimal("100")
	percent := &Indicator{ID: "rd", Name: "研发投入强度", Kind: IndicatorPercent, Unit: "%", Min: &zero, Max: &hundred, Required: true}
	count := &Indicator{ID: "firms", Name: "企业数", Kind: IndicatorInteger, Unit: "家", Min: &zero}
	tests := []struct {
		ind     *Indicator
		in      string
		want    string // "" for nil
		wantMsg string
	}{
		{percent, "3.2", "3.2", ""},
		{percent, " 3.2% ", "3.2", ""},
		{percent, "100", "100", ""},
		{percent, "", "", "请填写研发投入强度"},
		{percent, "%", "", "请填写研发投入强度"},
		{percent, "100.5", "", "研发投入强度 100.5 超过上限 100%"},
		{percent, "-1", "", "研发投入强度 -1 低于下限 0%"},
		{percent, "三", "", "“三”不是数字"},
		{count, "", "", ""},
		{count, "12", "12", ""},
		{count, "12.0", "12", ""},
		{count, "12.5", "", "企业数应为整数，而不是 12.5"},
		{count, "-3", "", "企业数 -3 低于下限 0家"},
		{count, "12%", "", "“12%”不是数字"},
	}
	for _, tt := range tests {
		got, err := tt.ind.CheckValue(tt.in)
		if tt.wantMsg != "" {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Message != tt.wantMsg || ie.Field != tt.ind.ID {
				t.Errorf("%s.CheckValue(%q) error = %v; want %q", tt.ind.ID, tt.in, err, tt.wantMsg)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s.CheckValue(%q) error %v", tt.ind.ID, tt.in, err)
			continue
		}
		switch {
		case tt.want == "" && got != nil:
			t.Errorf("%s.CheckValue(%q) = %s; want nil", tt.ind.ID, tt.in, got)
		case tt.want != "" && (got == nil || got.String() != tt.want):
			t.Errorf("%s.CheckValue(%q) = %v; want %s", tt.ind.ID, tt.in, got, tt.want)
		}
	}
}

func TestCharCount(t *testing.T) {
	tests := map[string]int{
		"":              0,
		"产业链":           3,
		"产业 链\n概况\t。":   6,
		"R&D 投入强度 3.2%": 11,
		"　全角空格不计　":      6,
		"a\u00a0b":      2, // no-break space is whitespace too
	}
	for in, want := range tests {
		if got := CharCount(in); got != want {
			t.Errorf("CharCount(%q) = %d; want %d", in, got, want)
		}
	}
}

func TestSection_CheckText(t *testing.T) {
	s := &Section{ID: "overview", Title: "产业链发展概况", MinChars: 5, MaxChars: 10, Required: true}
	tests := map[string]string{
		"":             "请填写“产业链发展概况”",
		"   ":          "请填写“产业链发展概况”",
		"四个字符":         "“产业链发展概况”字数为 4，少于要求的 5 字",
		"五 个 字 符 。":    "",
		"十个字符十个字符十个":   "",
		"十一个字符十一个字符十一": "“产业链发展概况”字数为 12，超过上限 10 字",
	}
	for text, want := range tests {
		err := s.CheckText(text)
		if want == "" {
			if err != nil {
				t.Errorf("CheckText(%q) = %v; want nil", text, err)
			}
			continue
		}
		var ie *InputError
		if !errors.As(err, &ie) || ie.Message != want {
			t.Errorf("CheckText(%q) = %v; want %q", text, err, want)
		}
	}
	optional := &Section{ID: "x", Title: "可选", MinChars: 5, MaxChars: 10}
	if err := optional.CheckText(""); err != nil {
		t.Errorf("optional CheckText(\"\") = %v; want nil", err)
	}
}

func TestCountRange_Check(t *testing.T) {
	c := &CountRange{Min: 3, Max: 10}
	for n, want := range map[int]string{2: "共 2 项，至少需要 3 项", 3: "", 10: "", 11: "共 11 项，最多 10 项"} {
		err := c.Check(n)
		if (err == nil) != (want == "") || err != nil && err.(*InputError).Message != want {
			t.Errorf("Check(%d) = %v; want %q", n, err, want)
		}
	}
}

func TestAttachment_CheckFileName(t *testing.T) {
	a := &Attachment{ID: "photos", Name: "照片", Kinds: []FileKind{FileJPEG, FilePNG}}
	for name, want := range map[string]FileKind{"现场.JPG": FileJPEG, "a.jpeg": FileJPEG, "b.png": FilePNG} {
		got, err := a.CheckFileName(name)
		if err != nil || got != want {
			t.Errorf("CheckFileName(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	for name, want := range map[string]string{
		"报告.pdf": "“照片”只接受 \"jpeg\", \"png\" 文件，不接受 .pdf",
		"x.exe":  "“照片”只接受 \"jpeg\", \"png\" 文件，不接受 .exe",
		"README": "“照片”只接受 \"jpeg\", \"png\" 文件，文件名没有扩展名",
	} {
		_, err := a.CheckFileName(name)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Message != want {
			t.Errorf("CheckFileName(%q) = %v; want %q", name, err, want)
		}
	}
	if !a.Accepts(FilePNG) || a.Accepts(FilePDF) {
		t.Errorf("Accepts is wrong")
	}
	if k, ok := FileKindOf("table.XLSX"); !ok || k != FileXLSX {
		t.Errorf("FileKindOf(table.XLSX) = %q, %v", k, ok)
	}
	if _, ok := FileKindOf("old.doc"); ok {
		t.Errorf("FileKindOf(old.doc) accepted .doc")
	}
	if !strings.Contains((&InputError{Field: "f", Message: "中", English: "en"}).Error(), "f: 中 (en)") {
		t.Errorf("InputError.Error format changed")
	}
}
