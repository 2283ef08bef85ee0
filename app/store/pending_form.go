package store

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"time"
)

// PendingForm is a form a user submitted after their session had expired.
// It is kept (in the database, so any instance can resume it) until the same
// user logs in again and chooses to resubmit it, so typed text is never lost.
type PendingForm struct {
	ID        string // SHA-256 of the browser's resume token
	UserID    int64
	Method    string
	Path      string
	Values    string // JSON of url.Values, without the CSRF token
	CreatedAt time.Time
	ExpiresAt time.Time
}

// TableName binds PendingForm to its table.
func (PendingForm) TableName() string { return "pending_forms" }

// Form decodes the saved values.
func (p *PendingForm) Form() url.Values {
	v := url.Values{}
	_ = json.Unmarshal([]byte(p.Values), &v)
	return v
}

// SavePendingForm keeps form for userID under token for ttl.
func (s *Store) SavePendingForm(ctx context.Context, token string, userID int64, method, path string, form url.Values, ttl time.Duration) error {
	b, err := json.Marshal(form)
	if err != nil {
		return fmt.Errorf("encode pending form: %w", err)
	}
	now := s.Now()
	p := PendingForm{ID: HashToken(token), UserID: userID, Method: method, Path: path, Values: string(b),
		CreatedAt: now, ExpiresAt: now.Add(ttl)}
	if err := s.conn(ctx).Create(&p).Error; err != nil {
		return fmt.Errorf("save pending form: %w", err)
	}
	return nil
}

// FindPendingForm returns the live pending form for token, if it belongs to userID.
func (s *Store) FindPendingForm(ctx context.Context, token string, userID int64) (*PendingForm, error) {
	var p PendingForm
	err := s.conn(ctx).Where("id = ? AND user_id = ? AND expires_at > ?", HashToken(token), userID, s.Now()).First(&p).Error
	if err != nil {
		return nil, translate(err)
	}
	return &p, nil
}

// DeletePendingForm forgets a pending form.
func (s *Store) DeletePendingForm(ctx context.Context, token string) error {
	return s.conn(ctx).Where("id = ?", HashToken(token)).Delete(&PendingForm{}).Error
}

// FindSessionOwner returns the user of a session even if it has expired,
// provided it has not been swept yet: the owner of a form posted just after
// expiry.
func (s *Store) FindSessionOwner(ctx context.Context, token string) (int64, error) {
	var sess Session
	if err := s.conn(ctx).Where("token_hash = ?", HashToken(token)).First(&sess).Error; err != nil {
		return 0, translate(err)
	}
	return sess.UserID, nil
}
