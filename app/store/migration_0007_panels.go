package store

import (
	"time"

	"gorm.io/gorm"
)

// Step 0007_panels: expert panels drawn per stage (随机抽取), their members
// and ordered alternates, and the assignments of dossiers to experts.

type m0007PanelDraw struct {
	ID         int64  `gorm:"primaryKey"`
	StageID    int64  `gorm:"not null;index"`
	ClusterID  *int64 `gorm:"index"`
	ScopeLabel string `gorm:"size:100;not null"`
	Seed       string `gorm:"size:100;not null"`
	Algorithm  string `gorm:"size:100;not null"`
	InputJSON  string `gorm:"type:text;not null"`
	ResultJSON string `gorm:"type:text;not null"`
	InputHash  string `gorm:"size:80;not null"`
	Members    int    `gorm:"not null"`
	Alternates int    `gorm:"not null"`
	PerDossier int    `gorm:"not null"`
	Sealed     bool   `gorm:"not null;default:false"`
	Status     string `gorm:"size:10;not null;index"`
	VoidReason string `gorm:"type:text"`
	CreatedBy  int64  `gorm:"not null"`
	CreatedAt  time.Time
	UnsealedAt *time.Time
	VoidedAt   *time.Time
	Version    int64 `gorm:"not null;default:1"`

	Stage   *m0001Stage   `gorm:"foreignKey:StageID;constraint:OnDelete:RESTRICT"`
	Cluster *m0001Cluster `gorm:"foreignKey:ClusterID;constraint:OnDelete:RESTRICT"`
	Creator *m0001User    `gorm:"foreignKey:CreatedBy;constraint:OnDelete:RESTRICT"`
}

func (m0007PanelDraw) TableName() string { return "panel_draws" }

type m0007PanelMember struct {
	ID            int64  `gorm:"primaryKey"`
	DrawID        int64  `gorm:"not null;uniqueIndex:idx_panel_members_draw_expert,priority:1"`
	ExpertID      int64  `gorm:"not null;uniqueIndex:idx_panel_members_draw_expert,priority:2;index"`
	Role          string `gorm:"size:10;not null"`
	Rank          int    `gorm:"not null"`
	PromotedAt    *time.Time
	PromoteReason string `gorm:"type:text"`

	Draw   *m0007PanelDraw `gorm:"foreignKey:DrawID;constraint:OnDelete:CASCADE"`
	Expert *m0001User      `gorm:"foreignKey:ExpertID;constraint:OnDelete:RESTRICT"`
}

func (m0007PanelMember) TableName() string { return "panel_members" }

type m0007Assignment struct {
	ID           int64  `gorm:"primaryKey"`
	DrawID       int64  `gorm:"not null;uniqueIndex:idx_assignments_draw_dossier_expert,priority:1"`
	StageID      int64  `gorm:"not null;index:idx_assignments_stage_expert,priority:1;index:idx_assignments_stage_dossier,priority:1"`
	DossierID    int64  `gorm:"not null;uniqueIndex:idx_assignments_draw_dossier_expert,priority:2;index:idx_assignments_stage_dossier,priority:2"`
	ExpertID     int64  `gorm:"not null;uniqueIndex:idx_assignments_draw_dossier_expert,priority:3;index:idx_assignments_stage_expert,priority:2"`
	Status       string `gorm:"size:10;not null"`
	Source       string `gorm:"size:12;not null"`
	ReplacesID   *int64
	RecuseReason string `gorm:"type:text"`
	RecusedAt    *time.Time
	CreatedAt    time.Time

	Draw     *m0007PanelDraw  `gorm:"foreignKey:DrawID;constraint:OnDelete:RESTRICT"`
	Stage    *m0001Stage      `gorm:"foreignKey:StageID;constraint:OnDelete:RESTRICT"`
	Dossier  *m0005Dossier    `gorm:"foreignKey:DossierID;constraint:OnDelete:RESTRICT"`
	Expert   *m0001User       `gorm:"foreignKey:ExpertID;constraint:OnDelete:RESTRICT"`
	Replaces *m0007Assignment `gorm:"foreignKey:ReplacesID;constraint:OnDelete:RESTRICT"`
}

func (m0007Assignment) TableName() string { return "assignments" }

func up0007Panels(tx *gorm.DB) error {
	for _, t := range []any{&m0007PanelDraw{}, &m0007PanelMember{}, &m0007Assignment{}} {
		if err := tx.Migrator().CreateTable(t); err != nil {
			return err
		}
	}
	return nil
}
