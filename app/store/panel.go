package store

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// DrawStatus is whether a panel draw stands.
type DrawStatus string

// Draw statuses.
const (
	DrawActive DrawStatus = "active" // the panel scores the stage
	DrawVoid   DrawStatus = "void"   // voided by the office before any score was saved
)

// Label is the status's Chinese name.
func (s DrawStatus) Label() string {
	if s == DrawVoid {
		return "已作废"
	}
	return "有效"
}

// PanelDraw is one random draw of an expert panel (随机抽取) for a stage,
// over the whole stage or one cluster. InputJSON holds everything the draw
// depended on (seed, pool snapshot, dossiers, constraints) and ResultJSON
// what it produced, so the draw can be re-run and compared (app/draw).
type PanelDraw struct {
	ID         int64
	StageID    int64
	ClusterID  *int64 // nil: the whole stage
	ScopeLabel string
	Seed       string
	Algorithm  string
	InputJSON  string
	ResultJSON string
	InputHash  string
	Members    int
	Alternates int
	PerDossier int
	// Sealed hides the panel from experts until the review window opens or
	// the office unseals it.
	Sealed     bool
	Status     DrawStatus
	VoidReason string
	CreatedBy  int64
	CreatedAt  time.Time
	UnsealedAt *time.Time
	VoidedAt   *time.Time
	Version    int64
}

// TableName binds PanelDraw to its table.
func (PanelDraw) TableName() string { return "panel_draws" }

// VisibleToExperts reports whether experts may see the draw's assignments
// at now: it stands, and it is unsealed or the stage's review window has
// opened.
func (d *PanelDraw) VisibleToExperts(st *Stage, now time.Time) bool {
	if d.Status != DrawActive {
		return false
	}
	return !d.Sealed || (st.ReviewOpensAt != nil && !now.Before(*st.ReviewOpensAt))
}

// PanelRole is a drawn expert's place on the panel.
type PanelRole string

// Panel roles.
const (
	RoleMember    PanelRole = "member"
	RoleAlternate PanelRole = "alternate"
)

// Label is the role's Chinese name.
func (r PanelRole) Label() string {
	if r == RoleAlternate {
		return "备选"
	}
	return "成员"
}

// PanelMember is one drawn expert: a member (Rank = place in the draw) or an
// alternate (Rank = place among the alternates). A promoted alternate
// becomes a member and keeps its rank.
type PanelMember struct {
	ID            int64
	DrawID        int64
	ExpertID      int64
	Role          PanelRole
	Rank          int
	PromotedAt    *time.Time
	PromoteReason string
}

// TableName binds PanelMember to its table.
func (PanelMember) TableName() string { return "panel_members" }

// NewDraw is a completed draw to record.
type NewDraw struct {
	StageID    int64
	ClusterID  *int64
	ScopeLabel string
	Seed       string
	Algorithm  string
	InputJSON  string
	ResultJSON string
	InputHash  string
	PerDossier int
	Sealed     bool
	// Supplement marks a supplementary draw (补充抽取) for dossiers a standing
	// draw left short of experts after declared conflicts.
	Supplement   bool
	CreatedBy    int64
	MemberIDs    []int64 // in draw order
	AlternateIDs []int64 // in order
	Assignments  []NewAssignment
}

// NewAssignment puts one expert on one dossier.
type NewAssignment struct {
	DossierID, ExpertID int64
}

// CreateDraw records a draw with its members, alternates and assignments. A
// dossier that already has experts in the stage from another standing draw
// is ErrConflict, unless the draw is a supplement and the dossier still has
// fewer than PerDossier experts after it.
func (s *Store) CreateDraw(ctx context.Context, actor Actor, nd NewDraw) (*PanelDraw, error) {
	d := &PanelDraw{StageID: nd.StageID, ClusterID: nd.ClusterID, ScopeLabel: nd.ScopeLabel, Seed: nd.Seed,
		Algorithm: nd.Algorithm, InputJSON: nd.InputJSON, ResultJSON: nd.ResultJSON, InputHash: nd.InputHash,
		Members: len(nd.MemberIDs), Alternates: len(nd.AlternateIDs), PerDossier: nd.PerDossier, Sealed: nd.Sealed,
		Status: DrawActive, CreatedBy: nd.CreatedBy, Version: 1}
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.LockStagePanels(ctx, nd.StageID); err != nil {
			return err
		}
		if err := tx.checkDrawScope(ctx, nd); err != nil {
			return err
		}
		if err := tx.conn(ctx).Create(d).Error; err != nil {
			return fmt.Errorf("create panel draw: %w", translate(err))
		}
		var members []PanelMember
		for i, id := range nd.MemberIDs {
			members = append(members, PanelMember{DrawID: d.ID, ExpertID: id, Role: RoleMember, Rank: i + 1})
		}
		for i, id := range nd.AlternateIDs {
			members = append(members, PanelMember{DrawID: d.ID, ExpertID: id, Role: RoleAlternate, Rank: i + 1})
		}
		if len(members) > 0 {
			if err := tx.conn(ctx).Create(&members).Error; err != nil {
				return fmt.Errorf("create panel members: %w", translate(err))
			}
		}
		now := tx.Now()
		rows := make([]Assignment, 0, len(nd.Assignments))
		for _, a := range nd.Assignments {
			rows = append(rows, Assignment{DrawID: d.ID, StageID: nd.StageID, DossierID: a.DossierID, ExpertID: a.ExpertID,
				Status: AssignmentActive, Source: SourceDraw, CreatedAt: now})
		}
		if len(rows) > 0 {
			if err := tx.conn(ctx).CreateInBatches(&rows, 200).Error; err != nil {
				return fmt.Errorf("create assignments: %w", translate(err))
			}
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "panel.draw", Entity: "panel_draw", EntityID: d.ID,
			After: map[string]any{"stage": d.StageID, "scope": d.ScopeLabel, "seed": d.Seed, "algorithm": d.Algorithm,
				"input_hash": d.InputHash, "members": nd.MemberIDs, "alternates": nd.AlternateIDs,
				"assignments": len(rows), "sealed": d.Sealed, "supplement": nd.Supplement}})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// checkDrawScope refuses assignments to dossiers another standing draw
// covers, or for a supplement, beyond a dossier's panel size.
func (s *Store) checkDrawScope(ctx context.Context, nd NewDraw) error {
	if !nd.Supplement {
		assigned, err := s.AssignedDossierIDs(ctx, nd.StageID)
		if err != nil {
			return err
		}
		for _, a := range nd.Assignments {
			if assigned[a.DossierID] {
				return fmt.Errorf("申报（编号 %d）已由本阶段的其他专家组评审，不能重复抽取: %w", a.DossierID, ErrConflict)
			}
		}
		return nil
	}
	sizes, err := s.DossierPanelSizes(ctx, nd.StageID)
	if err != nil {
		return err
	}
	for _, a := range nd.Assignments {
		sizes[a.DossierID]++
		if sizes[a.DossierID] > nd.PerDossier {
			return fmt.Errorf("申报（编号 %d）的评审专家已足额，不需要补充抽取: %w", a.DossierID, ErrConflict)
		}
	}
	return nil
}

// FindDrawByID returns one draw.
func (s *Store) FindDrawByID(ctx context.Context, id int64) (*PanelDraw, error) {
	var d PanelDraw
	if err := s.conn(ctx).First(&d, id).Error; err != nil {
		return nil, translate(err)
	}
	return &d, nil
}

// DrawFilter narrows FindDraws; zero fields do not filter.
type DrawFilter struct {
	StageID int64
	Status  DrawStatus
	IDs     []int64
}

// FindDraws lists draws, oldest first. The large JSON columns are left out;
// load one draw with FindDrawByID to read them.
func (s *Store) FindDraws(ctx context.Context, f DrawFilter) ([]PanelDraw, error) {
	q := s.conn(ctx).Model(&PanelDraw{}).Select(drawHeaderColumns)
	if f.StageID != 0 {
		q = q.Where("stage_id = ?", f.StageID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.IDs != nil {
		q = q.Where("id IN ?", f.IDs)
	}
	var out []PanelDraw
	err := q.Order("id").Find(&out).Error
	return out, err
}

// FindPanelMembers lists a draw's drawn members by rank, then promoted
// alternates in the order they joined, then the remaining alternates by rank.
func (s *Store) FindPanelMembers(ctx context.Context, drawID int64) ([]PanelMember, error) {
	var out []PanelMember
	if err := s.conn(ctx).Where("draw_id = ?", drawID).Order("id").Find(&out).Error; err != nil {
		return nil, err
	}
	group := func(m PanelMember) int {
		switch {
		case m.PromotedAt != nil:
			return 1
		case m.Role == RoleMember:
			return 0
		}
		return 2
	}
	slices.SortStableFunc(out, func(a, b PanelMember) int {
		if ga, gb := group(a), group(b); ga != gb {
			return ga - gb
		}
		if a.PromotedAt != nil && b.PromotedAt != nil && !a.PromotedAt.Equal(*b.PromotedAt) {
			return a.PromotedAt.Compare(*b.PromotedAt)
		}
		return a.Rank - b.Rank
	})
	return out, nil
}

// UnsealDraw makes a sealed draw visible to its experts before the review
// window opens.
func (s *Store) UnsealDraw(ctx context.Context, actor Actor, id, version int64, reason string) error {
	return s.Tx(ctx, func(tx *Store) error {
		d, err := tx.FindDrawByID(ctx, id)
		if err != nil {
			return err
		}
		if !d.Sealed {
			return fmt.Errorf("该次抽取未封存: %w", ErrConflict)
		}
		res := tx.conn(ctx).Model(&PanelDraw{}).Where("id = ? AND version = ?", id, version).
			Updates(map[string]any{"sealed": false, "unsealed_at": tx.Now(), "version": version + 1})
		if res.Error != nil {
			return fmt.Errorf("unseal draw: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "panel.unseal", Entity: "panel_draw", EntityID: id,
			Before: map[string]any{"sealed": true}, After: map[string]any{"sealed": false}, Reason: reason})
	})
}

// VoidDraw withdraws a draw none of whose experts has saved a score yet;
// its assignments end with it.
func (s *Store) VoidDraw(ctx context.Context, actor Actor, id, version int64, reason string) error {
	return s.Tx(ctx, func(tx *Store) error {
		d, err := tx.FindDrawByID(ctx, id)
		if err != nil {
			return err
		}
		if d.Status != DrawActive {
			return fmt.Errorf("该次抽取已作废: %w", ErrConflict)
		}
		var sheets int64
		if err := tx.conn(ctx).Model(&ScoreSheet{}).
			Where("assignment_id IN (SELECT id FROM assignments WHERE draw_id = ?)", id).Count(&sheets).Error; err != nil {
			return err
		}
		if sheets > 0 {
			return fmt.Errorf("已有 %d 份评分表保存了评分，不能作废该次抽取: %w", sheets, ErrConflict)
		}
		now := tx.Now()
		res := tx.conn(ctx).Model(&PanelDraw{}).Where("id = ? AND version = ?", id, version).
			Updates(map[string]any{"status": DrawVoid, "void_reason": reason, "voided_at": now, "version": version + 1})
		if res.Error != nil {
			return fmt.Errorf("void draw: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		if err := tx.conn(ctx).Model(&Assignment{}).Where("draw_id = ? AND status = ?", id, AssignmentActive).
			Updates(map[string]any{"status": AssignmentVoid}).Error; err != nil {
			return fmt.Errorf("void assignments: %w", err)
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "panel.void", Entity: "panel_draw", EntityID: id,
			Before: map[string]any{"status": DrawActive}, After: map[string]any{"status": DrawVoid}, Reason: reason})
	})
}

// RecordDrawVerification logs that a draw was re-run for audit and whether
// it reproduced the recorded panel.
func (s *Store) RecordDrawVerification(ctx context.Context, actor Actor, id int64, matched bool, detail string) error {
	return s.Tx(ctx, func(tx *Store) error {
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "panel.verify", Entity: "panel_draw", EntityID: id,
			After: map[string]any{"matched": matched, "detail": detail}})
	})
}
