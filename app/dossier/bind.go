package dossier

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Form field names. Field paths in Errors use the same names, so an error
// sits next to the input it is about.
const (
	IndicatorPrefix = "indicators."
	SectionPrefix   = "sections."
	EnterprisesKey  = "enterprises"
	ProjectsKey     = "projects"
	MaskTermsKey    = "mask_terms"
	AttachmentsKey  = "attachments"
)

// MaxRows bounds the row index of a list field; a form naming a higher row
// is ignored there (the rubric caps lists far below it).
const MaxRows = 1000

// IndicatorField is the form field (and error path) of an indicator.
func IndicatorField(id string) string { return IndicatorPrefix + id }

// SectionField is the form field (and error path) of a section.
func SectionField(id string) string { return SectionPrefix + id }

// EnterpriseField is the form field of one column of an enterprise row, e.g.
// "enterprises[2].code".
func EnterpriseField(i int, col string) string {
	return EnterprisesKey + "[" + strconv.Itoa(i) + "]." + col
}

// ProjectField is the form field of one column of a project row.
func ProjectField(i int, col string) string {
	return ProjectsKey + "[" + strconv.Itoa(i) + "]." + col
}

// AttachmentField is the error path of an attachment requirement.
func AttachmentField(id string) string { return AttachmentsKey + "." + id }

// Bind reads dossier content from form values. It never fails: what it
// cannot place it ignores, and what it places it keeps as typed (trimmed;
// line ends made \n; 统一社会信用代码 upper-cased and made half-width), so
// a form with mistakes binds and can be shown again. Rows left completely
// empty are dropped and the others keep their order. A field name that is
// not valid UTF-8 names no rubric field and is ignored: kept as a map key,
// it would not survive the stored JSON.
func Bind(form url.Values) Content {
	c, _ := BindRows(form)
	return c
}

// Rows are the form's row numbers of the list rows Bind kept, in order:
// Bind drops rows left empty, so row i of Content.Enterprises was row
// Enterprises[i] of the form.
type Rows struct {
	Enterprises, Projects []int
}

// BindRows is Bind that also says which form row each kept row came from.
func BindRows(form url.Values) (Content, Rows) {
	var rows Rows
	c := Content{Indicators: map[string]string{}, Sections: map[string]string{}}
	ents := map[int]*Enterprise{}
	projs := map[int]*Project{}
	for key, vals := range form {
		if len(vals) == 0 || !utf8.ValidString(key) {
			continue
		}
		v := vals[0]
		switch {
		case strings.HasPrefix(key, IndicatorPrefix):
			if id := key[len(IndicatorPrefix):]; id != "" {
				if t := width.Narrow.String(cleanLine(v)); t != "" {
					c.Indicators[id] = t
				}
			}
		case strings.HasPrefix(key, SectionPrefix):
			if id := key[len(SectionPrefix):]; id != "" {
				if t := cleanText(v); t != "" {
					c.Sections[id] = t
				}
			}
		case key == MaskTermsKey:
			c.MaskTerms = splitTerms(v)
		default:
			if i, col, ok := rowKey(key, EnterprisesKey); ok {
				setEnterprise(rowOf(ents, i), col, v)
			} else if i, col, ok := rowKey(key, ProjectsKey); ok {
				setProject(rowOf(projs, i), col, v)
			}
		}
	}
	for _, i := range sortedKeys(ents) {
		if e := *ents[i]; !e.empty() {
			c.Enterprises = append(c.Enterprises, e)
			rows.Enterprises = append(rows.Enterprises, i)
		}
	}
	for _, i := range sortedKeys(projs) {
		if p := *projs[i]; !p.empty() {
			c.Projects = append(c.Projects, p)
			rows.Projects = append(rows.Projects, i)
		}
	}
	return c, rows
}

// InForm renumbers the rows of errs' list paths ("enterprises[0].code")
// from the bound content's rows to the form's, so a script can mark the
// input the error is about in the form as the user sees it, empty rows
// included. Paths of other fields are kept.
func (r Rows) InForm(errs Errors) Errors {
	out := make(Errors, len(errs))
	for path, msg := range errs {
		if i, col, ok := rowKey(path, EnterprisesKey); ok && i < len(r.Enterprises) {
			path = EnterpriseField(r.Enterprises[i], col)
		} else if i, col, ok := rowKey(path, ProjectsKey); ok && i < len(r.Projects) {
			path = ProjectField(r.Projects[i], col)
		}
		out[path] = msg
	}
	return out
}

func setEnterprise(e *Enterprise, col, v string) {
	switch col {
	case "name":
		e.Name = cleanLine(v)
	case "code":
		e.CreditCode = NormalizeCreditCode(v)
	case "role":
		e.Role = cleanLine(v)
	}
}

func setProject(p *Project, col, v string) {
	switch col {
	case "name":
		p.Name = cleanLine(v)
	case "owner":
		p.Owner = cleanLine(v)
	case "investment":
		p.Investment = width.Narrow.String(cleanLine(v))
	case "period":
		p.Period = cleanLine(v)
	}
}

// rowKey parses "prefix[i].col".
func rowKey(key, prefix string) (int, string, bool) {
	rest, ok := strings.CutPrefix(key, prefix+"[")
	if !ok {
		return 0, "", false
	}
	num, col, ok := strings.Cut(rest, "].")
	if !ok || num == "" || len(num) > 4 || col == "" {
		return 0, "", false
	}
	i, err := strconv.Atoi(num)
	if err != nil || i < 0 || i >= MaxRows || strconv.Itoa(i) != num {
		return 0, "", false
	}
	return i, col, true
}

func rowOf[T any](rows map[int]*T, i int) *T {
	r, ok := rows[i]
	if !ok {
		r = new(T)
		rows[i] = r
	}
	return r
}

func sortedKeys[T any](m map[int]T) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}

// cleanLine trims a one-line value and turns any line break into a space.
func cleanLine(s string) string {
	s = validUTF8(s)
	s = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s)
	return strings.TrimSpace(s)
}

// cleanText trims a narrative and makes its line ends \n.
func cleanText(s string) string {
	s = validUTF8(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}

// validUTF8 replaces invalid bytes, so stored JSON round-trips exactly.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// splitTerms reads the declared mask list: one name per line, or separated
// by Chinese or Western commas, enumeration commas or semicolons. Duplicates
// and blanks are dropped; the order is kept.
func splitTerms(s string) []string {
	s = validUTF8(s)
	fields := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '\n', '\r', ',', '，', '、', ';', '；':
			return true
		}
		return false
	})
	var out []string
	seen := map[string]bool{}
	for _, f := range fields {
		f = strings.TrimSpace(f)
		if f != "" && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// Values is the inverse of Bind: the form values that show c in the form.
// Bind(Values(c)) equals c for content that Bind produced.
func Values(c Content) url.Values {
	v := url.Values{}
	for id, t := range c.Indicators {
		v.Set(IndicatorField(id), t)
	}
	for id, t := range c.Sections {
		v.Set(SectionField(id), t)
	}
	for i, e := range c.Enterprises {
		v.Set(EnterpriseField(i, "name"), e.Name)
		v.Set(EnterpriseField(i, "code"), e.CreditCode)
		v.Set(EnterpriseField(i, "role"), e.Role)
	}
	for i, p := range c.Projects {
		v.Set(ProjectField(i, "name"), p.Name)
		v.Set(ProjectField(i, "owner"), p.Owner)
		v.Set(ProjectField(i, "investment"), p.Investment)
		v.Set(ProjectField(i, "period"), p.Period)
	}
	if len(c.MaskTerms) > 0 {
		v.Set(MaskTermsKey, strings.Join(c.MaskTerms, "\n"))
	}
	return v
}
