package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// FlagStatus is where a 畸高/畸低 flag is.
type FlagStatus string

// Flag statuses.
const (
	FlagOpen       FlagStatus = "open"       // waiting for the expert's reason or revision
	FlagJustified  FlagStatus = "justified"  // the expert confirmed the score with a written reason
	FlagRevised    FlagStatus = "revised"    // the expert changed the score
	FlagSuperseded FlagStatus = "superseded" // no longer applies (scores changed or the sheet was reopened)
)

// Label is the status's Chinese name.
func (s FlagStatus) Label() string {
	switch s {
	case FlagOpen:
		return "待说明理由"
	case FlagJustified:
		return "已说明理由"
	case FlagRevised:
		return "已修改评分"
	case FlagSuperseded:
		return "已失效"
	}
	return string(s)
}

// ScoreFlag marks one expert's score for one criterion as 畸高 (high) or
// 畸低 (low) against the panel, computed by the scoring engine once every
// expert of the dossier has signed.
type ScoreFlag struct {
	ID          int64
	StageID     int64
	DossierID   int64
	CriterionID string
	ExpertID    int64
	SheetID     int64
	Direction   string // "high" or "low"
	Score       string
	// Explanation is the engine's sentence with the median and the test
	// (office only: it reveals the panel's scores).
	Explanation string
	RuleText    string
	RubricHash  string
	Status      FlagStatus
	// Reason is the expert's written reason (FlagJustified).
	Reason     string
	ResolvedAt *time.Time
	CreatedAt  time.Time
	Version    int64
}

// TableName binds ScoreFlag to its table.
func (ScoreFlag) TableName() string { return "score_flags" }

// DirectionLabel is 畸高 or 畸低.
func (f *ScoreFlag) DirectionLabel() string {
	if f.Direction == "low" {
		return "畸低"
	}
	return "畸高"
}

// FlagDraft is one flag as the scoring engine computed it.
type FlagDraft struct {
	ExpertID    int64
	CriterionID string
	Direction   string
	Score       string
	Explanation string
	RuleText    string
}

// FlagFilter narrows FindFlags; zero fields do not filter.
type FlagFilter struct {
	StageID   int64
	DossierID int64
	ExpertID  int64
	Statuses  []FlagStatus
}

// FindFlags lists flags by dossier, criterion and expert.
func (s *Store) FindFlags(ctx context.Context, f FlagFilter) ([]ScoreFlag, error) {
	q := s.conn(ctx).Model(&ScoreFlag{})
	if f.StageID != 0 {
		q = q.Where("stage_id = ?", f.StageID)
	}
	if f.DossierID != 0 {
		q = q.Where("dossier_id = ?", f.DossierID)
	}
	if f.ExpertID != 0 {
		q = q.Where("expert_id = ?", f.ExpertID)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("status IN ?", f.Statuses)
	}
	var out []ScoreFlag
	err := q.Order("dossier_id, criterion_id, expert_id, id").Find(&out).Error
	return out, err
}

// FindFlagByID returns one flag.
func (s *Store) FindFlagByID(ctx context.Context, id int64) (*ScoreFlag, error) {
	var f ScoreFlag
	if err := s.conn(ctx).First(&f, id).Error; err != nil {
		return nil, translate(err)
	}
	return &f, nil
}

// SyncFlags makes the dossier's standing flags match what the engine
// computed from the signed sheets: a flag for the same expert, criterion,
// direction and score is kept (with its reason, if given); a new one is
// raised open; one no longer computed is superseded.
func (s *Store) SyncFlags(ctx context.Context, actor Actor, stageID, dossierID int64, rubricHash string, drafts []FlagDraft) error {
	return s.Tx(ctx, func(tx *Store) error {
		standing, err := tx.FindFlags(ctx, FlagFilter{StageID: stageID, DossierID: dossierID,
			Statuses: []FlagStatus{FlagOpen, FlagJustified}})
		if err != nil {
			return err
		}
		sheets, err := tx.FindSheets(ctx, SheetFilter{StageID: stageID, DossierID: dossierID, ActiveOnly: true})
		if err != nil {
			return err
		}
		sheetOf := map[int64]int64{}
		for _, sh := range sheets {
			sheetOf[sh.ExpertID] = sh.ID
		}
		kept := map[int64]bool{}
		var raised []FlagDraft
		now := tx.Now()
		for _, d := range drafts {
			found := false
			for _, f := range standing {
				if !kept[f.ID] && f.ExpertID == d.ExpertID && f.CriterionID == d.CriterionID &&
					f.Direction == d.Direction && f.Score == d.Score {
					kept[f.ID], found = true, true
					break
				}
			}
			if found {
				continue
			}
			sheetID, ok := sheetOf[d.ExpertID]
			if !ok {
				return fmt.Errorf("flag for expert %d on dossier %d without a sheet", d.ExpertID, dossierID)
			}
			row := ScoreFlag{StageID: stageID, DossierID: dossierID, CriterionID: d.CriterionID, ExpertID: d.ExpertID,
				SheetID: sheetID, Direction: d.Direction, Score: d.Score, Explanation: d.Explanation, RuleText: d.RuleText,
				RubricHash: rubricHash, Status: FlagOpen, CreatedAt: now, Version: 1}
			if err := tx.conn(ctx).Create(&row).Error; err != nil {
				return fmt.Errorf("raise flag: %w", translate(err))
			}
			raised = append(raised, d)
		}
		var dropped []int64
		for _, f := range standing {
			if !kept[f.ID] {
				dropped = append(dropped, f.ID)
			}
		}
		if len(dropped) > 0 {
			if err := tx.conn(ctx).Model(&ScoreFlag{}).Where("id IN ?", dropped).
				Updates(map[string]any{"status": FlagSuperseded, "resolved_at": now}).Error; err != nil {
				return fmt.Errorf("supersede flags: %w", err)
			}
		}
		if len(raised) == 0 && len(dropped) == 0 {
			return nil
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "flag.sync", Entity: "dossier", EntityID: dossierID,
			After: map[string]any{"stage": stageID, "raised": raised, "superseded": dropped}})
	})
}

// JustifyFlag records the expert's written reason for a flagged score.
func (s *Store) JustifyFlag(ctx context.Context, actor Actor, flagID, expertID, version int64, reason string) error {
	reason = strings.TrimSpace(reason)
	return s.Tx(ctx, func(tx *Store) error {
		f, err := tx.FindFlagByID(ctx, flagID)
		if err != nil {
			return err
		}
		if f.ExpertID != expertID {
			return ErrNotFound
		}
		if f.Status != FlagOpen {
			return fmt.Errorf("该提示已%s，无需再说明: %w", f.Status.Label(), ErrConflict)
		}
		res := tx.conn(ctx).Model(&ScoreFlag{}).Where("id = ? AND version = ?", flagID, version).
			Updates(map[string]any{"status": FlagJustified, "reason": reason, "resolved_at": tx.Now(), "version": version + 1})
		if res.Error != nil {
			return fmt.Errorf("justify flag: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "flag.justify", Entity: "score_flag", EntityID: flagID,
			Before: map[string]any{"status": FlagOpen}, After: map[string]any{"status": FlagJustified, "score": f.Score},
			Reason: reason})
	})
}

// MarkFlagRevised closes an open flag because the expert changed the score.
func (s *Store) MarkFlagRevised(ctx context.Context, actor Actor, flagID, version int64, newScore string) error {
	return s.Tx(ctx, func(tx *Store) error {
		f, err := tx.FindFlagByID(ctx, flagID)
		if err != nil {
			return err
		}
		if f.Status != FlagOpen {
			return fmt.Errorf("该提示已%s: %w", f.Status.Label(), ErrConflict)
		}
		res := tx.conn(ctx).Model(&ScoreFlag{}).Where("id = ? AND version = ?", flagID, version).
			Updates(map[string]any{"status": FlagRevised, "resolved_at": tx.Now(), "version": version + 1})
		if res.Error != nil {
			return fmt.Errorf("revise flag: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "flag.revise", Entity: "score_flag", EntityID: flagID,
			Before: map[string]any{"status": FlagOpen, "score": f.Score},
			After:  map[string]any{"status": FlagRevised, "score": newScore}})
	})
}
