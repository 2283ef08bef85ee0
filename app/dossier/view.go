package dossier

import (
	"strconv"
	"strings"

	"chainjudge/rubrics"
)

// Meta is what the view shows about a dossier besides its content: the
// caller (who has the store) fills it in.
type Meta struct {
	ID     int64
	Number string
	Title  string
	Chain  string
	// Cluster is the chain's advanced manufacturing cluster.
	Cluster string
	// Core is the core area's name; Collab the collaborative areas' names.
	Core   string
	Collab []string
	// HideTerms are further names that identify the applicant in blind
	// review, e.g. the cities the areas lie in.
	HideTerms []string
	// AttachmentBase is the URL prefix of attachment downloads; a file's id
	// is appended. Empty shows no links.
	AttachmentBase string
}

// View is a dossier laid out for reading in the order of the stage's
// requirements: what reviewers and the office see, and the applicant after
// submission. Build it with BuildView; hide the applicant with Masked.
type View struct {
	Meta
	// Masked is true for the blind-review view.
	Masked      bool
	Indicators  []IndicatorView
	Sections    []SectionView
	Enterprises []Enterprise
	// AsksEnterprises and AsksProjects say whether the stage asks for the
	// lists at all.
	AsksEnterprises bool
	Projects        []Project
	AsksProjects    bool
	Attachments     []AttachmentView
	// AttachmentsHidden is true when the files are withheld (blind review:
	// scans and photos carry names, seals and letterheads).
	AttachmentsHidden bool

	// terms are the names Masked hides besides the region names.
	terms []string
}

// IndicatorView is one indicator with its typed value.
type IndicatorView struct {
	ID, Name, Unit, Help string
	Value                string
}

// SectionView is one narrative section.
type SectionView struct {
	ID, Title  string
	Paragraphs []string
	Chars      int
}

// AttachmentView is one uploaded file under its requirement's name.
type AttachmentView struct {
	AttachmentRef
	RequirementName string
	URL             string
}

// BuildView lays content out in the order of the stage's requirements.
// Values the stage does not ask for are left out.
func BuildView(m Meta, c Content, st *rubrics.Stage, atts []AttachmentRef) View {
	v := View{Meta: m}
	req := &rubrics.Requirements{}
	if st != nil {
		req = &st.Requirements
	}
	for _, ind := range req.Indicators {
		v.Indicators = append(v.Indicators, IndicatorView{ID: ind.ID, Name: ind.Name, Unit: ind.Unit, Help: ind.Help,
			Value: c.Indicators[ind.ID]})
	}
	for _, sec := range req.Sections {
		text := c.Sections[sec.ID]
		v.Sections = append(v.Sections, SectionView{ID: sec.ID, Title: sec.Title, Paragraphs: paragraphs(text),
			Chars: rubrics.CharCount(text)})
	}
	if req.LeadEnterprises != nil {
		v.AsksEnterprises = true
		v.Enterprises = append([]Enterprise(nil), c.Enterprises...)
	}
	if req.KeyProjects != nil {
		v.AsksProjects = true
		v.Projects = append([]Project(nil), c.Projects...)
	}
	for _, a := range atts {
		av := AttachmentView{AttachmentRef: a, RequirementName: a.Requirement}
		if ra := attachmentReq(req, a.Requirement); ra != nil {
			av.RequirementName = ra.Name
		}
		if m.AttachmentBase != "" {
			av.URL = m.AttachmentBase + strconv.FormatInt(a.ID, 10)
		}
		v.Attachments = append(v.Attachments, av)
	}
	v.terms = append(v.terms, c.MaskTerms...)
	for _, e := range c.Enterprises {
		v.terms = append(v.terms, e.Name)
	}
	for _, p := range c.Projects {
		v.terms = append(v.terms, p.Owner)
	}
	return v
}

func attachmentReq(req *rubrics.Requirements, id string) *rubrics.Attachment {
	for i := range req.Attachments {
		if req.Attachments[i].ID == id {
			return &req.Attachments[i]
		}
	}
	return nil
}

// paragraphs splits a narrative at blank or single line breaks.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
