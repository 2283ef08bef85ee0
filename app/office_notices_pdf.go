package app

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"chainjudge/app/store"
	"chainjudge/reports"

	"github.com/labstack/echo/v4"
)

// docNumberPattern is a 发文字号 as GB/T 9704 writes it: 机关代字〔年份〕序号号.
var docNumberPattern = regexp.MustCompile(`^(.+)〔(\d{4})〕([1-9]\d*)号$`)

// parseDocNumber reads a 发文字号 such as 苏制强办〔2026〕3号.
func parseDocNumber(s string) (reports.DocNumber, error) {
	m := docNumberPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return reports.DocNumber{}, errors.New("发文字号应写作“机关代字〔年份〕序号号”，如 苏制强办〔2026〕3号（六角括号，序号不编虚位）")
	}
	year, _ := strconv.Atoi(m[2])
	seq, _ := strconv.Atoi(m[3])
	return reports.DocNumber{Prefix: m[1], Year: year, Seq: seq}, nil
}

// designation is what the winners of a competition become, e.g.
// 2026年度江苏省区域卓越产业链 for 2026年度江苏省区域卓越产业链竞赛.
func designation(comp *store.Competition) string {
	return strings.TrimSuffix(comp.Name, "竞赛")
}

// listEntries turns a notice's list into the documents' list rows.
func listEntries(entries []store.NoticeEntry) []reports.ListEntry {
	out := make([]reports.ListEntry, 0, len(entries))
	for _, e := range entries {
		chain := e.Title
		if chain == "" {
			chain = e.City + e.Chain + "产业链"
		}
		out = append(out, reports.ListEntry{Chain: chain, CoreArea: e.CoreArea, CollabAreas: e.CollabAreas})
	}
	return out
}

// publicityDocument renders a 公示 as issued.
func publicityDocument(comp *store.Competition, n *store.Notice, entries []store.NoticeEntry, opts reports.Options) ([]byte, error) {
	doc := reports.PublicNotice{Issuer: reports.Issuer{Name: n.Issuer}, Title: n.Title, Competition: comp.Name,
		Designation: designation(comp), Intro: n.Body, PeriodStart: n.StartsAt, PeriodEnd: n.LastDay(),
		PeriodNote: fmt.Sprintf("%d个工作日", n.WorkingDays), Address: n.ContactAddress, Email: n.ContactEmail,
		Candidates: listEntries(entries), Date: n.StartsAt}
	if n.ContactPhone != "" {
		doc.Contacts = []reports.Contact{{Role: "联系人", Person: n.ContactName, Phone: n.ContactPhone}}
	}
	return reports.Bytes(doc, opts)
}

// resultDocument renders a result notice as issued.
func resultDocument(comp *store.Competition, n *store.Notice, entries []store.NoticeEntry, opts reports.Options) ([]byte, error) {
	number, err := parseDocNumber(n.DocNumber)
	if err != nil {
		return nil, err
	}
	doc := reports.ResultNotice{Issuer: reports.Issuer{Name: n.Issuer}, Number: number, Title: n.Title,
		Addressees: n.Addressees, Competition: comp.Name, Designation: designation(comp), Intro: n.Body,
		Closing: "特此通知。", Winners: listEntries(entries), Date: n.CreatedAt, Public: true}
	return reports.Bytes(doc, opts)
}

// noticePDFName is the download name of a notice's PDF.
func noticePDFName(n *store.Notice) string {
	if n.Kind == store.NoticeResult {
		return n.DocNumber + "-结果通知.pdf"
	}
	return n.Title + ".pdf"
}

// sendNoticePDF sends a notice's PDF as issued. A notice issued without
// one (the demo's) has it rendered from its stored text and list on first
// request and kept from then on, so it reads the same every time.
func (s *Server) sendNoticePDF(c echo.Context, n *store.Notice, comp *store.Competition) error {
	ctx := c.Request().Context()
	data, err := noticePDF(ctx, s.store, comp, n, s.docOptions())
	if err != nil {
		return err
	}
	if n.PDFSHA256 == nil {
		if err := s.store.SetNoticePDF(ctx, n.ID, data); err != nil {
			return err
		}
	}
	return sendDownload(c, noticePDFName(n), "application/pdf", data)
}

// handleNoticePDF sends the office a notice's PDF.
func (s *Server) handleNoticePDF(c echo.Context) error {
	n, comp, err := s.loadNotice(c)
	if err != nil {
		return err
	}
	return s.sendNoticePDF(c, n, comp)
}

// periodStart is when a 公示 starting on day opens: the start of the day,
// or now when that is later.
func periodStart(day, now time.Time) time.Time {
	if day.Before(now) {
		return now
	}
	return day
}
