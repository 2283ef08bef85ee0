package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// NoticeKind is what a public notice announces.
type NoticeKind string

// Notice kinds.
const (
	NoticePublicity NoticeKind = "publicity" // 公示: the proposed list, open to objections for a period
	NoticeResult    NoticeKind = "result"    // the published result (结果公告), with its 发文字号
)

// Label is the kind's Chinese name.
func (k NoticeKind) Label() string {
	if k == NoticeResult {
		return "结果公告"
	}
	return "公示"
}

// NoticeStatus says whether a notice stands.
type NoticeStatus string

// Notice statuses.
const (
	NoticeActive    NoticeStatus = "active"    // stands (a 公示 may be running or over)
	NoticeWithdrawn NoticeStatus = "withdrawn" // withdrawn by the office, with a reason
)

// Notice is a public notice of a competition: a 公示 of the proposed winners
// or the published result. The list it shows is frozen in EntriesJSON.
type Notice struct {
	ID            int64
	CompetitionID int64
	Kind          NoticeKind
	Title         string
	Body          string
	DocNumber     string // 发文字号 (result notices)
	Issuer        string // 发文机关
	// StartsAt and EndsAt bound a 公示 (objections are accepted in
	// [StartsAt, EndsAt)); WorkingDays is its length.
	StartsAt       time.Time
	EndsAt         time.Time
	WorkingDays    int
	ContactName    string
	ContactPhone   string
	ContactAddress string
	ContactEmail   string
	// CalendarNote records the holidays and make-up days the period was
	// counted with.
	CalendarNote string
	EntriesJSON  string
	// Addressees are the result notice's 主送机关.
	Addressees string
	// PDFSHA256 names the PDF as issued, kept in blobs (nil: none).
	PDFSHA256      *string `gorm:"column:pdf_sha256"`
	Status         NoticeStatus
	WithdrawReason string
	CreatedBy      int64
	CreatedAt      time.Time
	Version        int64
}

// TableName binds Notice to its table.
func (Notice) TableName() string { return "notices" }

// NoticeEntry is one dossier on a notice's list.
type NoticeEntry struct {
	DossierID int64  `json:"dossier_id"`
	Key       string `json:"key"`
	Title     string `json:"title"`
	Chain     string `json:"chain"`
	Cluster   string `json:"cluster"`
	City      string `json:"city"`
	Rank      int    `json:"rank"`
	Score     string `json:"score"`
	// CoreArea and CollabAreas name the core area (核心区) and the
	// collaborative areas (协同区).
	CoreArea    string   `json:"core_area"`
	CollabAreas []string `json:"collab_areas,omitempty"`
}

// Entries decodes the notice's list.
func (n Notice) Entries() ([]NoticeEntry, error) {
	var out []NoticeEntry
	if n.EntriesJSON == "" {
		return nil, nil
	}
	if err := json.Unmarshal([]byte(n.EntriesJSON), &out); err != nil {
		return nil, fmt.Errorf("decode notice %d entries: %w", n.ID, err)
	}
	return out, nil
}

// HasDossier reports whether the dossier is on the notice's list.
func (n Notice) HasDossier(dossierID int64) bool {
	es, err := n.Entries()
	if err != nil {
		return false
	}
	for _, e := range es {
		if e.DossierID == dossierID {
			return true
		}
	}
	return false
}

// OpenAt reports whether a 公示 accepts objections at t.
func (n Notice) OpenAt(t time.Time) bool {
	return n.Kind == NoticePublicity && n.Status == NoticeActive && !t.Before(n.StartsAt) && t.Before(n.EndsAt)
}

// LastDay is the last day of a 公示's period (EndsAt is 00:00 of the day
// after it), for "至某日 24 时".
func (n Notice) LastDay() time.Time { return n.EndsAt.Add(-time.Nanosecond) }

// EndedAt reports whether a standing 公示's period is over at t.
func (n Notice) EndedAt(t time.Time) bool {
	return n.Kind == NoticePublicity && n.Status == NoticeActive && !t.Before(n.EndsAt)
}

// NoticeFilter narrows FindNotices; zero fields do not filter.
type NoticeFilter struct {
	CompetitionID int64
	Kind          NoticeKind
	Status        NoticeStatus
}

// FindNotices lists notices, newest first.
func (s *Store) FindNotices(ctx context.Context, f NoticeFilter) ([]Notice, error) {
	q := s.conn(ctx).Model(&Notice{})
	if f.CompetitionID != 0 {
		q = q.Where("competition_id = ?", f.CompetitionID)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var out []Notice
	err := q.Order("id DESC").Find(&out).Error
	return out, err
}

// FindNoticeByID returns one notice.
func (s *Store) FindNoticeByID(ctx context.Context, id int64) (*Notice, error) {
	var n Notice
	if err := s.conn(ctx).First(&n, id).Error; err != nil {
		return nil, translate(err)
	}
	return &n, nil
}

// NewPublicity is a 公示 to start.
type NewPublicity struct {
	CompetitionID  int64
	Title, Body    string
	Issuer         string
	StartsAt       time.Time
	EndsAt         time.Time
	WorkingDays    int
	ContactName    string
	ContactPhone   string
	ContactAddress string
	ContactEmail   string
	CalendarNote   string
	// Entries are the current winners as listed; PDF is the notice as
	// issued (optional).
	Entries []NoticeEntry
	PDF     []byte
}

// sameDossiers reports whether the entries list exactly the winners.
func sameDossiers(entries []NoticeEntry, winners []Winner) bool {
	if len(entries) != len(winners) {
		return false
	}
	want := map[int64]bool{}
	for _, w := range winners {
		want[w.DossierID] = true
	}
	for _, e := range entries {
		if !want[e.DossierID] {
			return false
		}
		delete(want, e.DossierID)
	}
	return len(want) == 0
}

// putPDF keeps a notice's PDF in blobs and returns its sum (nil for none).
func (s *Store) putPDF(ctx context.Context, pdf []byte) (*string, error) {
	if len(pdf) == 0 {
		return nil, nil
	}
	sum := sha256.Sum256(pdf)
	text := hex.EncodeToString(sum[:])
	if err := s.Blobs().Put(ctx, text, pdf); err != nil {
		return nil, err
	}
	return &text, nil
}

// StartPublicity starts a 公示 of the competition's current winners, which
// np.Entries must list exactly. Only one 公示 stands at a time; the list is
// frozen on the notice and its PDF kept as issued.
func (s *Store) StartPublicity(ctx context.Context, actor Actor, np NewPublicity) (*Notice, error) {
	var out *Notice
	err := s.Tx(ctx, func(tx *Store) error {
		comp, err := tx.FindCompetitionByID(ctx, np.CompetitionID)
		if err != nil {
			return err
		}
		if comp.Status == CompetitionPublished {
			return fmt.Errorf("竞赛结果已公布，不能再公示: %w", ErrConflict)
		}
		standing, err := tx.FindNotices(ctx, NoticeFilter{CompetitionID: comp.ID, Kind: NoticePublicity, Status: NoticeActive})
		if err != nil {
			return err
		}
		if len(standing) > 0 {
			return fmt.Errorf("已有一个公示，请先撤回再重新公示: %w", ErrConflict)
		}
		if !np.EndsAt.After(np.StartsAt) {
			return fmt.Errorf("公示结束时间须晚于开始时间: %w", ErrConflict)
		}
		winners, err := tx.FindWinners(ctx, comp.ID)
		if err != nil {
			return err
		}
		if len(winners) == 0 {
			return fmt.Errorf("尚未确定入选名单，不能公示: %w", ErrConflict)
		}
		entries := np.Entries
		if !sameDossiers(entries, winners) {
			return fmt.Errorf("入选名单已变化，请刷新后重试: %w", ErrConflict)
		}
		pdf, err := tx.putPDF(ctx, np.PDF)
		if err != nil {
			return err
		}
		data, err := json.Marshal(entries)
		if err != nil {
			return fmt.Errorf("encode notice entries: %w", err)
		}
		n := Notice{CompetitionID: comp.ID, Kind: NoticePublicity, Title: strings.TrimSpace(np.Title),
			Body: strings.TrimSpace(np.Body), Issuer: np.Issuer, StartsAt: np.StartsAt.UTC(), EndsAt: np.EndsAt.UTC(),
			WorkingDays: np.WorkingDays, ContactName: np.ContactName, ContactPhone: np.ContactPhone,
			ContactAddress: np.ContactAddress, ContactEmail: np.ContactEmail, CalendarNote: np.CalendarNote,
			EntriesJSON: string(data), PDFSHA256: pdf, Status: NoticeActive, CreatedBy: actorID(actor), CreatedAt: tx.Now(),
			Version: 1}
		if err := tx.conn(ctx).Create(&n).Error; err != nil {
			return fmt.Errorf("create notice: %w", translate(err))
		}
		out = &n
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "notice.publicity", Entity: "notice", EntityID: n.ID,
			After: map[string]any{"competition": comp.ID, "title": n.Title, "starts_at": n.StartsAt, "ends_at": n.EndsAt,
				"working_days": n.WorkingDays, "entries": entries}})
	})
	return out, err
}

// WithdrawNotice withdraws a standing 公示 with a reason (e.g. to correct
// the list); its objections keep their records.
func (s *Store) WithdrawNotice(ctx context.Context, actor Actor, id, version int64, reason string) error {
	reason = strings.TrimSpace(reason)
	return s.Tx(ctx, func(tx *Store) error {
		n, err := tx.FindNoticeByID(ctx, id)
		if err != nil {
			return err
		}
		switch {
		case n.Kind != NoticePublicity:
			return fmt.Errorf("结果公告已发布，不能撤回: %w", ErrConflict)
		case n.Status != NoticeActive:
			return fmt.Errorf("该公示已撤回: %w", ErrConflict)
		case reason == "":
			return fmt.Errorf("请写明撤回公示的理由: %w", ErrConflict)
		}
		comp, err := tx.FindCompetitionByID(ctx, n.CompetitionID)
		if err != nil {
			return err
		}
		if comp.Status == CompetitionPublished {
			return fmt.Errorf("竞赛结果已公布，公示不能撤回: %w", ErrConflict)
		}
		res := tx.conn(ctx).Model(&Notice{}).Where("id = ? AND version = ?", id, version).
			Updates(map[string]any{"status": NoticeWithdrawn, "withdraw_reason": reason, "version": version + 1})
		if res.Error != nil {
			return fmt.Errorf("withdraw notice: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "notice.withdraw", Entity: "notice", EntityID: id,
			Before: map[string]any{"status": n.Status}, After: map[string]any{"status": NoticeWithdrawn}, Reason: reason})
	})
}

// NewResultNotice is the result notice to publish.
type NewResultNotice struct {
	CompetitionID int64
	Title, Body   string
	Issuer        string
	DocNumber     string
	Addressees    string
	// Document renders the notice's PDF from the notice as it will be
	// issued (optional).
	Document func(n *Notice, entries []NoticeEntry) ([]byte, error)
}

// PublishResult publishes a competition's final result once its 公示 is
// over and every objection has been handled: the result notice lists the
// winners (who must all have been on the 公示) under its 发文字号, and the
// competition becomes published.
func (s *Store) PublishResult(ctx context.Context, actor Actor, nr NewResultNotice) (*Notice, error) {
	nr.DocNumber = strings.TrimSpace(nr.DocNumber)
	var out *Notice
	err := s.Tx(ctx, func(tx *Store) error {
		comp, err := tx.FindCompetitionByID(ctx, nr.CompetitionID)
		if err != nil {
			return err
		}
		if comp.Status == CompetitionPublished {
			return fmt.Errorf("竞赛结果已公布: %w", ErrConflict)
		}
		if nr.DocNumber == "" {
			return fmt.Errorf("请填写发文字号: %w", ErrConflict)
		}
		pubs, err := tx.FindNotices(ctx, NoticeFilter{CompetitionID: comp.ID, Kind: NoticePublicity, Status: NoticeActive})
		if err != nil {
			return err
		}
		if len(pubs) == 0 {
			return fmt.Errorf("入选名单尚未公示，不能公布结果: %w", ErrConflict)
		}
		p := pubs[0]
		now := tx.Now()
		if !p.EndedAt(now) {
			return fmt.Errorf("公示期尚未结束，公示结束后才能公布结果: %w", ErrConflict)
		}
		pending, err := tx.FindObjections(ctx, ObjectionFilter{NoticeID: p.ID, Status: ObjectionPending})
		if err != nil {
			return err
		}
		if len(pending) > 0 {
			return fmt.Errorf("还有 %d 件异议尚未处理，处理完毕后才能公布结果: %w", len(pending), ErrConflict)
		}
		winners, err := tx.FindWinners(ctx, comp.ID)
		if err != nil {
			return err
		}
		if len(winners) == 0 {
			return fmt.Errorf("入选名单为空，不能公布结果: %w", ErrConflict)
		}
		listed, err := p.Entries()
		if err != nil {
			return err
		}
		isWinner := map[int64]bool{}
		for _, w := range winners {
			if !p.HasDossier(w.DossierID) {
				return fmt.Errorf("入选名单中有未经公示的申报，须重新公示: %w", ErrConflict)
			}
			isWinner[w.DossierID] = true
		}
		var entries []NoticeEntry
		for _, e := range listed {
			if isWinner[e.DossierID] {
				entries = append(entries, e)
			}
		}
		data, err := json.Marshal(entries)
		if err != nil {
			return fmt.Errorf("encode notice entries: %w", err)
		}
		n := Notice{CompetitionID: comp.ID, Kind: NoticeResult, Title: strings.TrimSpace(nr.Title),
			Body: strings.TrimSpace(nr.Body), Issuer: nr.Issuer, DocNumber: nr.DocNumber, StartsAt: now, EndsAt: now,
			ContactName: p.ContactName, ContactPhone: p.ContactPhone, ContactAddress: p.ContactAddress,
			ContactEmail: p.ContactEmail, EntriesJSON: string(data), Addressees: strings.TrimSpace(nr.Addressees),
			Status: NoticeActive, CreatedBy: actorID(actor), CreatedAt: now, Version: 1}
		if nr.Document != nil {
			doc, err := nr.Document(&n, entries)
			if err != nil {
				return fmt.Errorf("render result notice: %w", err)
			}
			if n.PDFSHA256, err = tx.putPDF(ctx, doc); err != nil {
				return err
			}
		}
		if err := tx.conn(ctx).Create(&n).Error; err != nil {
			return fmt.Errorf("create result notice: %w", translate(err))
		}
		if err := tx.conn(ctx).Model(&Competition{}).Where("id = ?", comp.ID).Updates(map[string]any{
			"status": CompetitionPublished, "version": comp.Version + 1, "updated_at": now}).Error; err != nil {
			return fmt.Errorf("mark competition published: %w", err)
		}
		out = &n
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "result.publish", Entity: "competition", EntityID: comp.ID,
			Before: map[string]any{"status": comp.Status},
			After: map[string]any{"status": CompetitionPublished, "notice": n.ID, "doc_number": n.DocNumber,
				"publicity": p.ID, "winners": entries}})
	})
	return out, err
}

// SetNoticePDF keeps the PDF of a notice that was issued without one (the
// demo's); a notice's PDF, once kept, never changes.
func (s *Store) SetNoticePDF(ctx context.Context, id int64, pdf []byte) error {
	return s.Tx(ctx, func(tx *Store) error {
		sum, err := tx.putPDF(ctx, pdf)
		if err != nil {
			return err
		}
		res := tx.conn(ctx).Model(&Notice{}).Where("id = ? AND pdf_sha256 IS NULL", id).Update("pdf_sha256", sum)
		if res.Error != nil {
			return fmt.Errorf("keep notice pdf: %w", res.Error)
		}
		return nil
	})
}
