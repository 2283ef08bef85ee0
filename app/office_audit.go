package app

import (
	"net/http"
	"strconv"
	"strings"

	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

type auditPage struct {
	Entries  []store.AuditEntry
	Total    int64
	Filter   store.AuditFilter
	Page     int
	NextPage int
	PrevPage int
}

const auditPageSize = 50

// handleAuditList shows the audit log, newest first, filtered by entity,
// entity id, action prefix and actor.
func (s *Server) handleAuditList(c echo.Context) error {
	f := store.AuditFilter{
		Entity:   strings.TrimSpace(c.QueryParam("entity")),
		EntityID: strings.TrimSpace(c.QueryParam("entity_id")),
		Action:   strings.TrimSpace(c.QueryParam("action")),
		Limit:    auditPageSize,
	}
	if v, err := strconv.ParseInt(c.QueryParam("actor"), 10, 64); err == nil {
		f.ActorID = v
	}
	pageNo, _ := strconv.Atoi(c.QueryParam("page"))
	if pageNo < 1 {
		pageNo = 1
	}
	f.Offset = (pageNo - 1) * auditPageSize
	entries, total, err := s.store.FindAuditEntries(c.Request().Context(), f)
	if err != nil {
		return err
	}
	p := auditPage{Entries: entries, Total: total, Filter: f, Page: pageNo}
	if int64(f.Offset+len(entries)) < total {
		p.NextPage = pageNo + 1
	}
	if pageNo > 1 {
		p.PrevPage = pageNo - 1
	}
	return s.render(c, http.StatusOK, "office_audit.html", "审计日志", p)
}
