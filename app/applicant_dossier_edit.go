package app

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"chainjudge/app/dossier"
	"chainjudge/app/files"
	"chainjudge/app/store"
	"chainjudge/rubrics"
	"chainjudge/templates"

	"github.com/labstack/echo/v4"
)

// formCell is one input of the dossier form: its name (also its error path),
// the typed value and the message next to it.
type formCell struct {
	Field, Value, Error string
}

type indicatorInput struct {
	rubrics.Indicator
	formCell
}

type sectionInput struct {
	rubrics.Section
	formCell
	Chars int
}

type enterpriseRow struct {
	N                int
	Name, Code, Role formCell
}

type projectRow struct {
	N                               int
	Name, Owner, Investment, Period formCell
}

// attachmentSlot is one attachment requirement with its uploaded files.
type attachmentSlot struct {
	Req    rubrics.Attachment
	Field  string
	Files  []store.Attachment
	Error  string
	Accept string
	Kinds  string
}

// dossierEditPage is the applicant's form for a draft or returned dossier.
type dossierEditPage struct {
	Ctx         *dossierCtx
	Version     int64
	Title       formCell
	Collab      map[int64]bool
	CollabError string
	Groups      []regionGroup
	Indicators  []indicatorInput
	Sections    []sectionInput
	Enterprises []enterpriseRow
	EntRange    *rubrics.CountRange
	EntError    string
	Projects    []projectRow
	ProjRange   *rubrics.CountRange
	ProjError   string
	MaskTerms   formCell
	Attachments []attachmentSlot
	Errors      FieldErrors
	Notice      string
	NoticeKind  string
	Deadline    time.Time
	Returned    *store.FormalReview
	MaxUpload   string
	MaxTotal    string
	UsedTotal   string
}

// editState is what the form shows: the typed (or stored) values.
type editState struct {
	Version int64
	Title   string
	Collab  []int64
	Content dossier.Content
	// Rows are the form rows Content's list rows came from (posted forms
	// only): the autosave script marks errors in the form as it is.
	Rows dossier.Rows
}

func storedState(dc *dossierCtx) editState {
	return editState{Version: dc.D.Version, Title: dc.D.Title, Collab: dc.CollabIDs(), Content: dc.Content}
}

// dossierEditPage renders the form with state, errors and a notice.
func (s *Server) dossierEditPage(c echo.Context, status int, dc *dossierCtx, st editState, errs FieldErrors, notice, kind string) error {
	ctx := c.Request().Context()
	if errs == nil {
		errs = FieldErrors{}
	}
	p := dossierEditPage{Ctx: dc, Version: st.Version, Errors: errs, Notice: notice, NoticeKind: kind,
		Title: formCell{Field: "title", Value: st.Title, Error: errs["title"]}, Collab: map[int64]bool{},
		CollabError: errs["collab"], Deadline: dc.D.Deadline(dc.Stage),
		MaxUpload: humanBytes(s.cfg.MaxUploadBytes), MaxTotal: humanBytes(s.cfg.MaxDossierBytes)}
	for _, id := range st.Collab {
		p.Collab[id] = true
	}
	var err error
	if p.Groups, err = s.regionGroups(ctx, dc.D.RegionID, p.Collab); err != nil {
		return err
	}
	values := dossier.Values(st.Content)
	field := func(name string) formCell { return formCell{Field: name, Value: values.Get(name), Error: errs[name]} }
	req := &dc.Rules.Requirements
	for _, ind := range req.Indicators {
		p.Indicators = append(p.Indicators, indicatorInput{Indicator: ind, formCell: field(dossier.IndicatorField(ind.ID))})
	}
	for _, sec := range req.Sections {
		in := sectionInput{Section: sec, formCell: field(dossier.SectionField(sec.ID))}
		in.Chars = rubrics.CharCount(in.Value)
		p.Sections = append(p.Sections, in)
	}
	if r := req.LeadEnterprises; r != nil {
		p.EntRange, p.EntError = r, errs[dossier.EnterprisesKey]
		for i := 0; i < rowCount(len(st.Content.Enterprises), r); i++ {
			p.Enterprises = append(p.Enterprises, enterpriseRow{N: i + 1, Name: field(dossier.EnterpriseField(i, "name")),
				Code: field(dossier.EnterpriseField(i, "code")), Role: field(dossier.EnterpriseField(i, "role"))})
		}
	}
	if r := req.KeyProjects; r != nil {
		p.ProjRange, p.ProjError = r, errs[dossier.ProjectsKey]
		for i := 0; i < rowCount(len(st.Content.Projects), r); i++ {
			p.Projects = append(p.Projects, projectRow{N: i + 1, Name: field(dossier.ProjectField(i, "name")),
				Owner: field(dossier.ProjectField(i, "owner")), Investment: field(dossier.ProjectField(i, "investment")),
				Period: field(dossier.ProjectField(i, "period"))})
		}
	}
	p.MaskTerms = field(dossier.MaskTermsKey)
	p.Attachments = attachmentSlots(req, dc.Atts, errs)
	var used int64
	for _, a := range dc.Atts {
		used += a.Size
	}
	p.UsedTotal = humanBytes(used)
	if dc.D.Status == store.DossierReturned {
		reviews, err := s.store.FindFormalReviews(ctx, dc.D.ID)
		if err != nil {
			return err
		}
		if len(reviews) > 0 {
			p.Returned = &reviews[0]
		}
	}
	return s.render(c, status, "applicant_dossier_edit.html", "填写申报书", p)
}

// rowCount is how many rows a list shows: the filled ones and two empty
// ones (more appear after saving), at least the minimum, at most the
// maximum unless more were filled.
func rowCount(filled int, r *rubrics.CountRange) int {
	n := max(filled+2, r.Min)
	if n > r.Max {
		n = max(r.Max, filled)
	}
	return n
}

func attachmentSlots(req *rubrics.Requirements, atts []store.Attachment, errs FieldErrors) []attachmentSlot {
	var out []attachmentSlot
	for _, a := range req.Attachments {
		slot := attachmentSlot{Req: a, Field: dossier.AttachmentField(a.ID), Error: errs[dossier.AttachmentField(a.ID)]}
		var accept, kinds []string
		for _, k := range a.Kinds {
			accept = append(accept, acceptOf(k))
			kinds = append(kinds, files.Label(k))
		}
		slot.Accept, slot.Kinds = strings.Join(accept, ","), strings.Join(kinds, "、")
		for _, f := range atts {
			if f.Requirement == a.ID {
				slot.Files = append(slot.Files, f)
			}
		}
		out = append(out, slot)
	}
	return out
}

// acceptOf is the file input's accept list for a kind.
func acceptOf(k rubrics.FileKind) string {
	if k == rubrics.FileJPEG {
		return ".jpg,.jpeg,image/jpeg"
	}
	return "." + string(k) + "," + files.ContentType(k)
}

// handleDossierEditPage shows the form of a dossier the applicant may edit;
// problems of what is stored already are shown next to their fields.
func (s *Server) handleDossierEditPage(c echo.Context) error {
	dc, err := s.applicantDossier(c)
	if err != nil {
		return err
	}
	if err := dc.D.EditableAt(dc.Stage, s.now()); err != nil {
		return redirectWith(c, dossierPath(dc.D.ID, ""), "warn", conflictMessage(err))
	}
	errs := FieldErrors(dossier.Validate(dc.Content, &dc.Rules.Requirements, dossier.Draft))
	return s.dossierEditPage(c, http.StatusOK, dc, storedState(dc), errs, "", "")
}

// bindDraft reads the dossier form: title, collaborative areas and content.
func (s *Server) bindDraft(c echo.Context, dc *dossierCtx) (editState, FieldErrors, error) {
	errs := FieldErrors{}
	form, err := c.FormParams()
	if err != nil {
		return editState{}, nil, echo.NewHTTPError(http.StatusBadRequest, "表单无法读取，请刷新页面后重试")
	}
	st := editState{Title: strings.TrimSpace(form.Get("title"))}
	st.Content, st.Rows = dossier.BindRows(form)
	st.Version, _ = formInt64(c, "version")
	collab, ok := formInt64s(c, "collab")
	if !ok {
		errs.Add("collab", "协同区选择有误")
	}
	st.Collab = collab
	switch n := utf8.RuneCountInString(st.Title); {
	case n == 0:
		errs.Add("title", "请填写申报书标题")
	case n > maxDossierTitleChars:
		errs.Add("title", fmt.Sprintf("标题不能超过 %d 字", maxDossierTitleChars))
	}
	if err := s.checkCollab(c.Request().Context(), dc.D.RegionID, collab, errs); err != nil {
		return editState{}, nil, err
	}
	for k, v := range dossier.Validate(st.Content, &dc.Rules.Requirements, dossier.Draft) {
		errs.Add(k, v)
	}
	return st, errs, nil
}

// draftAnswer is the autosave script's JSON answer.
type draftAnswer struct {
	Message string      `json:"message,omitempty"`
	Error   string      `json:"error,omitempty"`
	Version int64       `json:"version,omitempty"`
	Saved   bool        `json:"saved"`
	Fields  FieldErrors `json:"fields,omitempty"`
}

// handleDossierDraftSave saves the form as typed, whatever is wrong with it,
// so no typed text is ever lost: problems are shown next to their fields
// (422), a refused save (deadline passed, concurrent edit) shows the typed
// text again with the reason. The autosave script gets JSON. With
// action=review the applicant goes on to check and submit.
func (s *Server) handleDossierDraftSave(c echo.Context) error {
	dc, err := s.applicantDossier(c)
	if err != nil {
		return err
	}
	st, errs, err := s.bindDraft(c, dc)
	if err != nil {
		return err
	}
	asJSON := wantsJSON(c)
	if n := len(st.Content.JSON()); n > dossier.MaxContentBytes {
		msg := fmt.Sprintf("内容过长（%s），超过 %s 的上限，未保存；请删减后再保存", humanBytes(int64(n)), humanBytes(dossier.MaxContentBytes))
		if asJSON {
			return c.JSON(http.StatusRequestEntityTooLarge, draftAnswer{Error: msg})
		}
		return s.dossierEditPage(c, http.StatusRequestEntityTooLarge, dc, st, errs, msg, "error")
	}
	// A title or area choice that cannot be stored keeps the stored one;
	// the typed one is shown with its error.
	title := st.Title
	if errs["title"] != "" {
		title = dc.D.Title
	}
	collab := st.Collab
	if errs["collab"] != "" {
		collab = dc.CollabIDs()
	}
	version, err := s.store.SaveDossierDraft(c.Request().Context(), store.UserActor(currentUser(c)), dc.D.ID,
		store.DraftUpdate{Version: st.Version, Title: title, Content: st.Content.JSON(), CollabRegionIDs: collab})
	if errors.Is(err, store.ErrConflict) {
		msg := conflictMessage(err) + "。您刚才填写的内容仍在下方，未保存。"
		if asJSON {
			return c.JSON(http.StatusConflict, draftAnswer{Error: conflictMessage(err)})
		}
		fresh, ferr := s.store.FindDossierByID(c.Request().Context(), dc.D.ID)
		if ferr != nil {
			return ferr
		}
		dc.D = fresh
		st.Version = fresh.Version
		if fresh.EditableAt(dc.Stage, s.now()) != nil {
			return s.dossierEditPage(c, http.StatusConflict, dc, st, errs, msg+"请复制保存您需要的文字。", "error")
		}
		return s.dossierEditPage(c, http.StatusConflict, dc, st, errs, msg+"核对后再次点击“保存草稿”将以本页内容为准。", "error")
	}
	if err != nil {
		return err
	}
	st.Version = version
	dc.D.Version = version
	stamp := templates.FormatDateTime(s.now())
	if errs.Any() {
		msg := fmt.Sprintf("草稿已于 %s 保存，但有 %d 处需要修改，请按提示更正。", stamp, len(errs))
		if asJSON {
			// The page the script runs on still has its empty rows: the
			// errors name the rows as posted, not as stored.
			fields := FieldErrors(st.Rows.InForm(dossier.Errors(errs)))
			return c.JSON(http.StatusUnprocessableEntity, draftAnswer{Error: msg, Version: version, Saved: true, Fields: fields})
		}
		return s.dossierEditPage(c, http.StatusUnprocessableEntity, dc, st, errs, msg, "warn")
	}
	if asJSON {
		return c.JSON(http.StatusOK, draftAnswer{Message: "草稿已于 " + stamp + " 自动保存", Version: version, Saved: true})
	}
	if c.FormValue("action") == "review" {
		return c.Redirect(http.StatusSeeOther, dossierPath(dc.D.ID, "/review"))
	}
	return redirectWith(c, dossierPath(dc.D.ID, "/edit"), "", "草稿已于 "+stamp+" 保存。")
}
