package store

import (
	"gorm.io/gorm"
)

// Step 0008_notice_documents keeps each notice's PDF as issued (in blobs,
// by SHA-256) and the result notice's addressees (主送机关), so the
// document never changes after it is issued.
type m0008NoticeDocument struct {
	PDFSHA256  *string `gorm:"column:pdf_sha256;size:64"`
	Addressees string  `gorm:"size:200;not null;default:''"`
}

func (m0008NoticeDocument) TableName() string { return "notices" }

func up0008NoticeDocuments(tx *gorm.DB) error {
	for _, col := range []string{"PDFSHA256", "Addressees"} {
		if err := tx.Migrator().AddColumn(&m0008NoticeDocument{}, col); err != nil {
			return err
		}
	}
	return nil
}
