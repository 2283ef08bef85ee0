package app

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"chainjudge/app/store"
	"chainjudge/templates"

	"github.com/labstack/echo/v4"
)

type auditPage struct {
	Entries  []store.AuditEntry
	Total    int64
	Filter   store.AuditFilter
	Page     int
	NextPage int
	PrevPage int
	// Users are the accounts the actor filter offers; From and To the
	// date range as typed; Query the filter as a query string for paging.
	Users    []store.User
	From, To string
	Query    template.URL
	Errors   FieldErrors
}

const auditPageSize = 50

// handleAuditList shows the audit log, newest first, filtered by entity,
// entity id, action prefix, actor and date range (days in China Standard
// Time, both inclusive).
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
	errs := FieldErrors{}
	from, to := strings.TrimSpace(c.QueryParam("from")), strings.TrimSpace(c.QueryParam("to"))
	if from != "" {
		if d, err := time.ParseInLocation("2006-01-02", from, templates.Location()); err == nil {
			f.From = d
		} else {
			errs.Add("from", "起始日期格式有误")
		}
	}
	if to != "" {
		if d, err := time.ParseInLocation("2006-01-02", to, templates.Location()); err == nil {
			f.To = d.AddDate(0, 0, 1) // through the whole day
		} else {
			errs.Add("to", "截止日期格式有误")
		}
	}
	q := url.Values{}
	for k, v := range map[string]string{"entity": f.Entity, "entity_id": f.EntityID, "action": f.Action, "from": from, "to": to} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f.ActorID != 0 {
		q.Set("actor", strconv.FormatInt(f.ActorID, 10))
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
	users, err := s.store.FindUsers(c.Request().Context(), store.UserFilter{})
	if err != nil {
		return err
	}
	p := auditPage{Entries: entries, Total: total, Filter: f, Page: pageNo, Users: users, From: from, To: to,
		Query: template.URL(q.Encode()), Errors: errs}
	if int64(f.Offset+len(entries)) < total {
		p.NextPage = pageNo + 1
	}
	if pageNo > 1 {
		p.PrevPage = pageNo - 1
	}
	return s.render(c, http.StatusOK, "office_audit.html", "审计日志", p)
}
