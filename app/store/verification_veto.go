package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// VetoDecisionKind is the office's decision on experts' veto answers.
type VetoDecisionKind string

// Veto decisions.
const (
	VetoConfirmed VetoDecisionKind = "confirmed" // the veto holds: the dossier is disqualified
	VetoDismissed VetoDecisionKind = "dismissed" // the veto does not hold
)

// Label is the decision's Chinese name.
func (k VetoDecisionKind) Label() string {
	if k == VetoConfirmed {
		return "确认否决"
	}
	return "不予否决"
}

// VetoDecision is the office's decision on one veto criterion of one
// dossier after experts answered yes to it.
type VetoDecision struct {
	ID          int64
	StageID     int64
	DossierID   int64
	CriterionID string
	Decision    VetoDecisionKind
	Reason      string
	DecidedBy   int64
	DecidedAt   time.Time
	Version     int64
}

// TableName binds VetoDecision to its table.
func (VetoDecision) TableName() string { return "veto_decisions" }

// VetoRuling is a decision the office records.
type VetoRuling struct {
	StageID, DossierID int64
	CriterionID        string
	Decision           VetoDecisionKind
	Reason             string
	// Version is the decision's version the form showed; 0 for a first one.
	Version int64
}

// DecideVeto records (or revises) the office's decision on a veto until the
// stage's results are frozen. The reason is required: it is shown with a
// confirmed veto wherever the dossier appears.
func (s *Store) DecideVeto(ctx context.Context, actor Actor, r VetoRuling) error {
	r.Reason = strings.TrimSpace(r.Reason)
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.checkResultsOpen(ctx, r.StageID, r.DossierID); err != nil {
			return err
		}
		if r.Decision != VetoConfirmed && r.Decision != VetoDismissed {
			return fmt.Errorf("未知的否决决定“%s”: %w", r.Decision, ErrConflict)
		}
		if r.Reason == "" {
			return fmt.Errorf("请写明%s的理由: %w", r.Decision.Label(), ErrConflict)
		}
		var old VetoDecision
		err := tx.conn(ctx).Where("stage_id = ? AND dossier_id = ? AND criterion_id = ?",
			r.StageID, r.DossierID, r.CriterionID).First(&old).Error
		now := tx.Now()
		switch {
		case errors.Is(translate(err), ErrNotFound):
			if r.Version != 0 {
				return ErrConflict
			}
			row := VetoDecision{StageID: r.StageID, DossierID: r.DossierID, CriterionID: r.CriterionID,
				Decision: r.Decision, Reason: r.Reason, DecidedBy: actorID(actor), DecidedAt: now, Version: 1}
			if err := tx.conn(ctx).Create(&row).Error; err != nil {
				return fmt.Errorf("record veto decision: %w", translate(err))
			}
		case err != nil:
			return fmt.Errorf("find veto decision: %w", err)
		default:
			res := tx.conn(ctx).Model(&VetoDecision{}).Where("id = ? AND version = ?", old.ID, r.Version).
				Updates(map[string]any{"decision": r.Decision, "reason": r.Reason, "decided_by": actorID(actor),
					"decided_at": now, "version": r.Version + 1})
			if res.Error != nil {
				return fmt.Errorf("update veto decision: %w", res.Error)
			}
			if res.RowsAffected == 0 {
				return fmt.Errorf("该否决决定已被他人修改，请刷新后重试: %w", ErrConflict)
			}
		}
		var before any
		if old.ID != 0 {
			before = map[string]any{"decision": old.Decision, "reason": old.Reason}
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "veto.decide", Entity: "dossier", EntityID: r.DossierID,
			Before: before, After: map[string]any{"stage": r.StageID, "criterion": r.CriterionID, "decision": r.Decision},
			Reason: r.Reason})
	})
}

// FindVetoDecisions lists a stage's veto decisions by dossier and criterion.
func (s *Store) FindVetoDecisions(ctx context.Context, stageID int64) ([]VetoDecision, error) {
	var out []VetoDecision
	err := s.conn(ctx).Where("stage_id = ?", stageID).Order("dossier_id, criterion_id").Find(&out).Error
	return out, err
}
