package files

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
)

// ErrTooLarge means a file went over its size cap while being read.
var ErrTooLarge = errors.New("文件超过大小上限")

// ReadCapped reads r to the end while hashing it, and stops with
// ErrTooLarge as soon as more than max bytes arrive: nothing beyond the cap
// is read or kept. It returns the bytes and their hex SHA-256.
func ReadCapped(r io.Reader, max int64) ([]byte, string, error) {
	h := sha256.New()
	var buf bytes.Buffer
	n, err := io.Copy(io.MultiWriter(&buf, h), io.LimitReader(r, max+1))
	if err != nil {
		return nil, "", fmt.Errorf("read upload: %w", err)
	}
	if n > max {
		return nil, "", ErrTooLarge
	}
	return buf.Bytes(), hex.EncodeToString(h.Sum(nil)), nil
}

// SHA256 is the hex SHA-256 of data.
func SHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// ValidSum reports whether s is a lower-case hex SHA-256.
func ValidSum(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
