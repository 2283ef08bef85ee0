package dossier

import (
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"

	"chainjudge/rubrics"
)

// Limits on what a dossier may hold besides the rubric's own limits.
const (
	// MaxNameChars bounds enterprise and project names and owners.
	MaxNameChars = 200
	// MaxRoleChars bounds an enterprise's description.
	MaxRoleChars = 200
	// MaxPeriodChars bounds a project's construction period.
	MaxPeriodChars = 50
	// MaxMaskTerms bounds the declared mask list.
	MaxMaskTerms = 100
	// MaxMaskTermChars bounds one declared name.
	MaxMaskTermChars = 50
	// MaxContentBytes bounds the stored content; a larger draft is not
	// saved (no rubric section comes near it).
	MaxContentBytes = 2 << 20
)

// Errors maps a field path (the form field's name, e.g.
// "indicators.main_revenue" or "enterprises[1].code") to a Chinese message.
type Errors map[string]string

// add records msg for field unless it already has one.
func (e Errors) add(field, msg string) {
	if _, ok := e[field]; !ok {
		e[field] = msg
	}
}

// Fields lists the paths with errors in sorted order.
func (e Errors) Fields() []string {
	out := make([]string, 0, len(e))
	for k := range e {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Mode says how complete the content must be.
type Mode int

// The checking modes.
const (
	// Draft reports only what is wrong whatever else gets filled in later:
	// a value that is not a number or out of range, a text over its limit, a
	// 统一社会信用代码 with a wrong check character, a list too long.
	Draft Mode = iota
	// Final also requires everything the stage asks for: required values
	// and texts, minimum lengths, complete rows, list minimums.
	Final
)

// Validate checks content against a stage's requirements and returns the
// problems by field path; nil when there are none.
func Validate(c Content, req *rubrics.Requirements, mode Mode) Errors {
	errs := Errors{}
	if req == nil {
		req = &rubrics.Requirements{}
	}
	for i := range req.Indicators {
		ind := &req.Indicators[i]
		text := c.Indicators[ind.ID]
		if text == "" && mode == Draft {
			continue
		}
		if _, err := ind.CheckValue(text); err != nil {
			errs.add(IndicatorField(ind.ID), inputMessage(err))
		}
	}
	for i := range req.Sections {
		sec := &req.Sections[i]
		text := c.Sections[sec.ID]
		if mode == Draft {
			if n := rubrics.CharCount(text); n > sec.MaxChars {
				errs.add(SectionField(sec.ID), fmt.Sprintf("“%s”字数为 %d，超过上限 %d 字", sec.Title, n, sec.MaxChars))
			}
			continue
		}
		if err := sec.CheckText(text); err != nil {
			errs.add(SectionField(sec.ID), inputMessage(err))
		}
	}
	if req.LeadEnterprises != nil {
		checkEnterprises(errs, c.Enterprises, req.LeadEnterprises, mode)
	}
	if req.KeyProjects != nil {
		checkProjects(errs, c.Projects, req.KeyProjects, mode)
	}
	checkMaskTerms(errs, c.MaskTerms)
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func checkEnterprises(errs Errors, ents []Enterprise, count *rubrics.CountRange, mode Mode) {
	checkCount(errs, EnterprisesKey, "龙头企业", len(ents), count, mode)
	seen := map[string]int{}
	for i, e := range ents {
		switch {
		case e.Name == "" && mode == Final:
			errs.add(EnterpriseField(i, "name"), "请填写企业名称")
		case utf8.RuneCountInString(e.Name) > MaxNameChars:
			errs.add(EnterpriseField(i, "name"), fmt.Sprintf("企业名称不能超过 %d 字", MaxNameChars))
		}
		if utf8.RuneCountInString(e.Role) > MaxRoleChars {
			errs.add(EnterpriseField(i, "role"), fmt.Sprintf("主营产品及产业链环节不能超过 %d 字", MaxRoleChars))
		}
		switch {
		case e.CreditCode == "":
			if mode == Final {
				errs.add(EnterpriseField(i, "code"), "请填写统一社会信用代码")
			}
		case CheckCreditCode(e.CreditCode) != nil:
			errs.add(EnterpriseField(i, "code"), CheckCreditCode(e.CreditCode).Error())
		default:
			if j, dup := seen[e.CreditCode]; dup {
				errs.add(EnterpriseField(i, "code"), fmt.Sprintf("与第 %d 家企业的统一社会信用代码重复", j+1))
			} else {
				seen[e.CreditCode] = i
			}
		}
	}
}

func checkProjects(errs Errors, projs []Project, count *rubrics.CountRange, mode Mode) {
	checkCount(errs, ProjectsKey, "重点项目", len(projs), count, mode)
	for i, p := range projs {
		for _, col := range []struct {
			name, value, label string
			max                int
		}{{"name", p.Name, "项目名称", MaxNameChars}, {"owner", p.Owner, "实施主体", MaxNameChars},
			{"period", p.Period, "建设期", MaxPeriodChars}} {
			switch {
			case col.value == "" && mode == Final && col.name != "period":
				errs.add(ProjectField(i, col.name), "请填写"+col.label)
			case utf8.RuneCountInString(col.value) > col.max:
				errs.add(ProjectField(i, col.name), fmt.Sprintf("%s不能超过 %d 字", col.label, col.max))
			}
		}
		switch {
		case p.Investment == "":
			if mode == Final {
				errs.add(ProjectField(i, "investment"), "请填写总投资（亿元）")
			}
		default:
			v, err := rubrics.ParseDecimal(p.Investment)
			if err != nil {
				errs.add(ProjectField(i, "investment"), fmt.Sprintf("总投资“%s”不是数字，请以亿元为单位填写，例如 12.5", p.Investment))
			} else if v.Sign() < 0 {
				errs.add(ProjectField(i, "investment"), "总投资不能为负数")
			}
		}
	}
}

// checkCount checks a list's length; in Draft mode only the maximum.
func checkCount(errs Errors, field, label string, n int, count *rubrics.CountRange, mode Mode) {
	switch {
	case n > count.Max:
		errs.add(field, fmt.Sprintf("%s共 %d 项，最多 %d 项", label, n, count.Max))
	case n < count.Min && mode == Final:
		errs.add(field, fmt.Sprintf("%s共 %d 项，至少需要 %d 项", label, n, count.Min))
	}
}

func checkMaskTerms(errs Errors, terms []string) {
	if len(terms) > MaxMaskTerms {
		errs.add(MaskTermsKey, fmt.Sprintf("需隐去的名称最多 %d 个，当前 %d 个", MaxMaskTerms, len(terms)))
		return
	}
	for _, t := range terms {
		if utf8.RuneCountInString(t) > MaxMaskTermChars {
			errs.add(MaskTermsKey, fmt.Sprintf("“%s”过长：每个名称不超过 %d 字", string([]rune(t)[:10])+"…", MaxMaskTermChars))
			return
		}
	}
}

// inputMessage is the Chinese sentence of a rubric input error.
func inputMessage(err error) string {
	var ie *rubrics.InputError
	if errors.As(err, &ie) {
		return ie.Message
	}
	return err.Error()
}

// AttachmentRef is an uploaded file as the dossier sees it.
type AttachmentRef struct {
	// ID is the attachment's id in the store (for download links).
	ID int64
	// Requirement is the rubric attachment id it was uploaded for.
	Requirement string
	// Name is the file name as uploaded.
	Name string
	// Kind is the sniffed file kind.
	Kind rubrics.FileKind
	// Size is the length in bytes.
	Size int64
	// SHA256 is the hex SHA-256 of the bytes.
	SHA256 string
}

// ValidateAttachments reports the required attachments with no file
// uploaded, by path "attachments.<id>"; nil when all are there.
func ValidateAttachments(req *rubrics.Requirements, atts []AttachmentRef) Errors {
	if req == nil {
		return nil
	}
	have := map[string]bool{}
	for _, a := range atts {
		have[a.Requirement] = true
	}
	errs := Errors{}
	for _, a := range req.Attachments {
		if a.Required && !have[a.ID] {
			errs.add(AttachmentField(a.ID), fmt.Sprintf("请上传“%s”", a.Name))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Merge adds the errors of other that e does not have yet and returns e
// (allocated when nil and other has errors).
func (e Errors) Merge(other Errors) Errors {
	if len(other) == 0 {
		return e
	}
	if e == nil {
		e = Errors{}
	}
	for k, v := range other {
		e.add(k, v)
	}
	return e
}

// SizeText is the file size for people, e.g. "1.5 MB".
func (a AttachmentRef) SizeText() string { return SizeText(a.Size) }

// SizeText renders a byte count for people: "512 字节", "12 KB", "1.5 MB".
func SizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+1<<9)>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
