package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"chainjudge/templates"
)

// ObjectionStatus is where an objection is.
type ObjectionStatus string

// Objection statuses.
const (
	ObjectionPending   ObjectionStatus = "pending"   // received, not yet handled
	ObjectionAccepted  ObjectionStatus = "accepted"  // upheld (成立)
	ObjectionDismissed ObjectionStatus = "dismissed" // not upheld (不成立)
)

// Label is the status's Chinese name.
func (s ObjectionStatus) Label() string {
	switch s {
	case ObjectionPending:
		return "待处理"
	case ObjectionAccepted:
		return "异议成立"
	case ObjectionDismissed:
		return "异议不成立"
	}
	return string(s)
}

// Objection is an objection raised against a dossier on a 公示 by an
// identified person or unit, with optional evidence and the office's
// handling record.
type Objection struct {
	ID        int64
	NoticeID  int64
	DossierID int64
	Name      string
	Unit      string
	Phone     string
	Email     string
	Reason    string
	// Evidence is kept in blobs under EvidenceSHA256 (nil: none).
	EvidenceSHA256 *string
	EvidenceName   string
	EvidenceKind   string
	EvidenceSize   int64
	RemoteAddr     string
	SubmittedAt    time.Time
	Status         ObjectionStatus
	// HandlingReason says why the objection was upheld or not; ReReview
	// records any re-review (复核) and its outcome.
	HandlingReason string
	ReReview       string
	HandledBy      *int64
	HandledAt      *time.Time
	Version        int64
}

// TableName binds Objection to its table.
func (Objection) TableName() string { return "objections" }

// EvidenceFile is an uploaded evidence file, already sniffed and hashed.
type EvidenceFile struct {
	Name   string
	Kind   string
	SHA256 string
	Data   []byte
}

// NewObjection is an objection as submitted on the public page.
type NewObjection struct {
	NoticeID   int64
	DossierID  int64
	Name       string
	Unit       string
	Phone      string
	Email      string
	Reason     string
	Evidence   *EvidenceFile
	RemoteAddr string
}

// SubmitObjection records an objection while the 公示 accepts them (checked
// against the store's clock inside the transaction) against a dossier on its
// list; the evidence is stored with it.
func (s *Store) SubmitObjection(ctx context.Context, no NewObjection) (*Objection, error) {
	var out *Objection
	err := s.Tx(ctx, func(tx *Store) error {
		n, err := tx.FindNoticeByID(ctx, no.NoticeID)
		if err != nil {
			return err
		}
		now := tx.Now()
		switch {
		case n.Kind != NoticePublicity || n.Status != NoticeActive:
			return fmt.Errorf("该公示已撤回或不接受异议: %w", ErrConflict)
		case now.Before(n.StartsAt):
			return fmt.Errorf("公示期自 %s 开始，尚不接受异议: %w", templates.FormatDateTime(n.StartsAt), ErrConflict)
		case !now.Before(n.EndsAt):
			return fmt.Errorf("公示期已于 %s 24 时结束，逾期提出的异议不予受理: %w", templates.FormatDate(n.LastDay()), ErrConflict)
		case !n.HasDossier(no.DossierID):
			return fmt.Errorf("所选申报不在本次公示名单中: %w", ErrConflict)
		}
		o := Objection{NoticeID: n.ID, DossierID: no.DossierID, Name: strings.TrimSpace(no.Name),
			Unit: strings.TrimSpace(no.Unit), Phone: strings.TrimSpace(no.Phone), Email: strings.TrimSpace(no.Email),
			Reason: strings.TrimSpace(no.Reason), RemoteAddr: no.RemoteAddr, SubmittedAt: now,
			Status: ObjectionPending, Version: 1}
		if ev := no.Evidence; ev != nil {
			if err := tx.Blobs().Put(ctx, ev.SHA256, ev.Data); err != nil {
				return err
			}
			sum := ev.SHA256
			o.EvidenceSHA256, o.EvidenceName, o.EvidenceKind, o.EvidenceSize = &sum, ev.Name, ev.Kind, int64(len(ev.Data))
		}
		if err := tx.conn(ctx).Create(&o).Error; err != nil {
			return fmt.Errorf("record objection: %w", translate(err))
		}
		out = &o
		// The audit log names the objector and unit but not the phone or
		// e-mail, which only the office's handling page shows.
		return tx.Audit(ctx, AuditRecord{Actor: Actor{Name: "公众：" + o.Name + "（" + o.Unit + "）"},
			Action: "objection.submit", Entity: "objection", EntityID: o.ID,
			After: map[string]any{"notice": n.ID, "dossier": o.DossierID, "name": o.Name, "unit": o.Unit,
				"evidence": o.EvidenceSHA256, "reason": o.Reason}})
	})
	return out, err
}

// ObjectionFilter narrows FindObjections; zero fields do not filter.
type ObjectionFilter struct {
	NoticeID      int64
	CompetitionID int64
	Status        ObjectionStatus
}

// FindObjections lists objections, oldest first.
func (s *Store) FindObjections(ctx context.Context, f ObjectionFilter) ([]Objection, error) {
	q := s.conn(ctx).Model(&Objection{})
	if f.NoticeID != 0 {
		q = q.Where("notice_id = ?", f.NoticeID)
	}
	if f.CompetitionID != 0 {
		q = q.Where("notice_id IN (SELECT id FROM notices WHERE competition_id = ?)", f.CompetitionID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var out []Objection
	err := q.Order("id").Find(&out).Error
	return out, err
}

// FindObjectionByID returns one objection.
func (s *Store) FindObjectionByID(ctx context.Context, id int64) (*Objection, error) {
	var o Objection
	if err := s.conn(ctx).First(&o, id).Error; err != nil {
		return nil, translate(err)
	}
	return &o, nil
}

// ObjectionHandling is the office's decision on an objection.
type ObjectionHandling struct {
	Version  int64
	Status   ObjectionStatus // accepted or dismissed
	Reason   string
	ReReview string
}

// HandleObjection records (or, before publication, revises) the office's
// decision on an objection, with the reasons and any re-review.
func (s *Store) HandleObjection(ctx context.Context, actor Actor, id int64, h ObjectionHandling) error {
	h.Reason, h.ReReview = strings.TrimSpace(h.Reason), strings.TrimSpace(h.ReReview)
	return s.Tx(ctx, func(tx *Store) error {
		o, err := tx.FindObjectionByID(ctx, id)
		if err != nil {
			return err
		}
		n, err := tx.FindNoticeByID(ctx, o.NoticeID)
		if err != nil {
			return err
		}
		comp, err := tx.FindCompetitionByID(ctx, n.CompetitionID)
		if err != nil {
			return err
		}
		switch {
		case comp.Status == CompetitionPublished:
			return fmt.Errorf("竞赛结果已公布，异议处理记录不能再修改: %w", ErrConflict)
		case h.Status != ObjectionAccepted && h.Status != ObjectionDismissed:
			return fmt.Errorf("请选择异议是否成立: %w", ErrConflict)
		case h.Reason == "":
			return fmt.Errorf("请写明处理理由: %w", ErrConflict)
		}
		now := tx.Now()
		res := tx.conn(ctx).Model(&Objection{}).Where("id = ? AND version = ?", id, h.Version).Updates(map[string]any{
			"status": h.Status, "handling_reason": h.Reason, "re_review": h.ReReview, "handled_by": actor.UserID,
			"handled_at": now, "version": h.Version + 1})
		if res.Error != nil {
			return fmt.Errorf("handle objection: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("该异议的处理记录已被他人修改，请刷新后重试: %w", ErrConflict)
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "objection.handle", Entity: "objection", EntityID: id,
			Before: map[string]any{"status": o.Status, "reason": o.HandlingReason, "re_review": o.ReReview},
			After:  map[string]any{"status": h.Status, "re_review": h.ReReview, "dossier": o.DossierID},
			Reason: h.Reason})
	})
}
