package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// migration is one append-only schema step. Up must use frozen local structs
// or SQL, never the live models: a later change to a model must not change
// what an old step created.
type migration struct {
	ID string
	Up func(tx *gorm.DB) error
}

// migrations is the ordered, append-only list of schema steps. Never edit or
// reorder a step that has shipped; add a new one.
var migrations = []migration{
	{ID: "0001_foundation", Up: up0001Foundation},
	{ID: "0002_seed_reference", Up: up0002SeedReference},
	{ID: "0003_pending_forms", Up: up0003PendingForms},
	{ID: "0004_stage_review_window", Up: up0004StageReviewWindow},
	{ID: "0005_dossiers", Up: up0005Dossiers},
	{ID: "0007_panels", Up: up0007Panels},
	{ID: "0007_scores", Up: up0007Scores},
	{ID: "0006_dossier_files", Up: up0006DossierFiles},
	{ID: "0008_results", Up: up0008Results},
	{ID: "0008_notices", Up: up0008Notices},
	{ID: "0008_api_tokens", Up: up0008APITokens},
	{ID: "0010_jobs", Up: up0010Jobs},
	{ID: "0008_notice_documents", Up: up0008NoticeDocuments},
	{ID: "0011_score_sheet_values", Up: up0011ScoreSheetValues},
}

// schemaMigration records an applied step.
type schemaMigration struct {
	ID        string `gorm:"primaryKey;size:100"`
	AppliedAt time.Time
}

func (schemaMigration) TableName() string { return "schema_migrations" }

// migrationLockKey serialises migrations across app instances on PostgreSQL.
const migrationLockKey = 7_243_001

// migrate applies every pending step, each in its own transaction together
// with its schema_migrations row, so a crash leaves either all of a step or
// none of it.
func (s *Store) migrate(ctx context.Context) error {
	db := s.conn(ctx)
	if err := db.Migrator().AutoMigrate(&schemaMigration{}); err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	for _, m := range migrations {
		err := db.Transaction(func(tx *gorm.DB) error {
			if s.dialect == Postgres {
				if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", migrationLockKey).Error; err != nil {
					return err
				}
			}
			var n int64
			if err := tx.Model(&schemaMigration{}).Where("id = ?", m.ID).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if err := m.Up(tx); err != nil {
				return err
			}
			return tx.Create(&schemaMigration{ID: m.ID, AppliedAt: s.Now()}).Error
		})
		if err != nil {
			return fmt.Errorf("store: migration %s: %w", m.ID, err)
		}
	}
	return nil
}

// AppliedMigrations lists the IDs of applied schema steps in order.
func (s *Store) AppliedMigrations(ctx context.Context) ([]string, error) {
	var ids []string
	err := s.conn(ctx).Model(&schemaMigration{}).Order("id").Pluck("id", &ids).Error
	return ids, err
}
