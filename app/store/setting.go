package store

import (
	"context"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// setting is one key/value row of office-wide configuration.
type setting struct {
	Key   string `gorm:"primaryKey"`
	Value string
}

func (setting) TableName() string { return "settings" }

// getSetting returns the value for key, or "" when unset.
func (s *Store) getSetting(ctx context.Context, key string) (string, error) {
	var row setting
	err := s.conn(ctx).Where("key = ?", key).First(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", nil
	}
	return row.Value, err
}

// putSetting inserts or replaces the value for key.
func (s *Store) putSetting(ctx context.Context, key, value string) error {
	return s.conn(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"value"}),
	}).Create(&setting{Key: key, Value: value}).Error
}

// Setting returns an office setting, or def when unset.
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) {
	v, err := s.getSetting(ctx, key)
	if err != nil {
		return "", err
	}
	if v == "" {
		return def, nil
	}
	return v, nil
}

// PutSetting stores an office setting and audits the change.
func (s *Store) PutSetting(ctx context.Context, actor Actor, key, value string) error {
	return s.Tx(ctx, func(tx *Store) error {
		old, err := tx.getSetting(ctx, key)
		if err != nil {
			return err
		}
		if err := tx.putSetting(ctx, key, value); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "setting.update", Entity: "setting",
			EntityID: key, Before: old, After: value})
	})
}
