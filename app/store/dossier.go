package store

import (
	"context"
	"fmt"
	"time"
)

// DossierStatus is where a dossier is in filing and the formal check.
type DossierStatus string

// Dossier statuses.
const (
	DossierDraft     DossierStatus = "draft"     // being written by the applicant
	DossierSubmitted DossierStatus = "submitted" // submitted, waiting for the formal check (形式审查)
	DossierReturned  DossierStatus = "returned"  // returned for correction (退回修改)
	DossierPassed    DossierStatus = "passed"    // passed the formal check
	DossierRejected  DossierStatus = "rejected"  // not accepted (不予受理)
	DossierWithdrawn DossierStatus = "withdrawn" // withdrawn by the applicant before the deadline
)

// DossierStatuses lists every status in display order.
var DossierStatuses = []DossierStatus{DossierDraft, DossierSubmitted, DossierReturned, DossierPassed, DossierRejected, DossierWithdrawn}

// Label is the status's Chinese name.
func (s DossierStatus) Label() string {
	switch s {
	case DossierDraft:
		return "草稿"
	case DossierSubmitted:
		return "已提交待审查"
	case DossierReturned:
		return "退回修改"
	case DossierPassed:
		return "形式审查通过"
	case DossierRejected:
		return "不予受理"
	case DossierWithdrawn:
		return "已撤回"
	}
	return string(s)
}

// Dossier is one region's bid for one chain in one competition. Content is
// the applicant's filled-in form (indicators, narrative sections, lead
// enterprises, key projects) as JSON; its shape belongs to the dossier
// handlers, the store keeps it whole so a draft is saved exactly as typed.
type Dossier struct {
	ID            int64
	CompetitionID int64
	ChainID       int64
	RegionID      int64   // the core area (核心区): the applicant's own region
	Number        *string // 申报编号, assigned at first submission
	Status        DossierStatus
	Title         string
	Content       string
	ContentHash   string // SHA-256 of what was last submitted
	CreatedBy     int64
	Version       int64 // optimistic lock
	CorrectionDue *time.Time
	SubmittedAt   *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TableName binds Dossier to its table.
func (Dossier) TableName() string { return "dossiers" }

// NumberString is the dossier number or "".
func (d Dossier) NumberString() string {
	if d.Number == nil {
		return ""
	}
	return *d.Number
}

// AreaRole says how a region takes part in a dossier.
type AreaRole string

// Area roles.
const (
	AreaCore   AreaRole = "core"   // 核心区
	AreaCollab AreaRole = "collab" // 协同区
)

// Label is the role's Chinese name.
func (r AreaRole) Label() string {
	if r == AreaCore {
		return "核心区"
	}
	return "协同区"
}

// DossierArea is one region named in a dossier.
type DossierArea struct {
	ID        int64
	DossierID int64
	RegionID  int64
	Role      AreaRole
}

// TableName binds DossierArea to its table.
func (DossierArea) TableName() string { return "dossier_areas" }

// StageEntry says a dossier takes part in a stage: it passed the formal
// check (first stage) or advanced from the previous stage.
type StageEntry struct {
	StageID   int64 `gorm:"primaryKey"`
	DossierID int64 `gorm:"primaryKey"`
	Source    string
	EnteredAt time.Time
}

// TableName binds StageEntry to its table.
func (StageEntry) TableName() string { return "stage_entries" }

// Stage entry sources.
const (
	EntryFormalCheck = "formal_check"
	EntryAdvancement = "advancement"
)

// NewDossier is what CreateDossier needs.
type NewDossier struct {
	CompetitionID   int64
	ChainID         int64
	RegionID        int64
	CreatedBy       int64
	Title           string
	Content         string
	CollabRegionIDs []int64
}

// CreateDossier starts a draft dossier with its core and collaborative areas.
// A second dossier of the same region for the same chain in the same
// competition is ErrDuplicate.
func (s *Store) CreateDossier(ctx context.Context, actor Actor, nd NewDossier) (*Dossier, error) {
	d := &Dossier{CompetitionID: nd.CompetitionID, ChainID: nd.ChainID, RegionID: nd.RegionID, Status: DossierDraft,
		Title: nd.Title, Content: nd.Content, CreatedBy: nd.CreatedBy, Version: 1}
	if d.Content == "" {
		d.Content = "{}"
	}
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.conn(ctx).Create(d).Error; err != nil {
			return fmt.Errorf("create dossier: %w", translate(err))
		}
		if err := tx.SetDossierAreas(ctx, d.ID, d.RegionID, nd.CollabRegionIDs); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "dossier.create", Entity: "dossier", EntityID: d.ID,
			After: map[string]any{"competition": d.CompetitionID, "chain": d.ChainID, "region": d.RegionID,
				"collab": nd.CollabRegionIDs}})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// SetDossierAreas replaces a dossier's areas: the core region and the
// collaborative regions (the core is never also collaborative).
func (s *Store) SetDossierAreas(ctx context.Context, dossierID, coreID int64, collabIDs []int64) error {
	if err := s.conn(ctx).Where("dossier_id = ?", dossierID).Delete(&DossierArea{}).Error; err != nil {
		return fmt.Errorf("clear dossier areas: %w", err)
	}
	rows := []DossierArea{{DossierID: dossierID, RegionID: coreID, Role: AreaCore}}
	seen := map[int64]bool{coreID: true}
	for _, id := range collabIDs {
		if !seen[id] {
			seen[id] = true
			rows = append(rows, DossierArea{DossierID: dossierID, RegionID: id, Role: AreaCollab})
		}
	}
	if err := s.conn(ctx).Create(&rows).Error; err != nil {
		return fmt.Errorf("set dossier areas: %w", translate(err))
	}
	return nil
}

// FindDossierByID returns one dossier.
func (s *Store) FindDossierByID(ctx context.Context, id int64) (*Dossier, error) {
	var d Dossier
	if err := s.conn(ctx).First(&d, id).Error; err != nil {
		return nil, translate(err)
	}
	return &d, nil
}

// DossierFilter narrows FindDossiers; zero fields do not filter.
type DossierFilter struct {
	CompetitionID int64
	ChainID       int64
	ClusterID     int64
	CityID        int64 // the core region is the city or lies in it
	RegionID      int64 // the core region
	// CollabRegionID keeps dossiers naming the region as a collaborative area.
	CollabRegionID int64
	Statuses       []DossierStatus
	StageID        int64 // only dossiers entered in this stage
	IDs            []int64
}

// FindDossiers lists dossiers matching f by id. Content is left out (it can
// be large); load one dossier with FindDossierByID to read it.
func (s *Store) FindDossiers(ctx context.Context, f DossierFilter) ([]Dossier, error) {
	q := s.conn(ctx).Model(&Dossier{}).Omit("content")
	if f.CompetitionID != 0 {
		q = q.Where("dossiers.competition_id = ?", f.CompetitionID)
	}
	if f.ChainID != 0 {
		q = q.Where("dossiers.chain_id = ?", f.ChainID)
	}
	if f.ClusterID != 0 {
		q = q.Where("dossiers.chain_id IN (SELECT id FROM chains WHERE cluster_id = ?)", f.ClusterID)
	}
	if f.CityID != 0 {
		q = q.Where("dossiers.region_id IN (SELECT id FROM regions WHERE id = ? OR parent_id = ?)", f.CityID, f.CityID)
	}
	if f.RegionID != 0 {
		q = q.Where("dossiers.region_id = ?", f.RegionID)
	}
	if f.CollabRegionID != 0 {
		q = q.Where("dossiers.id IN (SELECT dossier_id FROM dossier_areas WHERE region_id = ? AND role = ?)",
			f.CollabRegionID, AreaCollab)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("dossiers.status IN ?", f.Statuses)
	}
	if f.StageID != 0 {
		q = q.Where("dossiers.id IN (SELECT dossier_id FROM stage_entries WHERE stage_id = ?)", f.StageID)
	}
	if f.IDs != nil {
		q = q.Where("dossiers.id IN ?", f.IDs)
	}
	var out []Dossier
	err := q.Order("dossiers.id").Find(&out).Error
	return out, err
}

// DossierAreas returns the areas of the given dossiers, keyed by dossier.
func (s *Store) DossierAreas(ctx context.Context, dossierIDs []int64) (map[int64][]DossierArea, error) {
	out := map[int64][]DossierArea{}
	if len(dossierIDs) == 0 {
		return out, nil
	}
	var rows []DossierArea
	if err := s.conn(ctx).Where("dossier_id IN ?", dossierIDs).Order("dossier_id, role, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.DossierID] = append(out[r.DossierID], r)
	}
	return out, nil
}

// AddStageEntry enters a dossier in a stage (idempotent).
func (s *Store) AddStageEntry(ctx context.Context, stageID, dossierID int64, source string) error {
	var n int64
	if err := s.conn(ctx).Model(&StageEntry{}).Where("stage_id = ? AND dossier_id = ?", stageID, dossierID).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return s.conn(ctx).Create(&StageEntry{StageID: stageID, DossierID: dossierID, Source: source, EnteredAt: s.Now()}).Error
}

// RemoveStageEntry takes a dossier out of a stage.
func (s *Store) RemoveStageEntry(ctx context.Context, stageID, dossierID int64) error {
	return s.conn(ctx).Where("stage_id = ? AND dossier_id = ?", stageID, dossierID).Delete(&StageEntry{}).Error
}

// StageEntries lists the dossier ids entered in a stage.
func (s *Store) StageEntries(ctx context.Context, stageID int64) ([]int64, error) {
	var ids []int64
	err := s.conn(ctx).Model(&StageEntry{}).Where("stage_id = ?", stageID).Order("dossier_id").Pluck("dossier_id", &ids).Error
	return ids, err
}
