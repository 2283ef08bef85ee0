package store

import (
	"time"

	"gorm.io/gorm"
)

// Step 0008_api_tokens: bearer tokens for the read-only JSON API, stored
// only as their SHA-256.

type m0008APIToken struct {
	ID         int64  `gorm:"primaryKey"`
	Name       string `gorm:"size:100;not null"`
	TokenHash  string `gorm:"size:64;not null;uniqueIndex"`
	Prefix     string `gorm:"size:16;not null"`
	Scope      string `gorm:"size:16;not null"`
	CreatedBy  int64  `gorm:"not null"`
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
	RevokedBy  *int64

	Creator *m0001User `gorm:"foreignKey:CreatedBy;constraint:OnDelete:RESTRICT"`
	Revoker *m0001User `gorm:"foreignKey:RevokedBy;constraint:OnDelete:RESTRICT"`
}

func (m0008APIToken) TableName() string { return "api_tokens" }

func up0008APITokens(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&m0008APIToken{})
}
