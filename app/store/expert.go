package store

import (
	"context"
	"fmt"
)

// Expert is the reviewer profile of a user with role expert.
type Expert struct {
	UserID       int64 `gorm:"primaryKey"`
	Organisation string
	Title        string
	HomeRegionID *int64
	Note         string
	Enabled      bool
}

// TableName binds Expert to its table.
func (Expert) TableName() string { return "experts" }

// ExpertField is one field of expertise: a whole cluster (ChainID nil) or one
// chain of it.
type ExpertField struct {
	ID        int64
	UserID    int64
	ClusterID int64
	ChainID   *int64
}

// TableName binds ExpertField to its table.
func (ExpertField) TableName() string { return "expert_fields" }

// ExpertProfile is an expert with their account and fields.
type ExpertProfile struct {
	User   User
	Expert Expert
	Fields []ExpertField
}

// Covers reports whether the expert's fields include the chain (directly or
// through its whole cluster).
func (p *ExpertProfile) Covers(chain *Chain) bool {
	for _, f := range p.Fields {
		if f.ChainID != nil && *f.ChainID == chain.ID {
			return true
		}
		if f.ChainID == nil && f.ClusterID == chain.ClusterID {
			return true
		}
	}
	return false
}

// SaveExpert creates or replaces an expert profile and fields for userID.
func (s *Store) SaveExpert(ctx context.Context, actor Actor, e Expert, fields []ExpertField) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.conn(ctx).Save(&e).Error; err != nil {
			return fmt.Errorf("save expert: %w", translate(err))
		}
		if err := tx.conn(ctx).Where("user_id = ?", e.UserID).Delete(&ExpertField{}).Error; err != nil {
			return fmt.Errorf("clear expert fields: %w", err)
		}
		for i := range fields {
			fields[i].ID, fields[i].UserID = 0, e.UserID
		}
		if len(fields) > 0 {
			if err := tx.conn(ctx).Create(&fields).Error; err != nil {
				return fmt.Errorf("save expert fields: %w", translate(err))
			}
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "expert.save", Entity: "expert",
			EntityID: e.UserID, After: map[string]any{"expert": e, "fields": fields}})
	})
}

// FindExpertProfiles lists experts with their accounts and fields, by username.
func (s *Store) FindExpertProfiles(ctx context.Context) ([]ExpertProfile, error) {
	users, err := s.FindUsers(ctx, UserFilter{Role: RoleExpert})
	if err != nil {
		return nil, err
	}
	var experts []Expert
	if err := s.conn(ctx).Find(&experts).Error; err != nil {
		return nil, err
	}
	var fields []ExpertField
	if err := s.conn(ctx).Order("id").Find(&fields).Error; err != nil {
		return nil, err
	}
	byUser := make(map[int64]Expert, len(experts))
	for _, e := range experts {
		byUser[e.UserID] = e
	}
	fieldsByUser := make(map[int64][]ExpertField)
	for _, f := range fields {
		fieldsByUser[f.UserID] = append(fieldsByUser[f.UserID], f)
	}
	out := make([]ExpertProfile, 0, len(users))
	for _, u := range users {
		e, ok := byUser[u.ID]
		if !ok {
			e = Expert{UserID: u.ID, Enabled: true}
		}
		out = append(out, ExpertProfile{User: u, Expert: e, Fields: fieldsByUser[u.ID]})
	}
	return out, nil
}

// FindExpertProfile returns one expert's profile.
func (s *Store) FindExpertProfile(ctx context.Context, userID int64) (*ExpertProfile, error) {
	u, err := s.FindUserByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	if u.Role != RoleExpert {
		return nil, ErrNotFound
	}
	p := &ExpertProfile{User: *u, Expert: Expert{UserID: userID, Enabled: true}}
	var e Expert
	res := s.conn(ctx).Where("user_id = ?", userID).Limit(1).Find(&e)
	if res.Error != nil {
		return nil, res.Error
	}
	if res.RowsAffected > 0 {
		p.Expert = e
	}
	if err := s.conn(ctx).Where("user_id = ?", userID).Order("id").Find(&p.Fields).Error; err != nil {
		return nil, err
	}
	return p, nil
}
