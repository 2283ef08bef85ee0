package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Decision is the office's formal-check (形式审查) decision on a dossier.
type Decision string

// The decisions.
const (
	DecisionPass   Decision = "pass"   // 通过: the dossier enters the first stage
	DecisionReturn Decision = "return" // 退回补正: the applicant corrects and resubmits by a deadline
	DecisionReject Decision = "reject" // 不予受理
)

// Decisions lists every decision in display order.
var Decisions = []Decision{DecisionPass, DecisionReturn, DecisionReject}

// Label is the decision's Chinese name.
func (d Decision) Label() string {
	switch d {
	case DecisionPass:
		return "通过"
	case DecisionReturn:
		return "退回补正"
	case DecisionReject:
		return "不予受理"
	}
	return string(d)
}

// Status is the dossier status the decision leads to.
func (d Decision) Status() DossierStatus {
	switch d {
	case DecisionPass:
		return DossierPassed
	case DecisionReturn:
		return DossierReturned
	case DecisionReject:
		return DossierRejected
	}
	return ""
}

// from lists the statuses a decision may be taken on. Passing needs a
// submitted dossier (or reverses a rejection); returning and rejecting may
// also reverse an earlier decision; a returned dossier the applicant did not
// correct in time may be rejected.
func (d Decision) from() []DossierStatus {
	switch d {
	case DecisionPass:
		return []DossierStatus{DossierSubmitted, DossierRejected}
	case DecisionReturn:
		return []DossierStatus{DossierSubmitted, DossierPassed, DossierRejected}
	case DecisionReject:
		return []DossierStatus{DossierSubmitted, DossierPassed, DossierReturned}
	}
	return nil
}

// AllowedFrom reports whether the decision may be taken on a dossier in
// status st.
func (d Decision) AllowedFrom(st DossierStatus) bool {
	for _, s := range d.from() {
		if s == st {
			return true
		}
	}
	return false
}

// FormalReview is one recorded decision: who decided what, when and why,
// on which submitted content.
type FormalReview struct {
	ID            int64
	DossierID     int64
	Decision      Decision
	FromStatus    DossierStatus
	Reason        string
	CorrectionDue *time.Time
	ContentHash   string
	ActorID       *int64
	ActorName     string
	CreatedAt     time.Time
}

// TableName binds FormalReview to its table.
func (FormalReview) TableName() string { return "formal_reviews" }

// FormalDecision is what the office decides.
type FormalDecision struct {
	// Version is the dossier version the office saw.
	Version  int64
	Decision Decision
	// Reason is required to return or reject, and to change an earlier
	// decision.
	Reason string
	// CorrectionDue is the correction deadline of a return.
	CorrectionDue *time.Time
}

// DecideFormalCheck records the office's decision on a dossier while its
// filing stage is open: the status follows the decision, a pass enters the
// dossier in the filing stage and a reversed pass takes it out again, and
// the decision is kept in formal_reviews and the audit log.
func (s *Store) DecideFormalCheck(ctx context.Context, actor Actor, id int64, fd FormalDecision) error {
	reason := strings.TrimSpace(fd.Reason)
	return s.Tx(ctx, func(tx *Store) error {
		d, st, err := tx.dossierAndStage(ctx, id)
		if err != nil {
			return err
		}
		now := tx.Now()
		switch {
		case fd.Decision.Status() == "":
			return fmt.Errorf("未知的审查决定“%s”: %w", fd.Decision, ErrConflict)
		case st.Status != StageOpen:
			return fmt.Errorf("“%s”阶段%s，不能再作形式审查决定: %w", st.Name, st.Status.Label(), ErrConflict)
		case !fd.Decision.AllowedFrom(d.Status):
			return fmt.Errorf("申报书当前状态为“%s”，不能“%s”: %w", d.Status.Label(), fd.Decision.Label(), ErrConflict)
		case reason == "" && (fd.Decision != DecisionPass || d.Status != DossierSubmitted):
			return fmt.Errorf("请写明“%s”的理由: %w", fd.Decision.Label(), ErrConflict)
		case fd.Decision == DecisionReturn && (fd.CorrectionDue == nil || !fd.CorrectionDue.After(now)):
			return fmt.Errorf("退回补正须设定晚于当前时间的补正期限: %w", ErrConflict)
		}
		var due *time.Time
		if fd.Decision == DecisionReturn {
			u := fd.CorrectionDue.UTC()
			due = &u
		}
		if err := tx.setDossierStatus(ctx, d, fd.Version, fd.Decision.Status(), due); err != nil {
			return err
		}
		switch {
		case fd.Decision == DecisionPass:
			err = tx.AddStageEntry(ctx, st.ID, id, EntryFormalCheck)
		case d.Status == DossierPassed:
			err = tx.RemoveStageEntry(ctx, st.ID, id)
		}
		if err != nil {
			return fmt.Errorf("stage entry: %w", err)
		}
		r := FormalReview{DossierID: id, Decision: fd.Decision, FromStatus: d.Status, Reason: reason,
			CorrectionDue: due, ContentHash: d.ContentHash, ActorID: actor.UserID, ActorName: actor.Name, CreatedAt: now}
		if r.ActorName == "" {
			r.ActorName = "系统"
		}
		if err := tx.conn(ctx).Create(&r).Error; err != nil {
			return fmt.Errorf("record formal review: %w", err)
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "dossier.formal_check", Entity: "dossier", EntityID: id,
			Before: map[string]any{"status": d.Status},
			After: map[string]any{"status": fd.Decision.Status(), "decision": fd.Decision, "correction_due": due,
				"content_hash": d.ContentHash},
			Reason: reason})
	})
}

// FindFormalReviews lists a dossier's decisions, newest first.
func (s *Store) FindFormalReviews(ctx context.Context, dossierID int64) ([]FormalReview, error) {
	var out []FormalReview
	err := s.conn(ctx).Where("dossier_id = ?", dossierID).Order("id DESC").Find(&out).Error
	return out, err
}

// LatestFormalReviews returns the newest decision of each given dossier.
func (s *Store) LatestFormalReviews(ctx context.Context, dossierIDs []int64) (map[int64]FormalReview, error) {
	out := map[int64]FormalReview{}
	if len(dossierIDs) == 0 {
		return out, nil
	}
	var rows []FormalReview
	if err := s.conn(ctx).Where("dossier_id IN ?", dossierIDs).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.DossierID] = r
	}
	return out, nil
}
