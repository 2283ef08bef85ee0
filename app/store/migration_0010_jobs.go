package store

import (
	"time"

	"gorm.io/gorm"
)

// Step 0010: long-running jobs (bulk PDF generation, large imports) with
// their progress and result, kept in the database so every instance can show
// them and a page reload finds them again.
type m0010Job struct {
	ID          int64  `gorm:"primaryKey"`
	Kind        string `gorm:"size:40;not null;index"`
	Title       string `gorm:"size:200;not null"`
	OwnerID     int64  `gorm:"not null;index"`
	Status      string `gorm:"size:16;not null"`
	Done        int    `gorm:"not null;default:0"`
	Total       int    `gorm:"not null;default:0"`
	Message     string `gorm:"type:text"`
	Report      string `gorm:"type:text"`
	ResultName  string `gorm:"size:200"`
	ResultType  string `gorm:"size:100"`
	Result      []byte
	ResultTaken bool `gorm:"not null;default:false"`
	CreatedAt   time.Time
	UpdatedAt   time.Time
	FinishedAt  *time.Time

	Owner *m0001User `gorm:"foreignKey:OwnerID;constraint:OnDelete:CASCADE"`
}

func (m0010Job) TableName() string { return "jobs" }

func up0010Jobs(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&m0010Job{})
}
