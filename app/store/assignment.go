package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// AssignmentStatus is whether an expert still scores a dossier.
type AssignmentStatus string

// Assignment statuses.
const (
	AssignmentActive  AssignmentStatus = "active"  // the expert scores the dossier
	AssignmentRecused AssignmentStatus = "recused" // the expert declared a conflict (回避)
	AssignmentVoid    AssignmentStatus = "void"    // the draw was voided
)

// Label is the status's Chinese name.
func (s AssignmentStatus) Label() string {
	switch s {
	case AssignmentActive:
		return "评审中"
	case AssignmentRecused:
		return "已回避"
	case AssignmentVoid:
		return "已作废"
	}
	return string(s)
}

// Assignment sources.
const (
	SourceDraw        = "draw"        // made by the draw
	SourceReplacement = "replacement" // took over after a declared conflict
)

// Assignment puts one expert on one dossier in one stage.
type Assignment struct {
	ID           int64
	DrawID       int64
	StageID      int64
	DossierID    int64
	ExpertID     int64
	Status       AssignmentStatus
	Source       string
	ReplacesID   *int64 // the recused assignment this one took over
	RecuseReason string
	RecusedAt    *time.Time
	CreatedAt    time.Time
}

// TableName binds Assignment to its table.
func (Assignment) TableName() string { return "assignments" }

// AssignmentFilter narrows FindAssignments; zero fields do not filter.
type AssignmentFilter struct {
	StageID   int64
	DrawID    int64
	DossierID int64
	ExpertID  int64
	Statuses  []AssignmentStatus
}

// FindAssignments lists assignments by dossier, then id.
func (s *Store) FindAssignments(ctx context.Context, f AssignmentFilter) ([]Assignment, error) {
	q := s.conn(ctx).Model(&Assignment{})
	if f.StageID != 0 {
		q = q.Where("stage_id = ?", f.StageID)
	}
	if f.DrawID != 0 {
		q = q.Where("draw_id = ?", f.DrawID)
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
	var out []Assignment
	err := q.Order("dossier_id, id").Find(&out).Error
	return out, err
}

// FindAssignmentByID returns one assignment.
func (s *Store) FindAssignmentByID(ctx context.Context, id int64) (*Assignment, error) {
	var a Assignment
	if err := s.conn(ctx).First(&a, id).Error; err != nil {
		return nil, translate(err)
	}
	return &a, nil
}

// FindActiveAssignment returns the expert's standing assignment to the
// dossier in the stage, or ErrNotFound (never assigned, recused, or voided).
func (s *Store) FindActiveAssignment(ctx context.Context, stageID, dossierID, expertID int64) (*Assignment, error) {
	var a Assignment
	err := s.conn(ctx).Where("stage_id = ? AND dossier_id = ? AND expert_id = ? AND status = ?",
		stageID, dossierID, expertID, AssignmentActive).First(&a).Error
	if err != nil {
		return nil, translate(err)
	}
	return &a, nil
}

// StageLoads counts each expert's standing assignments in the stage.
func (s *Store) StageLoads(ctx context.Context, stageID int64) (map[int64]int, error) {
	var rows []struct {
		ExpertID int64
		N        int
	}
	err := s.conn(ctx).Model(&Assignment{}).Select("expert_id, COUNT(*) AS n").
		Where("stage_id = ? AND status = ?", stageID, AssignmentActive).Group("expert_id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("stage loads: %w", err)
	}
	out := make(map[int64]int, len(rows))
	for _, r := range rows {
		out[r.ExpertID] = r.N
	}
	return out, nil
}

// DossierPanelSizes counts the standing assignments of each dossier of the
// stage.
func (s *Store) DossierPanelSizes(ctx context.Context, stageID int64) (map[int64]int, error) {
	var rows []struct {
		DossierID int64
		N         int
	}
	err := s.conn(ctx).Model(&Assignment{}).Select("dossier_id, COUNT(*) AS n").
		Where("stage_id = ? AND status = ?", stageID, AssignmentActive).Group("dossier_id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("dossier panel sizes: %w", err)
	}
	out := make(map[int64]int, len(rows))
	for _, r := range rows {
		out[r.DossierID] = r.N
	}
	return out, nil
}

// AssignedDossierIDs is the set of dossiers of the stage that a standing
// draw covers.
func (s *Store) AssignedDossierIDs(ctx context.Context, stageID int64) (map[int64]bool, error) {
	var ids []int64
	err := s.conn(ctx).Model(&Assignment{}).Distinct("dossier_id").
		Where("stage_id = ? AND draw_id IN (SELECT id FROM panel_draws WHERE status = ?)", stageID, DrawActive).
		Pluck("dossier_id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("assigned dossiers: %w", err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// Takeover is who replaces an expert who declared a conflict.
type Takeover struct {
	// ExpertID is 0 when nobody can take over.
	ExpertID int64
	// Promoted is true when an alternate joins the panel.
	Promoted bool
	// Note says how the replacement was chosen, or why there is none.
	Note string
}

// RecuseResult is the outcome of a declared conflict.
type RecuseResult struct {
	Recused     Assignment
	Replacement *Assignment // nil when nobody could take over
	Note        string
}

// RecuseAssignment records that the expert of a standing assignment declared
// a conflict (回避) with a reason, and lets choose (called inside the same
// transaction) name who takes the dossier over. Everything is logged. An
// expert who has already signed the sheet must ask the office to reopen it
// first.
func (s *Store) RecuseAssignment(ctx context.Context, actor Actor, id int64, reason string,
	choose func(tx *Store, a *Assignment) (Takeover, error)) (*RecuseResult, error) {
	reason = strings.TrimSpace(reason)
	var out RecuseResult
	err := s.Tx(ctx, func(tx *Store) error {
		a, err := tx.FindAssignmentByID(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.LockStagePanels(ctx, a.StageID); err != nil {
			return err
		}
		if err := tx.LockDossierReview(ctx, a.DossierID); err != nil {
			return err
		}
		if a, err = tx.FindAssignmentByID(ctx, id); err != nil {
			return err
		}
		if a.Status != AssignmentActive {
			return fmt.Errorf("该评审任务已%s: %w", a.Status.Label(), ErrConflict)
		}
		if sh, err := tx.FindSheetByAssignment(ctx, a.ID); err == nil && sh.Status == SheetSubmitted {
			return fmt.Errorf("评分表已签名提交，不能再声明回避；如确有回避情形，请联系办公室: %w", ErrConflict)
		}
		now := tx.Now()
		res := tx.conn(ctx).Model(&Assignment{}).Where("id = ? AND status = ?", id, AssignmentActive).
			Updates(map[string]any{"status": AssignmentRecused, "recuse_reason": reason, "recused_at": now})
		if res.Error != nil {
			return fmt.Errorf("recuse: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		a.Status, a.RecuseReason, a.RecusedAt = AssignmentRecused, reason, &now
		out.Recused = *a
		if err := tx.Audit(ctx, AuditRecord{Actor: actor, Action: "assignment.recuse", Entity: "assignment", EntityID: a.ID,
			Before: map[string]any{"status": AssignmentActive},
			After:  map[string]any{"status": AssignmentRecused, "dossier": a.DossierID, "expert": a.ExpertID},
			Reason: reason}); err != nil {
			return err
		}
		take, err := choose(tx, a)
		if err != nil {
			return err
		}
		out.Note = take.Note
		if take.ExpertID == 0 {
			return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "assignment.unfilled", Entity: "assignment",
				EntityID: a.ID, After: map[string]any{"dossier": a.DossierID}, Reason: take.Note})
		}
		if take.Promoted {
			res := tx.conn(ctx).Model(&PanelMember{}).
				Where("draw_id = ? AND expert_id = ? AND role = ?", a.DrawID, take.ExpertID, RoleAlternate).
				Updates(map[string]any{"role": RoleMember, "promoted_at": now, "promote_reason": take.Note})
			if res.Error != nil {
				return fmt.Errorf("promote alternate: %w", res.Error)
			}
			if res.RowsAffected == 0 {
				return fmt.Errorf("备选专家已被递补或不属于该专家组: %w", ErrConflict)
			}
			if err := tx.Audit(ctx, AuditRecord{Actor: actor, Action: "panel.promote", Entity: "panel_draw",
				EntityID: a.DrawID, After: map[string]any{"expert": take.ExpertID}, Reason: take.Note}); err != nil {
				return err
			}
		}
		rep := &Assignment{DrawID: a.DrawID, StageID: a.StageID, DossierID: a.DossierID, ExpertID: take.ExpertID,
			Status: AssignmentActive, Source: SourceReplacement, ReplacesID: &a.ID, CreatedAt: now}
		if err := tx.conn(ctx).Create(rep).Error; err != nil {
			return fmt.Errorf("create replacement: %w", translate(err))
		}
		out.Replacement = rep
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "assignment.replace", Entity: "assignment", EntityID: rep.ID,
			After: map[string]any{"dossier": rep.DossierID, "expert": rep.ExpertID, "replaces": a.ID}, Reason: take.Note})
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
