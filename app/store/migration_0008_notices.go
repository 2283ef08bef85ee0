package store

import (
	"time"

	"gorm.io/gorm"
)

// Step 0008_notices: public notices (公示 and the published result notice)
// with the list they show frozen, and the objections raised against a 公示
// with their evidence (kept in blobs) and handling record.

type m0008Notice struct {
	ID             int64  `gorm:"primaryKey"`
	CompetitionID  int64  `gorm:"not null;index"`
	Kind           string `gorm:"size:10;not null"`
	Title          string `gorm:"size:200;not null"`
	Body           string `gorm:"type:text;not null"`
	DocNumber      string `gorm:"size:80;not null"`
	Issuer         string `gorm:"size:200;not null"`
	StartsAt       time.Time
	EndsAt         time.Time
	WorkingDays    int    `gorm:"not null"`
	ContactName    string `gorm:"size:100;not null"`
	ContactPhone   string `gorm:"size:40;not null"`
	ContactAddress string `gorm:"size:200;not null"`
	ContactEmail   string `gorm:"size:120;not null"`
	CalendarNote   string `gorm:"type:text;not null"`
	EntriesJSON    string `gorm:"type:text;not null"`
	Status         string `gorm:"size:12;not null;index"`
	WithdrawReason string `gorm:"type:text;not null"`
	CreatedBy      int64  `gorm:"not null"`
	CreatedAt      time.Time
	Version        int64 `gorm:"not null;default:1"`

	Competition *m0001Competition `gorm:"foreignKey:CompetitionID;constraint:OnDelete:RESTRICT"`
	Creator     *m0001User        `gorm:"foreignKey:CreatedBy;constraint:OnDelete:RESTRICT"`
}

func (m0008Notice) TableName() string { return "notices" }

type m0008Objection struct {
	ID             int64   `gorm:"primaryKey"`
	NoticeID       int64   `gorm:"not null;index"`
	DossierID      int64   `gorm:"not null;index"`
	Name           string  `gorm:"size:100;not null"`
	Unit           string  `gorm:"size:200;not null"`
	Phone          string  `gorm:"size:40;not null"`
	Email          string  `gorm:"size:120;not null"`
	Reason         string  `gorm:"type:text;not null"`
	EvidenceSHA256 *string `gorm:"size:64;index"`
	EvidenceName   string  `gorm:"size:255;not null"`
	EvidenceKind   string  `gorm:"size:8;not null"`
	EvidenceSize   int64   `gorm:"not null"`
	RemoteAddr     string  `gorm:"size:64;not null"`
	SubmittedAt    time.Time
	Status         string `gorm:"size:12;not null;index"`
	HandlingReason string `gorm:"type:text;not null"`
	ReReview       string `gorm:"type:text;not null"`
	HandledBy      *int64
	HandledAt      *time.Time
	Version        int64 `gorm:"not null;default:1"`

	Notice   *m0008Notice  `gorm:"foreignKey:NoticeID;constraint:OnDelete:RESTRICT"`
	Dossier  *m0005Dossier `gorm:"foreignKey:DossierID;constraint:OnDelete:RESTRICT"`
	Evidence *m0006Blob    `gorm:"foreignKey:EvidenceSHA256;references:SHA256;constraint:OnDelete:RESTRICT"`
	Handler  *m0001User    `gorm:"foreignKey:HandledBy;constraint:OnDelete:RESTRICT"`
}

func (m0008Objection) TableName() string { return "objections" }

func up0008Notices(tx *gorm.DB) error {
	for _, t := range []any{&m0008Notice{}, &m0008Objection{}} {
		if err := tx.Migrator().CreateTable(t); err != nil {
			return err
		}
	}
	return nil
}
