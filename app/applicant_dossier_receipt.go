package app

import (
	"context"
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
	if !hasReceipt(dc.D) {
		return errNotFound
	}
	doc, err := receiptDocument(c.Request().Context(), s.store, dc)
	if err != nil {
		return err
	}
	pdf, err := reports.Bytes(doc, s.docOptions())
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": doc.FileName()}))
	h.Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, "application/pdf", pdf)
}

// hasReceipt reports whether a dossier was ever submitted, so that it has a
// receipt (the number is given at the first submission).
func hasReceipt(d *store.Dossier) bool { return d.SubmittedAt != nil && d.Number != nil }

// receiptDocument builds the receipt of a dossier's last submission, the
// one the applicant downloads and the one printed for the office's files.
func receiptDocument(ctx context.Context, st *store.Store, dc *dossierCtx) (reports.Receipt, error) {
	d := dc.D
	issuer, err := st.Setting(ctx, receiptIssuerSetting, receiptIssuerDefault)
	if err != nil {
		return reports.Receipt{}, err
	}
	doc := reports.Receipt{Issuer: reports.Issuer{Name: issuer}, Competition: dc.Comp.Name, DossierNo: d.NumberString(),
		Applicant: dc.Core.Name, Chain: dc.Chain.Name, CoreArea: dc.Core.Name, CollabAreas: dc.CollabNames(),
		SubmittedAt: *d.SubmittedAt, ContentSHA256: strings.TrimPrefix(d.ContentHash, dossier.HashPrefix)}
	if doc.Submitter, err = submitter(ctx, st, d.ID); err != nil {
		return reports.Receipt{}, err
	}
	switch d.Status {
	case store.DossierSubmitted, store.DossierPassed, store.DossierRejected:
		for _, a := range dc.Atts {
			doc.Attachments = append(doc.Attachments, reports.Attachment{Name: a.FileName, Size: a.Size, SHA256: a.SHA256})
		}
	default:
		doc.Notes = append([]string{"本回执记录的是该次提交；申报书此后已被退回或撤回，当前内容可能与回执不同。"}, reports.DefaultReceiptNotes...)
	}
	return doc, nil
}

// submitter names the account of the dossier's last submission, from the
// audit log.
func submitter(ctx context.Context, st *store.Store, id int64) (string, error) {
	entries, _, err := st.FindAuditEntries(ctx, store.AuditFilter{Entity: "dossier",
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
