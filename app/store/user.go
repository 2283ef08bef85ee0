package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Role is what a user may do.
type Role string

// The three kinds of user.
const (
	RoleApplicant Role = "applicant" // a city, county or development-zone office filing dossiers
	RoleExpert    Role = "expert"    // a reviewer scoring assigned dossiers
	RoleOffice    Role = "office"    // the leading group office running the competition
)

// Roles lists every role in display order.
var Roles = []Role{RoleOffice, RoleExpert, RoleApplicant}

// Label is the role's Chinese name.
func (r Role) Label() string {
	switch r {
	case RoleApplicant:
		return "申报单位"
	case RoleExpert:
		return "评审专家"
	case RoleOffice:
		return "领导小组办公室"
	}
	return string(r)
}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	return r == RoleApplicant || r == RoleExpert || r == RoleOffice
}

// User is an account.
type User struct {
	ID                 int64
	Username           string
	DisplayName        string
	PasswordHash       string
	Role               Role
	RegionID           *int64 // applicants only: the region whose office this account speaks for
	Phone              string
	Email              string
	Disabled           bool
	MustChangePassword bool
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// TableName binds User to its table.
func (User) TableName() string { return "users" }

// UserFilter narrows FindUsers.
type UserFilter struct {
	Role     Role
	Query    string // matches username or display name
	RegionID int64
	Limit    int
}

// NormalizeUsername trims and lower-cases a login name so "ZhangSan " and
// "zhangsan" are the same account.
func NormalizeUsername(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// FindUserByID returns one user.
func (s *Store) FindUserByID(ctx context.Context, id int64) (*User, error) {
	var u User
	if err := s.conn(ctx).First(&u, id).Error; err != nil {
		return nil, translate(err)
	}
	return &u, nil
}

// FindUserByUsername returns the user with that (normalised) login name.
func (s *Store) FindUserByUsername(ctx context.Context, username string) (*User, error) {
	var u User
	err := s.conn(ctx).Where("username = ?", NormalizeUsername(username)).First(&u).Error
	if err != nil {
		return nil, translate(err)
	}
	return &u, nil
}

// FindUsers lists users matching f, ordered by role then username.
func (s *Store) FindUsers(ctx context.Context, f UserFilter) ([]User, error) {
	q := s.conn(ctx).Model(&User{})
	if f.Role != "" {
		q = q.Where("role = ?", f.Role)
	}
	if f.RegionID != 0 {
		q = q.Where("region_id = ?", f.RegionID)
	}
	if f.Query != "" {
		like := "%" + strings.ToLower(f.Query) + "%"
		q = q.Where("LOWER(username) LIKE ? OR LOWER(display_name) LIKE ?", like, like)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var users []User
	err := q.Order("role, username").Find(&users).Error
	return users, err
}

// CountUsers counts accounts, optionally of one role.
func (s *Store) CountUsers(ctx context.Context, role Role) (int64, error) {
	q := s.conn(ctx).Model(&User{})
	if role != "" {
		q = q.Where("role = ?", role)
	}
	var n int64
	err := q.Count(&n).Error
	return n, err
}

// CreateUser inserts u (its PasswordHash already set) and audits it.
func (s *Store) CreateUser(ctx context.Context, actor Actor, u *User) error {
	u.Username = NormalizeUsername(u.Username)
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.conn(ctx).Create(u).Error; err != nil {
			if errors.Is(translate(err), ErrDuplicate) {
				return fmt.Errorf("用户名 %q 已被使用: %w", u.Username, ErrDuplicate)
			}
			return fmt.Errorf("create user: %w", err)
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "user.create", Entity: "user",
			EntityID: u.ID, After: userAuditView(u)})
	})
}

// UserUpdate lists the fields an office account may change on a user; nil
// fields are left alone.
type UserUpdate struct {
	DisplayName *string
	RegionID    **int64
	Phone       *string
	Email       *string
	Disabled    *bool
}

// UpdateUser applies upd to user id and audits before/after.
func (s *Store) UpdateUser(ctx context.Context, actor Actor, id int64, upd UserUpdate, reason string) (*User, error) {
	var out *User
	err := s.Tx(ctx, func(tx *Store) error {
		u, err := tx.FindUserByID(ctx, id)
		if err != nil {
			return err
		}
		before := userAuditView(u)
		if upd.DisplayName != nil {
			u.DisplayName = *upd.DisplayName
		}
		if upd.RegionID != nil {
			u.RegionID = *upd.RegionID
		}
		if upd.Phone != nil {
			u.Phone = *upd.Phone
		}
		if upd.Email != nil {
			u.Email = *upd.Email
		}
		if upd.Disabled != nil {
			u.Disabled = *upd.Disabled
		}
		u.UpdatedAt = tx.Now()
		err = tx.conn(ctx).Model(u).Select("display_name", "region_id", "phone", "email", "disabled", "updated_at").
			Updates(u).Error
		if err != nil {
			return fmt.Errorf("update user %d: %w", id, err)
		}
		if upd.Disabled != nil && *upd.Disabled {
			if err := tx.DeleteUserSessions(ctx, id); err != nil {
				return err
			}
		}
		out = u
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "user.update", Entity: "user", EntityID: id,
			Before: before, After: userAuditView(u), Reason: reason})
	})
	return out, err
}

// SetPassword stores a new password hash for user id. mustChange marks a
// password the office issued, which the user must replace at next login.
// All of the user's sessions except keepSession end.
func (s *Store) SetPassword(ctx context.Context, actor Actor, id int64, hash string, mustChange bool, keepSession string) error {
	return s.Tx(ctx, func(tx *Store) error {
		res := tx.conn(ctx).Model(&User{}).Where("id = ?", id).Updates(map[string]any{
			"password_hash": hash, "must_change_password": mustChange, "updated_at": tx.Now(),
		})
		if res.Error != nil {
			return fmt.Errorf("set password: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		q := tx.conn(ctx).Where("user_id = ?", id)
		if keepSession != "" {
			q = q.Where("token_hash <> ?", keepSession)
		}
		if err := q.Delete(&Session{}).Error; err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		action := "user.password_change"
		if actor.UserID == nil || *actor.UserID != id {
			action = "user.password_reset"
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: action, Entity: "user", EntityID: id})
	})
}

// userAuditView is what the audit log records about a user (never the hash).
func userAuditView(u *User) map[string]any {
	return map[string]any{
		"username": u.Username, "display_name": u.DisplayName, "role": u.Role,
		"region_id": u.RegionID, "disabled": u.Disabled,
	}
}
