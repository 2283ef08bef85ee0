package files

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Storage keeps file bytes addressed by their hex SHA-256, so equal files
// are kept once. Put is idempotent; Get of an unknown sum is an error
// wrapping fs.ErrNotExist. The default implementation keeps them in the
// database (store.Blobs), so several app instances share them; Dir keeps
// them in a directory every instance must mount.
type Storage interface {
	Put(ctx context.Context, sum string, data []byte) error
	Get(ctx context.Context, sum string) ([]byte, error)
	Delete(ctx context.Context, sum string) error
}

// Dir is a Storage in a directory: each file at Root/ab/abcdef… (the first
// two hex digits fan the files out).
type Dir struct {
	Root string
}

func (d Dir) path(sum string) (string, error) {
	if !ValidSum(sum) {
		return "", fmt.Errorf("files: invalid sha256 %q", sum)
	}
	return filepath.Join(d.Root, sum[:2], sum), nil
}

// Put writes data under sum unless it is already there. The file appears
// whole or not at all (written to a temporary name, synced, renamed).
func (d Dir) Put(_ context.Context, sum string, data []byte) error {
	if SHA256(data) != sum {
		return fmt.Errorf("files: content does not match sha256 %s", sum)
	}
	p, err := d.path(sum)
	if err != nil {
		return err
	}
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return fmt.Errorf("files: create directory: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return fmt.Errorf("files: create temporary file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("files: write: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("files: sync: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("files: close: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("files: rename into place: %w", err)
	}
	return nil
}

// Get reads the file with the sum.
func (d Dir) Get(_ context.Context, sum string) ([]byte, error) {
	p, err := d.path(sum)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("files: read %s: %w", sum, err)
	}
	return data, nil
}

// Delete removes the file with the sum; a missing file is no error.
func (d Dir) Delete(_ context.Context, sum string) error {
	p, err := d.path(sum)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("files: delete %s: %w", sum, err)
	}
	return nil
}
