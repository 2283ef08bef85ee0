package store

import (
	"context"
	"fmt"
	"io/fs"
	"time"
)

// Blob is a file's bytes kept in the database, addressed by SHA-256. Equal
// files are kept once, however many dossiers attach them.
type Blob struct {
	SHA256    string `gorm:"primaryKey"`
	Size      int64
	Data      []byte
	CreatedAt time.Time
}

// TableName binds Blob to its table.
func (Blob) TableName() string { return "blobs" }

// Blobs is the database file storage (files.Storage): bytes live in the
// blobs table, so every app instance sees every file. Obtain it from a Store
// bound to a transaction to make a Put part of that transaction.
type Blobs struct{ s *Store }

// Blobs returns the database file storage of this store (or transaction).
func (s *Store) Blobs() Blobs { return Blobs{s: s} }

// Put stores data under sum unless a blob with that sum exists.
func (b Blobs) Put(ctx context.Context, sum string, data []byte) error {
	var n int64
	if err := b.s.conn(ctx).Model(&Blob{}).Where("sha256 = ?", sum).Count(&n).Error; err != nil {
		return fmt.Errorf("find blob: %w", err)
	}
	if n > 0 {
		return nil
	}
	if err := b.s.conn(ctx).Create(&Blob{SHA256: sum, Size: int64(len(data)), Data: data, CreatedAt: b.s.Now()}).Error; err != nil {
		return fmt.Errorf("store blob: %w", translate(err))
	}
	return nil
}

// Get returns the bytes stored under sum; an unknown sum is an error
// wrapping fs.ErrNotExist.
func (b Blobs) Get(ctx context.Context, sum string) ([]byte, error) {
	var blob Blob
	err := b.s.conn(ctx).Where("sha256 = ?", sum).Limit(1).Find(&blob).Error
	if err != nil {
		return nil, fmt.Errorf("read blob: %w", err)
	}
	if blob.SHA256 == "" {
		return nil, fmt.Errorf("blob %s: %w", sum, fs.ErrNotExist)
	}
	return blob.Data, nil
}

// Delete removes the blob stored under sum (no error when there is none).
func (b Blobs) Delete(ctx context.Context, sum string) error {
	if err := b.s.conn(ctx).Where("sha256 = ?", sum).Delete(&Blob{}).Error; err != nil {
		return fmt.Errorf("delete blob: %w", err)
	}
	return nil
}
