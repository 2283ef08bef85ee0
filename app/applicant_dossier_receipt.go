package app

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"chainjudge/app/dossier"
	"chainjudge/app/store"
	"chainjudge/reports"

	"github.com/labstack/echo/v4"
)

// Where the receipt's issuer comes from: the office's notice setting (the
// same office issues notices and receipts), with the leading group office
// as default.
const (
	receiptIssuerSetting = "notice.issuer"
	receiptIssuerDefault = "江苏省制造强省建设领导小组办公室"
)

// handleDossierReceiptPDF downloads the receipt (申报回执) of the last
// submission as a PDF form: number, time, the content hash and, while the
// dossier is unchanged since, the files with their SHA-256.
func (s *Server) handleDossierReceiptPDF(c echo.Context) error {
	dc, err := s.applicantDossier(c)
	if err != nil {
		return err
	}
	d := dc.D
	if d.SubmittedAt == nil || d.Number == nil {
		return errNotFound
	}
	ctx := c.Request().Context()
	issuer, err := s.store.Setting(ctx, receiptIssuerSetting, receiptIssuerDefault)
	if err != nil {
		return err
	}
	doc := reports.Receipt{Issuer: reports.Issuer{Name: issuer}, Competition: dc.Comp.Name, DossierNo: d.NumberString(),
		Applicant: dc.Core.Name, Chain: dc.Chain.Name, CoreArea: dc.Core.Name, CollabAreas: dc.CollabNames(),
		SubmittedAt: *d.SubmittedAt, ContentSHA256: strings.TrimPrefix(d.ContentHash, dossier.HashPrefix)}
	if doc.Submitter, err = s.submitter(c, d.ID); err != nil {
		return err
	}
	switch d.Status {
	case store.DossierSubmitted, store.DossierPassed, store.DossierRejected:
		for _, a := range dc.Atts {
			doc.Attachments = append(doc.Attachments, reports.Attachment{Name: a.FileName, Size: a.Size, SHA256: a.SHA256})
		}
	default:
		doc.Notes = append([]string{"本回执记录的是该次提交；申报书此后已被退回或撤回，当前内容可能与回执不同。"}, reports.DefaultReceiptNotes...)
	}
	pdf, err := reports.Bytes(doc, reports.Options{})
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": doc.FileName()}))
	h.Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

// submitter names the account of the dossier's last submission, from the
// audit log.
func (s *Server) submitter(c echo.Context, id int64) (string, error) {
	entries, _, err := s.store.FindAuditEntries(c.Request().Context(), store.AuditFilter{Entity: "dossier",
		EntityID: strconv.FormatInt(id, 10), Action: "dossier."})
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		if e.Action == "dossier.submit" || e.Action == "dossier.resubmit" {
			return e.ActorName, nil
		}
	}
	return "", nil
}
