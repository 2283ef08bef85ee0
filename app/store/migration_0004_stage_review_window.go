package store

import (
	"time"

	"gorm.io/gorm"
)

// Step 0004 gives each stage a review window beside its filing window:
// applicants file within [opens_at, closes_at), experts score within
// [review_opens_at, review_closes_at).
type m0004Stage struct {
	ReviewOpensAt  *time.Time
	ReviewClosesAt *time.Time
}

func (m0004Stage) TableName() string { return "stages" }

func up0004StageReviewWindow(tx *gorm.DB) error {
	for _, col := range []string{"ReviewOpensAt", "ReviewClosesAt"} {
		if err := tx.Migrator().AddColumn(&m0004Stage{}, col); err != nil {
			return err
		}
	}
	return nil
}
