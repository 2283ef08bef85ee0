package store

import (
	"context"
	"fmt"
	"time"
)

// CompetitionStatus is where a competition is in its life.
type CompetitionStatus string

// Competition statuses.
const (
	CompetitionDraft     CompetitionStatus = "draft"     // being set up; rubric editable
	CompetitionActive    CompetitionStatus = "active"    // at least one stage opened
	CompetitionPublished CompetitionStatus = "published" // final result published
	CompetitionArchived  CompetitionStatus = "archived"
)

// Label is the status's Chinese name.
func (s CompetitionStatus) Label() string {
	switch s {
	case CompetitionDraft:
		return "筹备中"
	case CompetitionActive:
		return "进行中"
	case CompetitionPublished:
		return "已公布"
	case CompetitionArchived:
		return "已归档"
	}
	return string(s)
}

// Competition is one round of the regional excellent chain competition.
type Competition struct {
	ID           int64
	Name         string
	Year         int
	Status       CompetitionStatus
	RubricYAML   string // the competition's rubric, exactly as stored
	RubricHash   string // rubrics.Hash of RubricYAML
	RubricSource string // default | upload | form
	Description  string
	Version      int64 // optimistic lock
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// TableName binds Competition to its table.
func (Competition) TableName() string { return "competitions" }

// StageStatus is where a stage is in its life.
type StageStatus string

// Stage statuses.
const (
	StagePending StageStatus = "pending" // not yet opened
	StageOpen    StageStatus = "open"    // accepting submissions / scores within its times
	StageClosed  StageStatus = "closed"  // closed; results may be computed and frozen
)

// Label is the status's Chinese name.
func (s StageStatus) Label() string {
	switch s {
	case StagePending:
		return "未开启"
	case StageOpen:
		return "进行中"
	case StageClosed:
		return "已关闭"
	}
	return string(s)
}

// Stage is one stage of a competition (申报, 考察, 遴选), bound to the stage of
// the same Key in the competition's rubric. It has two windows: applicants
// file (and correct returned dossiers) within [OpensAt, ClosesAt); experts
// score within [ReviewOpensAt, ReviewClosesAt). Both only count while the
// stage is open.
type Stage struct {
	ID             int64
	CompetitionID  int64
	Key            string // the rubric's stage id
	Seq            int
	Name           string
	OpensAt        time.Time
	ClosesAt       time.Time
	ReviewOpensAt  *time.Time
	ReviewClosesAt *time.Time
	Status         StageStatus
	RubricHash     string // frozen when the stage opened
	OpenedAt       *time.Time
	ClosedAt       *time.Time
	Version        int64
}

// TableName binds Stage to its table.
func (Stage) TableName() string { return "stages" }

// AcceptsAt reports whether the stage is open and t lies inside its filing
// window.
func (st *Stage) AcceptsAt(t time.Time) bool {
	return st.Status == StageOpen && !t.Before(st.OpensAt) && t.Before(st.ClosesAt)
}

// ReviewsAt reports whether the stage is open and t lies inside its review
// window.
func (st *Stage) ReviewsAt(t time.Time) bool {
	return st.Status == StageOpen && st.ReviewOpensAt != nil && st.ReviewClosesAt != nil &&
		!t.Before(*st.ReviewOpensAt) && t.Before(*st.ReviewClosesAt)
}

// StageWindow is an edit of a stage's two windows.
type StageWindow struct {
	OpensAt, ClosesAt             time.Time
	ReviewOpensAt, ReviewClosesAt *time.Time
}

// CompetitionChain puts a chain in a competition's scope.
type CompetitionChain struct {
	CompetitionID int64 `gorm:"primaryKey"`
	ChainID       int64 `gorm:"primaryKey"`
}

// TableName binds CompetitionChain to its table.
func (CompetitionChain) TableName() string { return "competition_chains" }

// RubricSnapshot is a frozen rubric, addressed by its hash.
type RubricSnapshot struct {
	Hash      string `gorm:"primaryKey"`
	YAML      string
	CreatedAt time.Time
}

// TableName binds RubricSnapshot to its table.
func (RubricSnapshot) TableName() string { return "rubric_snapshots" }

// NewCompetition is what CreateCompetition needs.
type NewCompetition struct {
	Name         string
	Year         int
	Description  string
	RubricYAML   string
	RubricHash   string
	RubricSource string
	ChainIDs     []int64
	Stages       []Stage // Key, Seq, Name, OpensAt, ClosesAt
}

// CreateCompetition inserts a competition with its chains and stages.
func (s *Store) CreateCompetition(ctx context.Context, actor Actor, nc NewCompetition) (*Competition, error) {
	c := &Competition{Name: nc.Name, Year: nc.Year, Status: CompetitionDraft, RubricYAML: nc.RubricYAML,
		RubricHash: nc.RubricHash, RubricSource: nc.RubricSource, Description: nc.Description, Version: 1}
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.conn(ctx).Create(c).Error; err != nil {
			return fmt.Errorf("create competition: %w", translate(err))
		}
		if err := tx.setCompetitionChains(ctx, c.ID, nc.ChainIDs); err != nil {
			return err
		}
		for i := range nc.Stages {
			st := nc.Stages[i]
			st.ID, st.CompetitionID, st.Status, st.Version = 0, c.ID, StagePending, 1
			if err := tx.conn(ctx).Create(&st).Error; err != nil {
				return fmt.Errorf("create stage %s: %w", st.Key, translate(err))
			}
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "competition.create", Entity: "competition",
			EntityID: c.ID, After: map[string]any{"name": c.Name, "year": c.Year, "rubric_hash": c.RubricHash,
				"rubric_source": c.RubricSource, "chains": nc.ChainIDs}})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (s *Store) setCompetitionChains(ctx context.Context, compID int64, chainIDs []int64) error {
	if err := s.conn(ctx).Where("competition_id = ?", compID).Delete(&CompetitionChain{}).Error; err != nil {
		return fmt.Errorf("clear competition chains: %w", err)
	}
	if len(chainIDs) == 0 {
		return nil
	}
	rows := make([]CompetitionChain, 0, len(chainIDs))
	seen := map[int64]bool{}
	for _, id := range chainIDs {
		if !seen[id] {
			seen[id] = true
			rows = append(rows, CompetitionChain{CompetitionID: compID, ChainID: id})
		}
	}
	if err := s.conn(ctx).Create(&rows).Error; err != nil {
		return fmt.Errorf("set competition chains: %w", translate(err))
	}
	return nil
}

// FindCompetitions lists competitions, newest first.
func (s *Store) FindCompetitions(ctx context.Context) ([]Competition, error) {
	var out []Competition
	err := s.conn(ctx).Omit("rubric_yaml").Order("year DESC, id DESC").Find(&out).Error
	return out, err
}

// FindCompetitionByID returns one competition including its rubric text.
func (s *Store) FindCompetitionByID(ctx context.Context, id int64) (*Competition, error) {
	var c Competition
	if err := s.conn(ctx).First(&c, id).Error; err != nil {
		return nil, translate(err)
	}
	return &c, nil
}

// CompetitionChainIDs lists the chain ids in a competition's scope.
func (s *Store) CompetitionChainIDs(ctx context.Context, compID int64) ([]int64, error) {
	var ids []int64
	err := s.conn(ctx).Model(&CompetitionChain{}).Where("competition_id = ?", compID).
		Order("chain_id").Pluck("chain_id", &ids).Error
	return ids, err
}

// CompetitionUpdate is an edit of a competition's settings. Version must be
// the version the editor saw: a concurrent edit makes the update ErrConflict.
type CompetitionUpdate struct {
	Version     int64
	Name        string
	Year        int
	Description string
	ChainIDs    []int64
}

// UpdateCompetition applies upd under optimistic locking.
func (s *Store) UpdateCompetition(ctx context.Context, actor Actor, id int64, upd CompetitionUpdate) error {
	return s.Tx(ctx, func(tx *Store) error {
		old, err := tx.FindCompetitionByID(ctx, id)
		if err != nil {
			return err
		}
		oldChains, err := tx.CompetitionChainIDs(ctx, id)
		if err != nil {
			return err
		}
		res := tx.conn(ctx).Model(&Competition{}).Where("id = ? AND version = ?", id, upd.Version).Updates(map[string]any{
			"name": upd.Name, "year": upd.Year, "description": upd.Description,
			"version": upd.Version + 1, "updated_at": tx.Now(),
		})
		if res.Error != nil {
			return fmt.Errorf("update competition: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		if err := tx.setCompetitionChains(ctx, id, upd.ChainIDs); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "competition.update", Entity: "competition",
			EntityID: id,
			Before:   map[string]any{"name": old.Name, "year": old.Year, "description": old.Description, "chains": oldChains},
			After:    map[string]any{"name": upd.Name, "year": upd.Year, "description": upd.Description, "chains": upd.ChainIDs}})
	})
}

// RubricChange replaces a competition's rubric.
type RubricChange struct {
	Version int64 // the competition version the editor saw
	YAML    string
	Hash    string
	Source  string
	Reason  string
	// Stages are the new rubric's stages in order; the competition's stages
	// follow them (kept by Key with their times, added, or removed).
	Stages []StageDef
}

// StageDef names one stage of a rubric.
type StageDef struct {
	Key, Name string
}

// SetCompetitionRubric replaces the rubric of a competition none of whose
// stages has opened yet (opening a stage freezes the rubric).
func (s *Store) SetCompetitionRubric(ctx context.Context, actor Actor, id int64, ch RubricChange) error {
	return s.Tx(ctx, func(tx *Store) error {
		old, err := tx.FindCompetitionByID(ctx, id)
		if err != nil {
			return err
		}
		var opened int64
		if err := tx.conn(ctx).Model(&Stage{}).Where("competition_id = ? AND status <> ?", id, StagePending).
			Count(&opened).Error; err != nil {
			return err
		}
		if opened > 0 {
			return fmt.Errorf("已有阶段开启，评分细则已冻结，不能再修改: %w", ErrConflict)
		}
		res := tx.conn(ctx).Model(&Competition{}).Where("id = ? AND version = ?", id, ch.Version).Updates(map[string]any{
			"rubric_yaml": ch.YAML, "rubric_hash": ch.Hash, "rubric_source": ch.Source,
			"version": ch.Version + 1, "updated_at": tx.Now(),
		})
		if res.Error != nil {
			return fmt.Errorf("set rubric: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		if err := tx.syncStages(ctx, id, ch.Stages); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "competition.rubric", Entity: "competition",
			EntityID: id, Before: map[string]any{"rubric_hash": old.RubricHash, "source": old.RubricSource},
			After: map[string]any{"rubric_hash": ch.Hash, "source": ch.Source}, Reason: ch.Reason})
	})
}

// FindStages lists a competition's stages in order.
func (s *Store) FindStages(ctx context.Context, compID int64) ([]Stage, error) {
	var out []Stage
	err := s.conn(ctx).Where("competition_id = ?", compID).Order("seq, id").Find(&out).Error
	return out, err
}

// FindStageByID returns one stage.
func (s *Store) FindStageByID(ctx context.Context, id int64) (*Stage, error) {
	var st Stage
	if err := s.conn(ctx).First(&st, id).Error; err != nil {
		return nil, translate(err)
	}
	return &st, nil
}

// FindOpenStages lists stages currently open (status open) across
// competitions, for applicants' and experts' home pages.
func (s *Store) FindOpenStages(ctx context.Context) ([]Stage, error) {
	var out []Stage
	err := s.conn(ctx).Where("status = ?", StageOpen).Order("closes_at, id").Find(&out).Error
	return out, err
}

// SetStageTimes changes a stage's windows under optimistic locking.
func (s *Store) SetStageTimes(ctx context.Context, actor Actor, id, version int64, w StageWindow, reason string) error {
	return s.Tx(ctx, func(tx *Store) error {
		old, err := tx.FindStageByID(ctx, id)
		if err != nil {
			return err
		}
		utc := func(t *time.Time) *time.Time {
			if t == nil {
				return nil
			}
			u := t.UTC()
			return &u
		}
		res := tx.conn(ctx).Model(&Stage{}).Where("id = ? AND version = ?", id, version).Updates(map[string]any{
			"opens_at": w.OpensAt.UTC(), "closes_at": w.ClosesAt.UTC(),
			"review_opens_at": utc(w.ReviewOpensAt), "review_closes_at": utc(w.ReviewClosesAt),
			"version": version + 1,
		})
		if res.Error != nil {
			return fmt.Errorf("set stage times: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "stage.times", Entity: "stage", EntityID: id,
			Before: map[string]any{"opens_at": old.OpensAt, "closes_at": old.ClosesAt,
				"review_opens_at": old.ReviewOpensAt, "review_closes_at": old.ReviewClosesAt},
			After: map[string]any{"opens_at": w.OpensAt.UTC(), "closes_at": w.ClosesAt.UTC(),
				"review_opens_at": utc(w.ReviewOpensAt), "review_closes_at": utc(w.ReviewClosesAt)}, Reason: reason})
	})
}

// OpenStage opens a pending stage: it freezes the competition's rubric (the
// snapshot is stored under its hash and the stage records the hash) and
// marks the competition active.
func (s *Store) OpenStage(ctx context.Context, actor Actor, id, version int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		st, err := tx.FindStageByID(ctx, id)
		if err != nil {
			return err
		}
		if st.Status != StagePending {
			return fmt.Errorf("阶段“%s”当前状态为%s，不能开启: %w", st.Name, st.Status.Label(), ErrConflict)
		}
		comp, err := tx.FindCompetitionByID(ctx, st.CompetitionID)
		if err != nil {
			return err
		}
		if err := tx.saveRubricSnapshot(ctx, comp.RubricHash, comp.RubricYAML); err != nil {
			return err
		}
		now := tx.Now()
		res := tx.conn(ctx).Model(&Stage{}).Where("id = ? AND version = ?", id, version).Updates(map[string]any{
			"status": StageOpen, "rubric_hash": comp.RubricHash, "opened_at": now, "version": version + 1,
		})
		if res.Error != nil {
			return fmt.Errorf("open stage: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		if comp.Status == CompetitionDraft {
			if err := tx.conn(ctx).Model(&Competition{}).Where("id = ?", comp.ID).
				Updates(map[string]any{"status": CompetitionActive, "updated_at": now}).Error; err != nil {
				return fmt.Errorf("activate competition: %w", err)
			}
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "stage.open", Entity: "stage", EntityID: id,
			Before: map[string]any{"status": st.Status},
			After:  map[string]any{"status": StageOpen, "rubric_hash": comp.RubricHash}})
	})
}

// CloseStage closes an open stage.
func (s *Store) CloseStage(ctx context.Context, actor Actor, id, version int64, reason string) error {
	return s.Tx(ctx, func(tx *Store) error {
		st, err := tx.FindStageByID(ctx, id)
		if err != nil {
			return err
		}
		if st.Status != StageOpen {
			return fmt.Errorf("阶段“%s”当前状态为%s，不能关闭: %w", st.Name, st.Status.Label(), ErrConflict)
		}
		res := tx.conn(ctx).Model(&Stage{}).Where("id = ? AND version = ?", id, version).Updates(map[string]any{
			"status": StageClosed, "closed_at": tx.Now(), "version": version + 1,
		})
		if res.Error != nil {
			return fmt.Errorf("close stage: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "stage.close", Entity: "stage", EntityID: id,
			Before: map[string]any{"status": st.Status}, After: map[string]any{"status": StageClosed}, Reason: reason})
	})
}

func (s *Store) saveRubricSnapshot(ctx context.Context, hash, yaml string) error {
	var n int64
	if err := s.conn(ctx).Model(&RubricSnapshot{}).Where("hash = ?", hash).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return s.conn(ctx).Create(&RubricSnapshot{Hash: hash, YAML: yaml, CreatedAt: s.Now()}).Error
}

// FindRubricSnapshot returns the frozen rubric text for hash.
func (s *Store) FindRubricSnapshot(ctx context.Context, hash string) (*RubricSnapshot, error) {
	var r RubricSnapshot
	if err := s.conn(ctx).Where("hash = ?", hash).First(&r).Error; err != nil {
		return nil, translate(err)
	}
	return &r, nil
}

// syncStages makes a competition's (all pending) stages follow defs: stages
// with a known Key keep their times, new keys get a stage without times, and
// stages whose key is gone are removed.
func (s *Store) syncStages(ctx context.Context, compID int64, defs []StageDef) error {
	if defs == nil {
		return nil
	}
	existing, err := s.FindStages(ctx, compID)
	if err != nil {
		return err
	}
	byKey := map[string]Stage{}
	for _, st := range existing {
		byKey[st.Key] = st
	}
	keep := map[string]bool{}
	for i, d := range defs {
		keep[d.Key] = true
		if st, ok := byKey[d.Key]; ok {
			err := s.conn(ctx).Model(&Stage{}).Where("id = ?", st.ID).
				Updates(map[string]any{"name": d.Name, "seq": i + 1}).Error
			if err != nil {
				return fmt.Errorf("update stage %s: %w", d.Key, err)
			}
			continue
		}
		st := Stage{CompetitionID: compID, Key: d.Key, Name: d.Name, Seq: i + 1, Status: StagePending, Version: 1}
		if err := s.conn(ctx).Create(&st).Error; err != nil {
			return fmt.Errorf("create stage %s: %w", d.Key, translate(err))
		}
	}
	for _, st := range existing {
		if !keep[st.Key] {
			if err := s.conn(ctx).Delete(&Stage{}, st.ID).Error; err != nil {
				return fmt.Errorf("remove stage %s: %w", st.Key, err)
			}
		}
	}
	return nil
}
