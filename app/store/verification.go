package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// VerificationStatus says how the office verified a reported indicator.
type VerificationStatus string

// Verification statuses.
const (
	VerifyAccepted  VerificationStatus = "accepted"  // the reported value stands
	VerifyCorrected VerificationStatus = "corrected" // the office corrected it, with a note
)

// Label is the status's Chinese name.
func (v VerificationStatus) Label() string {
	if v == VerifyCorrected {
		return "已更正"
	}
	return "已核实无误"
}

// IndicatorVerification is the office's check of one indicator an applicant
// reported: the value objective criteria are computed from.
type IndicatorVerification struct {
	ID          int64
	StageID     int64
	DossierID   int64
	IndicatorID string
	// Reported is what the applicant typed; Value the verified decimal.
	Reported   string
	Value      string
	Status     VerificationStatus
	Note       string
	VerifiedBy int64
	VerifiedAt time.Time
	Version    int64
}

// TableName binds IndicatorVerification to its table.
func (IndicatorVerification) TableName() string { return "indicator_verifications" }

// IndicatorCheck is one verification the office records.
type IndicatorCheck struct {
	StageID, DossierID int64
	IndicatorID        string
	Reported           string
	// Value is the verified value (the reported one when accepted).
	Value  string
	Status VerificationStatus
	// Note explains a correction (required then).
	Note string
	// Version is the verification's version the form showed; 0 for a first
	// verification.
	Version int64
}

// VerifyIndicator records (or revises) the verification of one indicator of
// a dossier entered in the stage, until the stage's results are frozen.
func (s *Store) VerifyIndicator(ctx context.Context, actor Actor, chk IndicatorCheck) (*IndicatorVerification, error) {
	chk.Note = strings.TrimSpace(chk.Note)
	var out *IndicatorVerification
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.checkResultsOpen(ctx, chk.StageID, chk.DossierID); err != nil {
			return err
		}
		switch {
		case chk.Status != VerifyAccepted && chk.Status != VerifyCorrected:
			return fmt.Errorf("未知的核实结论“%s”: %w", chk.Status, ErrConflict)
		case chk.Status == VerifyCorrected && chk.Note == "":
			return fmt.Errorf("更正数据须写明依据: %w", ErrConflict)
		case strings.TrimSpace(chk.Value) == "":
			return fmt.Errorf("核实值不能为空: %w", ErrConflict)
		}
		var old IndicatorVerification
		err := tx.conn(ctx).Where("stage_id = ? AND dossier_id = ? AND indicator_id = ?",
			chk.StageID, chk.DossierID, chk.IndicatorID).First(&old).Error
		now := tx.Now()
		by := actorID(actor)
		switch {
		case errors.Is(translate(err), ErrNotFound):
			if chk.Version != 0 {
				return ErrConflict
			}
			row := IndicatorVerification{StageID: chk.StageID, DossierID: chk.DossierID, IndicatorID: chk.IndicatorID,
				Reported: chk.Reported, Value: chk.Value, Status: chk.Status, Note: chk.Note, VerifiedBy: by,
				VerifiedAt: now, Version: 1}
			if err := tx.conn(ctx).Create(&row).Error; err != nil {
				return fmt.Errorf("record verification: %w", translate(err))
			}
			out = &row
		case err != nil:
			return fmt.Errorf("find verification: %w", err)
		default:
			res := tx.conn(ctx).Model(&IndicatorVerification{}).Where("id = ? AND version = ?", old.ID, chk.Version).
				Updates(map[string]any{"reported": chk.Reported, "value": chk.Value, "status": chk.Status,
					"note": chk.Note, "verified_by": by, "verified_at": now, "version": chk.Version + 1})
			if res.Error != nil {
				return fmt.Errorf("update verification: %w", res.Error)
			}
			if res.RowsAffected == 0 {
				return fmt.Errorf("该指标的核实记录已被他人修改，请刷新后重试: %w", ErrConflict)
			}
			upd := old
			upd.Reported, upd.Value, upd.Status, upd.Note, upd.VerifiedBy, upd.VerifiedAt, upd.Version =
				chk.Reported, chk.Value, chk.Status, chk.Note, by, now, chk.Version+1
			out = &upd
		}
		var before any
		if old.ID != 0 {
			before = map[string]any{"value": old.Value, "status": old.Status, "note": old.Note}
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "indicator.verify", Entity: "dossier", EntityID: chk.DossierID,
			Before: before, After: map[string]any{"stage": chk.StageID, "indicator": chk.IndicatorID,
				"reported": chk.Reported, "value": chk.Value, "status": chk.Status}, Reason: chk.Note})
	})
	return out, err
}

// FindVerifications lists a stage's verifications by dossier and indicator;
// a dossier id narrows them to one dossier.
func (s *Store) FindVerifications(ctx context.Context, stageID, dossierID int64) ([]IndicatorVerification, error) {
	q := s.conn(ctx).Where("stage_id = ?", stageID)
	if dossierID != 0 {
		q = q.Where("dossier_id = ?", dossierID)
	}
	var out []IndicatorVerification
	err := q.Order("dossier_id, indicator_id").Find(&out).Error
	return out, err
}

// checkResultsOpen refuses a change to a stage's result inputs once the
// results are frozen, and for a dossier not entered in the stage.
func (s *Store) checkResultsOpen(ctx context.Context, stageID, dossierID int64) error {
	frozen, err := s.StageResultFrozen(ctx, stageID)
	if err != nil {
		return err
	}
	if frozen {
		return fmt.Errorf("本阶段结果已冻结，不能再修改: %w", ErrConflict)
	}
	var n int64
	if err := s.conn(ctx).Model(&StageEntry{}).Where("stage_id = ? AND dossier_id = ?", stageID, dossierID).
		Count(&n).Error; err != nil {
		return fmt.Errorf("stage entry: %w", err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// actorID is the acting user's id, or 0 for the system.
func actorID(a Actor) int64 {
	if a.UserID == nil {
		return 0
	}
	return *a.UserID
}
