package store

import (
	"time"

	"gorm.io/gorm"
)

// Step 0005: dossiers (申报书), their core and collaborative areas, and the
// stage entries that say which dossiers take part in which stage.

type m0005Dossier struct {
	ID            int64   `gorm:"primaryKey"`
	CompetitionID int64   `gorm:"not null;uniqueIndex:idx_dossiers_comp_chain_region,priority:1;uniqueIndex:idx_dossiers_comp_number,priority:1"`
	ChainID       int64   `gorm:"not null;uniqueIndex:idx_dossiers_comp_chain_region,priority:2;index"`
	RegionID      int64   `gorm:"not null;uniqueIndex:idx_dossiers_comp_chain_region,priority:3;index"`
	Number        *string `gorm:"size:40;uniqueIndex:idx_dossiers_comp_number,priority:2"`
	Status        string  `gorm:"size:16;not null;index"`
	Title         string  `gorm:"size:200;not null"`
	Content       string  `gorm:"type:text;not null"`
	ContentHash   string  `gorm:"size:80"`
	CreatedBy     int64   `gorm:"not null"`
	Version       int64   `gorm:"not null;default:1"`
	CorrectionDue *time.Time
	SubmittedAt   *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time

	Competition *m0001Competition `gorm:"foreignKey:CompetitionID;constraint:OnDelete:RESTRICT"`
	Chain       *m0001Chain       `gorm:"foreignKey:ChainID;constraint:OnDelete:RESTRICT"`
	Region      *m0001Region      `gorm:"foreignKey:RegionID;constraint:OnDelete:RESTRICT"`
	Creator     *m0001User        `gorm:"foreignKey:CreatedBy;constraint:OnDelete:RESTRICT"`
}

func (m0005Dossier) TableName() string { return "dossiers" }

type m0005DossierArea struct {
	ID        int64  `gorm:"primaryKey"`
	DossierID int64  `gorm:"not null;uniqueIndex:idx_dossier_areas_dossier_region,priority:1"`
	RegionID  int64  `gorm:"not null;uniqueIndex:idx_dossier_areas_dossier_region,priority:2;index"`
	Role      string `gorm:"size:10;not null"`

	Dossier *m0005Dossier `gorm:"foreignKey:DossierID;constraint:OnDelete:CASCADE"`
	Region  *m0001Region  `gorm:"foreignKey:RegionID;constraint:OnDelete:RESTRICT"`
}

func (m0005DossierArea) TableName() string { return "dossier_areas" }

type m0005StageEntry struct {
	StageID   int64  `gorm:"primaryKey"`
	DossierID int64  `gorm:"primaryKey;index"`
	Source    string `gorm:"size:20;not null"`
	EnteredAt time.Time

	Stage   *m0001Stage   `gorm:"foreignKey:StageID;constraint:OnDelete:CASCADE"`
	Dossier *m0005Dossier `gorm:"foreignKey:DossierID;constraint:OnDelete:CASCADE"`
}

func (m0005StageEntry) TableName() string { return "stage_entries" }

func up0005Dossiers(tx *gorm.DB) error {
	for _, t := range []any{&m0005Dossier{}, &m0005DossierArea{}, &m0005StageEntry{}} {
		if err := tx.Migrator().CreateTable(t); err != nil {
			return err
		}
	}
	return nil
}
