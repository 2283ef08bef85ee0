package app

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"chainjudge/app/results"
	"chainjudge/app/store"
	"chainjudge/templates"

	"github.com/labstack/echo/v4"
)

// defaultAddressees are the usual 主送机关 of the result notice.
const defaultAddressees = "各设区市制造强省建设领导小组办公室，省有关部门和单位"

// noticesPage is a competition's 公示 and publication page.
type noticesPage struct {
	Competition store.Competition
	Settings    noticeSettings
	Notices     []store.Notice
	Winners     []store.Winner
	// Standing is the 公示 that stands, if any; Ended says its period is over.
	Standing *store.Notice
	Ended    bool
	Pending  int
	// Publicity is the form to start a 公示; Publish the form to publish.
	Publicity publicityForm
	Publish   publishForm
	Errors    FieldErrors
	Published bool
	Back      string
}

// publicityForm starts a 公示.
type publicityForm struct {
	Title, Body                                             string
	StartDate                                               string // 2006-01-02
	Days                                                    int
	ContactName, ContactPhone, ContactAddress, ContactEmail string
}

// publishForm publishes the result.
type publishForm struct {
	Title, Body, DocNumber, Addressees string
}

// handleNoticesPage shows the competition's notices and the forms to start a
// 公示 and to publish the result.
func (s *Server) handleNoticesPage(c echo.Context) error {
	comp, _, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	return s.noticesPage(c, http.StatusOK, comp, nil, nil, nil)
}

func (s *Server) noticesPage(c echo.Context, status int, comp *store.Competition, pf *publicityForm, rf *publishForm, errs FieldErrors) error {
	ctx := c.Request().Context()
	ns, err := s.loadNoticeSettings(ctx)
	if err != nil {
		return err
	}
	p := noticesPage{Competition: *comp, Settings: ns, Errors: errs, Published: comp.Status == store.CompetitionPublished,
		Back: fmt.Sprintf("/office/competitions/%d/notices", comp.ID)}
	if p.Notices, err = s.store.FindNotices(ctx, store.NoticeFilter{CompetitionID: comp.ID}); err != nil {
		return err
	}
	if p.Winners, err = s.store.FindWinners(ctx, comp.ID); err != nil {
		return err
	}
	for i := range p.Notices {
		n := &p.Notices[i]
		if n.Kind == store.NoticePublicity && n.Status == store.NoticeActive {
			p.Standing = n
			p.Ended = n.EndedAt(s.now())
			pending, err := s.store.FindObjections(ctx, store.ObjectionFilter{NoticeID: n.ID, Status: store.ObjectionPending})
			if err != nil {
				return err
			}
			p.Pending = len(pending)
		}
	}
	if pf == nil {
		pf = &publicityForm{Title: "关于" + comp.Name + "拟入选名单的公示", StartDate: s.now().In(templates.Location()).Format("2006-01-02"),
			Days: results.DefaultNoticeDays, ContactName: ns.ContactName, ContactPhone: ns.ContactPhone,
			ContactAddress: ns.ContactAddress, ContactEmail: ns.ContactEmail,
			Body: "经申报、形式审查、专家评审、实地考察和遴选答辩，现将拟入选名单予以公示。公示期间，任何单位和个人对名单有异议的，" +
				"可在公示期内实名提出，写明异议理由并提供必要的证明材料；以单位名义提出的须加盖单位公章。匿名异议和超出公示期的异议不予受理。"}
	}
	p.Publicity = *pf
	if rf == nil {
		n, err := s.nextDocNumber(ctx, comp, ns)
		if err != nil {
			return err
		}
		rf = &publishForm{Title: "关于公布" + comp.Name + "结果的通知", DocNumber: n, Addressees: defaultAddressees,
			Body: "经申报、评审、公示，现将" + comp.Name + "入选名单予以公布（名单见附件）。"}
	}
	p.Publish = *rf
	return s.render(c, status, "office_notices.html", comp.Name+" · 公示与公布", p)
}

// nextDocNumber proposes the next 发文字号: prefix〔year〕n号, n counting the
// result notices already issued this year.
func (s *Server) nextDocNumber(ctx context.Context, comp *store.Competition, ns noticeSettings) (string, error) {
	all, err := s.store.FindNotices(ctx, store.NoticeFilter{Kind: store.NoticeResult})
	if err != nil {
		return "", err
	}
	year := s.now().In(templates.Location()).Year()
	n := 1
	for _, x := range all {
		if x.CreatedAt.In(templates.Location()).Year() == year {
			n++
		}
	}
	return fmt.Sprintf("%s〔%d〕%d号", ns.DocPrefix, year, n), nil
}

// handlePublicityStart starts a 公示 of the current winners; the end of the
// period is counted in working days on the office's calendar.
func (s *Server) handlePublicityStart(c echo.Context) error {
	comp, _, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	pf := publicityForm{Title: trimmed(c, "title"), Body: trimmed(c, "body"), StartDate: trimmed(c, "start_date"),
		ContactName: trimmed(c, "contact_name"), ContactPhone: trimmed(c, "contact_phone"),
		ContactAddress: trimmed(c, "contact_address"), ContactEmail: trimmed(c, "contact_email")}
	errs := FieldErrors{}
	days, err := strconv.Atoi(trimmed(c, "days"))
	if err != nil || days < 1 || days > 30 {
		errs.Add("days", "公示期应为 1–30 个工作日（通常为 5 个工作日）")
	}
	pf.Days = days
	start, err := time.ParseInLocation("2006-01-02", pf.StartDate, templates.Location())
	now := s.now().In(templates.Location())
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, templates.Location())
	switch {
	case err != nil:
		errs.Add("start_date", "请填写公示开始日期")
	case start.Before(today):
		errs.Add("start_date", "公示开始日期不能早于今天")
	}
	if pf.Title == "" {
		errs.Add("title", "请填写公示标题")
	}
	if pf.ContactName == "" || pf.ContactPhone == "" {
		errs.Add("contact", "请填写联系人和联系电话，以便公众实名反映情况")
	}
	if errs.Any() {
		return s.noticesPage(c, http.StatusUnprocessableEntity, comp, &pf, nil, errs)
	}
	ns, err := s.loadNoticeSettings(ctx)
	if err != nil {
		return err
	}
	winners, err := s.store.FindWinners(ctx, comp.ID)
	if err != nil {
		return err
	}
	if len(winners) == 0 {
		return fmt.Errorf("尚未确定入选名单，不能公示: %w", store.ErrConflict)
	}
	entries, err := s.store.WinnerEntries(ctx, comp.ID, winners)
	if err != nil {
		return err
	}
	ends := ns.calendar().PeriodEnd(start, days)
	np := store.NewPublicity{CompetitionID: comp.ID, Title: pf.Title, Body: pf.Body, Issuer: ns.Issuer,
		StartsAt: periodStart(start, s.now()), EndsAt: ends, WorkingDays: days, ContactName: pf.ContactName,
		ContactPhone: pf.ContactPhone, ContactAddress: pf.ContactAddress, ContactEmail: pf.ContactEmail,
		CalendarNote: ns.calendarNote(), Entries: entries}
	draft := store.Notice{Kind: store.NoticePublicity, Title: np.Title, Body: np.Body, Issuer: np.Issuer,
		StartsAt: np.StartsAt, EndsAt: np.EndsAt, WorkingDays: days, ContactName: np.ContactName,
		ContactPhone: np.ContactPhone, ContactAddress: np.ContactAddress, ContactEmail: np.ContactEmail}
	if np.PDF, err = publicityDocument(comp, &draft, entries, s.docOptions()); err != nil {
		return fmt.Errorf("render 公示: %w", err)
	}
	n, err := s.store.StartPublicity(ctx, store.UserActor(currentUser(c)), np)
	if err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/notices/%d", n.ID), "",
		fmt.Sprintf("公示已发布，公示期 %d 个工作日，至 %s 24 时结束。", days, templates.FormatDate(ends.Add(-time.Nanosecond))))
}

// handleResultPublish publishes the final result after the 公示.
func (s *Server) handleResultPublish(c echo.Context) error {
	comp, _, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	rf := publishForm{Title: trimmed(c, "title"), Body: trimmed(c, "body"), DocNumber: trimmed(c, "doc_number"),
		Addressees: trimmed(c, "addressees")}
	errs := FieldErrors{}
	if rf.Title == "" {
		errs.Add("pub_title", "请填写公告标题")
	}
	if _, err := parseDocNumber(rf.DocNumber); err != nil {
		errs.Add("doc_number", err.Error())
	}
	if rf.Addressees == "" {
		errs.Add("addressees", "请填写主送机关")
	}
	if errs.Any() {
		return s.noticesPage(c, http.StatusUnprocessableEntity, comp, nil, &rf, errs)
	}
	ns, err := s.loadNoticeSettings(ctx)
	if err != nil {
		return err
	}
	n, err := s.store.PublishResult(ctx, store.UserActor(currentUser(c)), store.NewResultNotice{CompetitionID: comp.ID,
		Title: rf.Title, Body: rf.Body, Issuer: ns.Issuer, DocNumber: rf.DocNumber, Addressees: rf.Addressees,
		Document: func(n *store.Notice, entries []store.NoticeEntry) ([]byte, error) {
			return resultDocument(comp, n, entries, s.docOptions())
		}})
	if err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/notices/%d", n.ID), "", "结果已公布（"+n.DocNumber+"），公开页面已显示入选名单。")
}
