package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// APITokenScope is what an API token may read.
type APITokenScope string

// ScopeOffice reads everything the API offers, including raw scores under
// judge codes.
const ScopeOffice APITokenScope = "office"

// APITokenPrefix starts every token, so a leaked one is recognisable.
const APITokenPrefix = "cjt_"

// APIToken is a bearer token of the read-only JSON API. Only the SHA-256 of
// the secret is stored; Prefix is its first characters, to tell tokens apart.
type APIToken struct {
	ID         int64
	Name       string
	TokenHash  string
	Prefix     string
	Scope      APITokenScope
	CreatedBy  int64
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
	RevokedBy  *int64
}

// TableName binds APIToken to its table.
func (APIToken) TableName() string { return "api_tokens" }

// Active reports whether the token still works.
func (t *APIToken) Active() bool { return t.RevokedAt == nil }

// hashAPIToken is the stored form of a secret.
func hashAPIToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateAPIToken makes an office token and returns it with its secret, which
// is shown once and never stored.
func (s *Store) CreateAPIToken(ctx context.Context, actor Actor, name string) (*APIToken, string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, "", fmt.Errorf("请填写令牌用途: %w", ErrConflict)
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, "", fmt.Errorf("random token: %w", err)
	}
	secret := APITokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	t := APIToken{Name: name, TokenHash: hashAPIToken(secret), Prefix: secret[:len(APITokenPrefix)+6], Scope: ScopeOffice,
		CreatedBy: actorID(actor)}
	err := s.Tx(ctx, func(tx *Store) error {
		t.CreatedAt = tx.Now()
		if err := tx.conn(ctx).Create(&t).Error; err != nil {
			return fmt.Errorf("create api token: %w", translate(err))
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "apitoken.create", Entity: "api_token", EntityID: t.ID,
			After: map[string]any{"name": t.Name, "prefix": t.Prefix, "scope": t.Scope}})
	})
	if err != nil {
		return nil, "", err
	}
	return &t, secret, nil
}

// FindAPITokens lists every token, newest first.
func (s *Store) FindAPITokens(ctx context.Context) ([]APIToken, error) {
	var out []APIToken
	err := s.conn(ctx).Order("id DESC").Find(&out).Error
	return out, err
}

// RevokeAPIToken stops a token from working.
func (s *Store) RevokeAPIToken(ctx context.Context, actor Actor, id int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		var t APIToken
		if err := tx.conn(ctx).First(&t, id).Error; err != nil {
			return translate(err)
		}
		if t.RevokedAt != nil {
			return fmt.Errorf("该令牌已吊销: %w", ErrConflict)
		}
		if err := tx.conn(ctx).Model(&APIToken{}).Where("id = ?", id).
			Updates(map[string]any{"revoked_at": tx.Now(), "revoked_by": actor.UserID}).Error; err != nil {
			return fmt.Errorf("revoke api token: %w", err)
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "apitoken.revoke", Entity: "api_token", EntityID: id,
			Before: map[string]any{"name": t.Name, "prefix": t.Prefix}})
	})
}

// AuthenticateAPIToken returns the active token with the secret, noting
// when it was last used (at most once a minute); an unknown or revoked
// secret is ErrNotFound.
func (s *Store) AuthenticateAPIToken(ctx context.Context, secret string) (*APIToken, error) {
	if !strings.HasPrefix(secret, APITokenPrefix) {
		return nil, ErrNotFound
	}
	var t APIToken
	if err := s.conn(ctx).Where("token_hash = ? AND revoked_at IS NULL", hashAPIToken(secret)).First(&t).Error; err != nil {
		return nil, translate(err)
	}
	now := s.Now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		if err := s.conn(ctx).Model(&APIToken{}).Where("id = ?", t.ID).Update("last_used_at", now).Error; err != nil {
			return nil, fmt.Errorf("note api token use: %w", err)
		}
		t.LastUsedAt = &now
	}
	return &t, nil
}
