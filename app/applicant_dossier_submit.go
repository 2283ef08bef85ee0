package app

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"chainjudge/app/dossier"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// submitProblems is everything that keeps a dossier from being submitted:
// a missing title, content the stage requires, required attachments.
func submitProblems(title string, c dossier.Content, atts []store.Attachment, rules *rubrics.Stage) FieldErrors {
	errs := FieldErrors{}
	if strings.TrimSpace(title) == "" {
		errs.Add("title", "请填写申报书标题")
	}
	for k, v := range dossier.Validate(c, &rules.Requirements, dossier.Final) {
		errs.Add(k, v)
	}
	for k, v := range dossier.ValidateAttachments(&rules.Requirements, attachmentRefs(atts)) {
		errs.Add(k, v)
	}
	return errs
}

// problemLink is one problem in the submission check, linking to its field.
type problemLink struct {
	Message, Href string
}

func problemLinks(id int64, errs FieldErrors) []problemLink {
	var out []problemLink
	for _, f := range dossier.Errors(errs).Fields() {
		out = append(out, problemLink{Message: errs[f], Href: dossierPath(id, "/edit#f-"+f)})
	}
	return out
}

type dossierReviewPage struct {
	Ctx      *dossierCtx
	View     dossier.View
	Problems []problemLink
	Hash     string
	Blocked  string
	Deadline time.Time
}

// handleDossierReviewPage shows the dossier as the office will see it, what
// is still missing, and the submit button.
func (s *Server) handleDossierReviewPage(c echo.Context) error {
	dc, err := s.applicantDossier(c)
	if err != nil {
		return err
	}
	p := dossierReviewPage{Ctx: dc, View: dc.View(false, dossierPath(dc.D.ID, "/attachments/")),
		Deadline: dc.D.Deadline(dc.Stage), Hash: dossier.Hash(dc.submission())}
	if err := dc.D.EditableAt(dc.Stage, s.now()); err != nil {
		p.Blocked = conflictMessage(err)
	}
	p.Problems = problemLinks(dc.D.ID, submitProblems(dc.D.Title, dc.Content, dc.Atts, dc.Rules))
	return s.render(c, http.StatusOK, "applicant_dossier_review.html", "检查并提交", p)
}

// handleDossierSubmit submits the stored draft (or resubmits a corrected
// one) before the deadline on the server's clock. What is checked and
// hashed is what the store holds, inside the submitting transaction; any
// refusal leaves the draft as it was.
func (s *Server) handleDossierSubmit(c echo.Context) error {
	dc, err := s.applicantDossier(c)
	if err != nil {
		return err
	}
	version, _ := formInt64(c, "version")
	check := func(d *store.Dossier, collab []int64, atts []store.Attachment) (string, error) {
		content, err := dossier.Parse(d.Content)
		if err != nil {
			return "", err
		}
		if errs := submitProblems(d.Title, content, atts, dc.Rules); errs.Any() {
			return "", errs
		}
		return dossier.Hash(dossier.Submission{Competition: d.CompetitionID, Chain: d.ChainID, CoreRegion: d.RegionID,
			CollabRegions: collab, Title: d.Title, Content: content, Attachments: attachmentRefs(atts)}), nil
	}
	d, err := s.store.SubmitDossier(c.Request().Context(), store.UserActor(currentUser(c)), dc.D.ID, version, check)
	var errs FieldErrors
	if errors.As(err, &errs) {
		return s.formError(c, errs, func() error {
			msg := fmt.Sprintf("提交未成功：还有 %d 处需要补充或修改（见各项旁的提示），草稿已保留。", len(errs))
			return s.dossierEditPage(c, http.StatusUnprocessableEntity, dc, storedState(dc), errs, msg, "error")
		})
	}
	if err != nil {
		return err
	}
	return redirectWith(c, dossierPath(d.ID, "/receipt"), "", "申报书已提交，申报编号 "+d.NumberString()+"。请保存或打印回执。")
}

type receiptPage struct {
	Ctx     *dossierCtx
	Files   []store.Attachment
	Current bool
}

// handleDossierReceipt shows the receipt (回执) of the last submission:
// number, time and content hash, and the files when the dossier has not
// changed since.
func (s *Server) handleDossierReceipt(c echo.Context) error {
	dc, err := s.applicantDossier(c)
	if err != nil {
		return err
	}
	if dc.D.SubmittedAt == nil || dc.D.Number == nil {
		return errNotFound
	}
	p := receiptPage{Ctx: dc}
	switch dc.D.Status {
	case store.DossierSubmitted, store.DossierPassed, store.DossierRejected:
		p.Current, p.Files = true, dc.Atts
	}
	return s.render(c, http.StatusOK, "applicant_dossier_receipt.html", "申报回执 "+dc.D.NumberString(), p)
}

// handleDossierWithdraw withdraws the dossier before its deadline; the
// reason goes into the audit log.
func (s *Server) handleDossierWithdraw(c echo.Context) error {
	dc, err := s.applicantDossier(c)
	if err != nil {
		return err
	}
	reason := trimmed(c, "reason")
	errs := FieldErrors{}
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		errs.Add("reason", "请说明撤回原因")
	case n > maxReasonChars:
		errs.Add("reason", fmt.Sprintf("撤回原因不能超过 %d 字", maxReasonChars))
	}
	if errs.Any() {
		return s.formError(c, errs, func() error {
			return s.applicantDossierPage(c, http.StatusUnprocessableEntity, dc, applicantDossierPage{Errors: errs, Reason: reason})
		})
	}
	version, _ := formInt64(c, "version")
	if err := s.store.WithdrawDossier(c.Request().Context(), store.UserActor(currentUser(c)), dc.D.ID, version, reason); err != nil {
		return err
	}
	return redirectWith(c, dossierPath(dc.D.ID, ""), "", "申报书已撤回。申报截止前可以重新启用。")
}

// handleDossierReopen makes a withdrawn dossier a draft again while filing
// is open.
func (s *Server) handleDossierReopen(c echo.Context) error {
	dc, err := s.applicantDossier(c)
	if err != nil {
		return err
	}
	version, _ := formInt64(c, "version")
	if err := s.store.ReopenDossier(c.Request().Context(), store.UserActor(currentUser(c)), dc.D.ID, version); err != nil {
		return err
	}
	return redirectWith(c, dossierPath(dc.D.ID, "/edit"), "", "申报书已重新启用为草稿。")
}
