package store

import (
	"time"

	"gorm.io/gorm"
)

type m0003PendingForm struct {
	ID        string `gorm:"primaryKey;size:64"`
	UserID    int64  `gorm:"not null;index"`
	Method    string `gorm:"size:8;not null"`
	Path      string `gorm:"size:500;not null"`
	Values    string `gorm:"type:text;not null"`
	CreatedAt time.Time
	ExpiresAt time.Time  `gorm:"index"`
	User      *m0001User `gorm:"foreignKey:UserID;constraint:OnDelete:CASCADE"`
}

func (m0003PendingForm) TableName() string { return "pending_forms" }

func up0003PendingForms(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&m0003PendingForm{})
}
