package account

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"chainjudge/app/store"

	"golang.org/x/crypto/bcrypt"
)

// New describes an account to create. Password may be empty: a random one
// is generated, returned once, and must be changed at first login.
type New struct {
	Username    string
	DisplayName string
	Role        store.Role
	RegionID    *int64 // applicants: the region they file for
	Phone       string
	Email       string
	Password    string
	// PasswordHash, when set, is a bcrypt hash made beforehand and stored
	// as it is instead of hashing Password: the demo hashes its one shared
	// password once for all its accounts, and tests give their throwaway
	// accounts a cheap hash. The web forms and the user command never set
	// it, so every password a person chooses is hashed at the configured
	// cost (≥ MinBcryptCost).
	PasswordHash string

	// Expert profile (role expert only).
	Organisation string
	Title        string
	HomeRegionID *int64
	Fields       []store.ExpertField
}

// Invalid maps field names to Chinese messages.
type Invalid map[string]string

func (v Invalid) Error() string {
	parts := make([]string, 0, len(v))
	for k, m := range v {
		parts = append(parts, k+": "+m)
	}
	return strings.Join(parts, "；")
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

// Validate checks n against the account rules and the reference data.
func (n *New) Validate(ctx context.Context, st *store.Store) Invalid {
	bad := Invalid{}
	n.Username = store.NormalizeUsername(n.Username)
	n.DisplayName = strings.TrimSpace(n.DisplayName)
	if !usernamePattern.MatchString(n.Username) {
		bad["username"] = "用户名须为 2–64 位小写字母、数字或 . _ -，以字母或数字开头"
	}
	if n.DisplayName == "" {
		bad["display_name"] = "请填写姓名或单位名称"
	} else if len([]rune(n.DisplayName)) > 100 {
		bad["display_name"] = "姓名或单位名称不能超过 100 字"
	}
	if !n.Role.Valid() {
		bad["role"] = "角色须为申报单位、评审专家或办公室"
	}
	if n.Role == store.RoleApplicant {
		if n.RegionID == nil {
			bad["region_id"] = "申报单位账号须绑定一个地区（设区市、县（市、区）或开发区）"
		} else if _, err := st.FindRegionByID(ctx, *n.RegionID); err != nil {
			bad["region_id"] = "所选地区不存在"
		}
	}
	if n.Role == store.RoleExpert && n.HomeRegionID != nil {
		if _, err := st.FindRegionByID(ctx, *n.HomeRegionID); err != nil {
			bad["home_region_id"] = "所选常住地区不存在"
		}
	}
	if n.Password != "" {
		if msg := PolicyProblem(n.Password); msg != "" {
			bad["password"] = msg
		}
	}
	if n.Email != "" && !strings.Contains(n.Email, "@") {
		bad["email"] = "邮箱格式不正确"
	}
	if len(bad) == 0 {
		return nil
	}
	return bad
}

// Create validates n and stores the account (and expert profile). It returns
// the user and the initial password when one was generated.
func Create(ctx context.Context, st *store.Store, actor store.Actor, n New, cost int) (*store.User, string, error) {
	if bad := n.Validate(ctx, st); bad != nil {
		return nil, "", bad
	}
	hash, generated, err := n.hash(cost)
	if err != nil {
		return nil, "", err
	}
	u := &store.User{Username: n.Username, DisplayName: n.DisplayName, PasswordHash: hash, Role: n.Role,
		Phone: strings.TrimSpace(n.Phone), Email: strings.TrimSpace(n.Email), MustChangePassword: generated != ""}
	if n.Role == store.RoleApplicant {
		u.RegionID = n.RegionID
	}
	err = st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateUser(ctx, actor, u); err != nil {
			if errors.Is(err, store.ErrDuplicate) {
				return Invalid{"username": fmt.Sprintf("用户名 %s 已被使用", n.Username)}
			}
			return err
		}
		if n.Role != store.RoleExpert {
			return nil
		}
		return tx.SaveExpert(ctx, actor, store.Expert{UserID: u.ID, Organisation: strings.TrimSpace(n.Organisation),
			Title: strings.TrimSpace(n.Title), HomeRegionID: n.HomeRegionID, Enabled: true}, n.Fields)
	})
	if err != nil {
		return nil, "", err
	}
	return u, generated, nil
}

// hash returns the hash to store and, when neither a password nor a hash
// was given, the password it generated.
func (n *New) hash(cost int) (hash, generated string, err error) {
	if n.PasswordHash != "" {
		if _, err := bcrypt.Cost([]byte(n.PasswordHash)); err != nil {
			return "", "", fmt.Errorf("account %s: password hash is not a bcrypt hash: %w", n.Username, err)
		}
		return n.PasswordHash, "", nil
	}
	password := n.Password
	if password == "" {
		password = GeneratePassword()
		generated = password
	}
	hash, err = HashPassword(password, cost)
	return hash, generated, err
}
