package store

import (
	"time"

	"gorm.io/gorm"
)

// Step 0006: dossier attachments, the file bytes kept in the database
// (blobs, addressed by SHA-256), and the office's formal-check decisions.

type m0006Blob struct {
	SHA256    string `gorm:"primaryKey;size:64"`
	Size      int64  `gorm:"not null"`
	Data      []byte `gorm:"not null"`
	CreatedAt time.Time
}

func (m0006Blob) TableName() string { return "blobs" }

type m0006DossierAttachment struct {
	ID          int64  `gorm:"primaryKey"`
	DossierID   int64  `gorm:"not null;index;uniqueIndex:idx_dossier_attachments_dossier_sha,priority:1"`
	Requirement string `gorm:"size:40;not null"`
	FileName    string `gorm:"size:255;not null"`
	Kind        string `gorm:"size:8;not null"`
	Size        int64  `gorm:"not null"`
	SHA256      string `gorm:"size:64;not null;index;uniqueIndex:idx_dossier_attachments_dossier_sha,priority:2"`
	Storage     string `gorm:"size:8;not null"`
	UploadedBy  int64  `gorm:"not null"`
	CreatedAt   time.Time

	Dossier  *m0005Dossier `gorm:"foreignKey:DossierID;constraint:OnDelete:CASCADE"`
	Uploader *m0001User    `gorm:"foreignKey:UploadedBy;constraint:OnDelete:RESTRICT"`
}

func (m0006DossierAttachment) TableName() string { return "dossier_attachments" }

type m0006FormalReview struct {
	ID            int64  `gorm:"primaryKey"`
	DossierID     int64  `gorm:"not null;index"`
	Decision      string `gorm:"size:10;not null"`
	FromStatus    string `gorm:"size:16;not null"`
	Reason        string `gorm:"type:text;not null"`
	CorrectionDue *time.Time
	ContentHash   string `gorm:"size:80"`
	ActorID       *int64
	ActorName     string `gorm:"size:200;not null"`
	CreatedAt     time.Time

	Dossier *m0005Dossier `gorm:"foreignKey:DossierID;constraint:OnDelete:CASCADE"`
	Actor   *m0001User    `gorm:"foreignKey:ActorID;constraint:OnDelete:RESTRICT"`
}

func (m0006FormalReview) TableName() string { return "formal_reviews" }

func up0006DossierFiles(tx *gorm.DB) error {
	for _, t := range []any{&m0006Blob{}, &m0006DossierAttachment{}, &m0006FormalReview{}} {
		if err := tx.Migrator().CreateTable(t); err != nil {
			return err
		}
	}
	return nil
}
