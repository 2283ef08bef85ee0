package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// Session is a logged-in browser. Only the SHA-256 of the cookie token is
// stored, so a copy of the database does not hand out live sessions. Living
// in the database, a session works on every app instance.
type Session struct {
	TokenHash  string `gorm:"primaryKey"`
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	RemoteAddr string
	UserAgent  string
}

// TableName binds Session to its table.
func (Session) TableName() string { return "sessions" }

// HashToken is the stored form of a session token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession stores a new session for token.
func (s *Store) CreateSession(ctx context.Context, token string, userID int64, ttl time.Duration, remoteAddr, userAgent string) (*Session, error) {
	now := s.Now()
	if len(userAgent) > 255 {
		userAgent = userAgent[:255]
	}
	if len(remoteAddr) > 64 {
		remoteAddr = remoteAddr[:64]
	}
	sess := &Session{TokenHash: HashToken(token), UserID: userID, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(ttl), RemoteAddr: remoteAddr, UserAgent: userAgent}
	if err := s.conn(ctx).Create(sess).Error; err != nil {
		return nil, fmt.Errorf("create session: %w", err)
	}
	return sess, nil
}

// FindSession returns the live session for token together with its user.
// Expired sessions, and sessions of disabled users, are ErrNotFound.
func (s *Store) FindSession(ctx context.Context, token string) (*Session, *User, error) {
	var sess Session
	err := s.conn(ctx).Where("token_hash = ? AND expires_at > ?", HashToken(token), s.Now()).First(&sess).Error
	if err != nil {
		return nil, nil, translate(err)
	}
	u, err := s.FindUserByID(ctx, sess.UserID)
	if err != nil {
		return nil, nil, err
	}
	if u.Disabled {
		return nil, nil, ErrNotFound
	}
	return &sess, u, nil
}

// TouchSession slides the idle expiry of a session forward, no more often than
// once a minute, so busy pages do not turn every request into a write.
func (s *Store) TouchSession(ctx context.Context, sess *Session, idle, absolute time.Duration) error {
	now := s.Now()
	if now.Sub(sess.LastSeenAt) < time.Minute {
		return nil
	}
	expires := now.Add(idle)
	if limit := sess.CreatedAt.Add(absolute); expires.After(limit) {
		expires = limit
	}
	// Through Tx, so on SQLite the write queues with the others instead of
	// polling the lock.
	return s.Tx(ctx, func(tx *Store) error {
		return tx.conn(ctx).Model(&Session{}).Where("token_hash = ?", sess.TokenHash).
			Updates(map[string]any{"last_seen_at": now, "expires_at": expires}).Error
	})
}

// DeleteSession ends one session (logout).
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	return s.conn(ctx).Where("token_hash = ?", HashToken(token)).Delete(&Session{}).Error
}

// DeleteUserSessions ends every session of a user.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	return s.conn(ctx).Where("user_id = ?", userID).Delete(&Session{}).Error
}

// DeleteExpiredSessions removes sessions expired for longer than grace (kept
// that long so a form posted after expiry can still be matched to its
// owner), expired pending forms, and login failures older than keepFailures;
// it returns how many sessions went.
func (s *Store) DeleteExpiredSessions(ctx context.Context, grace, keepFailures time.Duration) (int64, error) {
	if err := s.conn(ctx).Where("expires_at <= ?", s.Now()).Delete(&PendingForm{}).Error; err != nil {
		return 0, err
	}
	res := s.conn(ctx).Where("expires_at <= ?", s.Now().Add(-grace)).Delete(&Session{})
	if res.Error != nil {
		return 0, res.Error
	}
	err := s.conn(ctx).Where("at < ?", s.Now().Add(-keepFailures)).Delete(&LoginFailure{}).Error
	return res.RowsAffected, err
}

// LoginFailure is one throttling event — a failed login, a public objection —
// keyed by what it counts against ("acct:…", "addr:…", "objection-addr:…").
// The table kept its first use's name.
type LoginFailure struct {
	ID  int64
	Key string
	At  time.Time
}

// TableName binds LoginFailure to its table.
func (LoginFailure) TableName() string { return "login_failures" }

// RecordThrottleEvent notes one event under each key (e.g. a failed login
// under the account and the remote address).
func (s *Store) RecordThrottleEvent(ctx context.Context, keys ...string) error {
	now := s.Now()
	rows := make([]LoginFailure, 0, len(keys))
	for _, k := range keys {
		rows = append(rows, LoginFailure{Key: k, At: now})
	}
	if len(rows) == 0 {
		return nil
	}
	return s.conn(ctx).Create(&rows).Error
}

// CountThrottleEvents counts events under key since the given time.
func (s *Store) CountThrottleEvents(ctx context.Context, key string, since time.Time) (int64, error) {
	var n int64
	err := s.conn(ctx).Model(&LoginFailure{}).Where("key = ? AND at > ?", key, since.UTC()).Count(&n).Error
	return n, err
}

// ClearThrottleEvents forgets the events under key (e.g. after a good login).
func (s *Store) ClearThrottleEvents(ctx context.Context, key string) error {
	return s.conn(ctx).Where("key = ?", key).Delete(&LoginFailure{}).Error
}
