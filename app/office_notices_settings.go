package app

import (
	"context"
	"fmt"
	"strings"

	"chainjudge/app/results"
	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// Office settings the notices use, kept in the settings table.
const (
	settingIssuer         = "notice.issuer"
	settingDocPrefix      = "notice.doc_prefix"
	settingContactName    = "notice.contact_name"
	settingContactPhone   = "notice.contact_phone"
	settingContactAddress = "notice.contact_address"
	settingContactEmail   = "notice.contact_email"
	settingHolidays       = "calendar.holidays"
	settingWorkdays       = "calendar.workdays"
)

// Defaults of the notice settings.
const (
	defaultIssuer    = "江苏省制造强省建设领导小组办公室"
	defaultDocPrefix = "苏制强办"
)

// noticeSettings are the office's notice settings.
type noticeSettings struct {
	Issuer         string
	DocPrefix      string
	ContactName    string
	ContactPhone   string
	ContactAddress string
	ContactEmail   string
	// Holidays and Workdays are the dates, one per line, the working days
	// of a 公示 are counted with.
	Holidays string
	Workdays string
}

// loadNoticeSettings reads the settings with their defaults.
func (s *Server) loadNoticeSettings(ctx context.Context) (noticeSettings, error) {
	var ns noticeSettings
	for _, f := range []struct {
		key, def string
		dst      *string
	}{
		{settingIssuer, defaultIssuer, &ns.Issuer}, {settingDocPrefix, defaultDocPrefix, &ns.DocPrefix},
		{settingContactName, "", &ns.ContactName}, {settingContactPhone, "", &ns.ContactPhone},
		{settingContactAddress, "", &ns.ContactAddress}, {settingContactEmail, "", &ns.ContactEmail},
		{settingHolidays, "", &ns.Holidays}, {settingWorkdays, "", &ns.Workdays},
	} {
		v, err := s.store.Setting(ctx, f.key, f.def)
		if err != nil {
			return ns, fmt.Errorf("setting %s: %w", f.key, err)
		}
		*f.dst = v
	}
	return ns, nil
}

// calendar is the working-day calendar of the settings.
func (ns noticeSettings) calendar() results.Calendar {
	h, _ := results.ParseDates(ns.Holidays)
	w, _ := results.ParseDates(ns.Workdays)
	return results.NewCalendar(h, w)
}

// calendarNote records the calendar a period was counted with.
func (ns noticeSettings) calendarNote() string {
	h, _ := results.ParseDates(ns.Holidays)
	w, _ := results.ParseDates(ns.Workdays)
	note := "按周一至周五计算工作日"
	if len(h) > 0 {
		note += "，节假日：" + strings.Join(h, "、")
	}
	if len(w) > 0 {
		note += "，调休上班日：" + strings.Join(w, "、")
	}
	return note
}

// handleNoticeSettings saves the notice settings: the issuing office, the
// 发文字号 prefix, the default contact and the holiday calendar.
func (s *Server) handleNoticeSettings(c echo.Context) error {
	ctx := c.Request().Context()
	back := trimmed(c, "back")
	if safeNext(back) == "" {
		back = "/office/results"
	}
	ns := noticeSettings{Issuer: trimmed(c, "issuer"), DocPrefix: trimmed(c, "doc_prefix"),
		ContactName: trimmed(c, "contact_name"), ContactPhone: trimmed(c, "contact_phone"),
		ContactAddress: trimmed(c, "contact_address"), ContactEmail: trimmed(c, "contact_email")}
	errs := FieldErrors{}
	if ns.Issuer == "" {
		errs.Add("issuer", "请填写发文机关")
	}
	if ns.DocPrefix == "" {
		errs.Add("doc_prefix", "请填写发文机关代字，如“苏制强办”")
	}
	h, err := results.ParseDates(c.FormValue("holidays"))
	if err != nil {
		errs.Add("holidays", "节假日："+err.Error())
	}
	w, err := results.ParseDates(c.FormValue("workdays"))
	if err != nil {
		errs.Add("workdays", "调休上班日："+err.Error())
	}
	if errs.Any() {
		return redirectWith(c, back, "error", "设置未保存："+joinMessages(errs))
	}
	ns.Holidays, ns.Workdays = strings.Join(h, "\n"), strings.Join(w, "\n")
	actor := store.UserActor(currentUser(c))
	old, err := s.loadNoticeSettings(ctx)
	if err != nil {
		return err
	}
	for _, f := range []struct{ key, old, new string }{
		{settingIssuer, old.Issuer, ns.Issuer}, {settingDocPrefix, old.DocPrefix, ns.DocPrefix},
		{settingContactName, old.ContactName, ns.ContactName}, {settingContactPhone, old.ContactPhone, ns.ContactPhone},
		{settingContactAddress, old.ContactAddress, ns.ContactAddress}, {settingContactEmail, old.ContactEmail, ns.ContactEmail},
		{settingHolidays, old.Holidays, ns.Holidays}, {settingWorkdays, old.Workdays, ns.Workdays},
	} {
		if f.old == f.new {
			continue
		}
		if err := s.store.PutSetting(ctx, actor, f.key, f.new); err != nil {
			return err
		}
	}
	return redirectWith(c, back, "", "公示与发文设置已保存。")
}
