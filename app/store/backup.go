package store

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrBackupUnsupported means the database engine is backed up with its own
// tools (pg_dump for PostgreSQL).
var ErrBackupUnsupported = errors.New("PostgreSQL 请使用 pg_dump 备份，例如：pg_dump --format=custom --file=chainjudge.dump \"$CHAINJUDGE_DB\"")

// Backup writes a consistent copy of a SQLite database to path while the
// service keeps running (VACUUM INTO reads one snapshot). The file must not
// exist yet.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect != SQLite {
		return ErrBackupUnsupported
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("备份文件 %s 已存在，请换一个文件名", path)
	}
	if err := s.conn(ctx).Exec("VACUUM INTO ?", path).Error; err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}
