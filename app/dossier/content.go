// Package dossier is the content of a competition dossier (申报书): the
// indicator values, narrative sections, lead enterprises and key projects an
// applicant fills in, and the names to hide in blind review. It binds the
// content from form values, checks it against a rubric stage's requirements
// (field paths and Chinese messages), checks 统一社会信用代码, hashes what was
// submitted, builds the reviewers' view and masks it for blind review.
//
// The package is pure: no database, no HTTP. Binding and checking are plain
// functions of their input so they can be fuzzed.
package dossier

import (
	"encoding/json"
	"fmt"
)

// Content is what the applicant typed, kept exactly as typed (after
// trimming) so a draft can be saved with mistakes in it and shown again.
// Indicator values stay text: "12.5" and "12.50" are what the applicant
// wrote; CheckValue reads them.
type Content struct {
	// Indicators maps a rubric indicator id to the typed value.
	Indicators map[string]string `json:"indicators,omitempty"`
	// Sections maps a rubric section id to the narrative text.
	Sections map[string]string `json:"sections,omitempty"`
	// Enterprises are the lead enterprises (龙头企业).
	Enterprises []Enterprise `json:"enterprises,omitempty"`
	// Projects are the key projects (重点项目).
	Projects []Project `json:"projects,omitempty"`
	// MaskTerms are names the applicant declares for hiding in blind review
	// (short names of enterprises, parks, towns …), besides the region
	// names and the enterprise names, which are hidden anyway.
	MaskTerms []string `json:"mask_terms,omitempty"`
}

// Enterprise is one lead enterprise.
type Enterprise struct {
	// Name is the registered name (企业名称).
	Name string `json:"name"`
	// CreditCode is the 18-character 统一社会信用代码.
	CreditCode string `json:"credit_code"`
	// Role says what the enterprise makes and where it sits in the chain.
	Role string `json:"role,omitempty"`
}

// Project is one key project.
type Project struct {
	// Name is the project's name.
	Name string `json:"name"`
	// Owner is the implementing enterprise (实施主体).
	Owner string `json:"owner"`
	// Investment is the total investment in 亿元, as typed.
	Investment string `json:"investment"`
	// Period is the construction period, e.g. "2025—2027".
	Period string `json:"period,omitempty"`
}

// empty reports whether the applicant typed nothing in the row.
func (e Enterprise) empty() bool { return e.Name == "" && e.CreditCode == "" && e.Role == "" }

// empty reports whether the applicant typed nothing in the row.
func (p Project) empty() bool {
	return p.Name == "" && p.Owner == "" && p.Investment == "" && p.Period == ""
}

// Parse reads stored content. An empty text is empty content.
func Parse(text string) (Content, error) {
	var c Content
	if text == "" {
		return c, nil
	}
	if err := json.Unmarshal([]byte(text), &c); err != nil {
		return Content{}, fmt.Errorf("parse dossier content: %w", err)
	}
	return c, nil
}

// JSON is the content's stored form. Map keys come out sorted, so equal
// content gives equal text.
func (c Content) JSON() string {
	b, err := json.Marshal(c)
	if err != nil {
		// Content holds only strings, maps of strings and slices of
		// structs of strings: Marshal cannot fail on it.
		panic("dossier: marshal content: " + err.Error())
	}
	return string(b)
}

// Indicator returns the typed value of an indicator ("" when absent).
func (c Content) Indicator(id string) string { return c.Indicators[id] }

// Section returns the text of a section ("" when absent).
func (c Content) Section(id string) string { return c.Sections[id] }
