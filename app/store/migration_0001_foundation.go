package store

import (
	"time"

	"gorm.io/gorm"
)

// Frozen structs of step 0001. They describe the tables exactly as this step
// created them and must never change.

type m0001User struct {
	ID                 int64  `gorm:"primaryKey"`
	Username           string `gorm:"size:64;not null;uniqueIndex"`
	DisplayName        string `gorm:"size:100;not null"`
	PasswordHash       string `gorm:"size:100;not null"`
	Role               string `gorm:"size:16;not null;index"`
	RegionID           *int64 `gorm:"index"`
	Phone              string `gorm:"size:40"`
	Email              string `gorm:"size:120"`
	Disabled           bool   `gorm:"not null;default:false"`
	MustChangePassword bool   `gorm:"not null;default:false"`
	CreatedAt          time.Time
	UpdatedAt          time.Time
	Region             *m0001Region `gorm:"foreignKey:RegionID;constraint:OnDelete:RESTRICT"`
}

func (m0001User) TableName() string { return "users" }

type m0001Session struct {
	TokenHash  string `gorm:"primaryKey;size:64"`
	UserID     int64  `gorm:"not null;index"`
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time  `gorm:"index"`
	RemoteAddr string     `gorm:"size:64"`
	UserAgent  string     `gorm:"size:255"`
	User       *m0001User `gorm:"foreignKey:UserID;constraint:OnDelete:CASCADE"`
}

func (m0001Session) TableName() string { return "sessions" }

type m0001LoginFailure struct {
	ID  int64     `gorm:"primaryKey"`
	Key string    `gorm:"size:160;not null;index:idx_login_failures_key_at,priority:1"`
	At  time.Time `gorm:"not null;index:idx_login_failures_key_at,priority:2"`
}

func (m0001LoginFailure) TableName() string { return "login_failures" }

type m0001Region struct {
	ID       int64        `gorm:"primaryKey"`
	Code     *string      `gorm:"size:20;uniqueIndex"`
	Name     string       `gorm:"size:100;not null"`
	Kind     string       `gorm:"size:10;not null;index"`
	ParentID *int64       `gorm:"index"`
	Note     string       `gorm:"size:100"`
	Active   bool         `gorm:"not null;default:true"`
	Parent   *m0001Region `gorm:"foreignKey:ParentID;constraint:OnDelete:RESTRICT"`
}

func (m0001Region) TableName() string { return "regions" }

type m0001Cluster struct {
	ID   int64  `gorm:"primaryKey"`
	Name string `gorm:"size:100;not null;uniqueIndex"`
	Sort int    `gorm:"not null;default:0"`
}

func (m0001Cluster) TableName() string { return "clusters" }

type m0001Chain struct {
	ID        int64         `gorm:"primaryKey"`
	ClusterID int64         `gorm:"not null;index"`
	Name      string        `gorm:"size:100;not null;uniqueIndex"`
	Tier      string        `gorm:"size:16;not null"`
	Note      string        `gorm:"size:255"`
	Active    bool          `gorm:"not null;default:true"`
	Sort      int           `gorm:"not null;default:0"`
	Cluster   *m0001Cluster `gorm:"foreignKey:ClusterID;constraint:OnDelete:RESTRICT"`
}

func (m0001Chain) TableName() string { return "chains" }

type m0001Competition struct {
	ID           int64  `gorm:"primaryKey"`
	Name         string `gorm:"size:200;not null"`
	Year         int    `gorm:"not null"`
	Status       string `gorm:"size:16;not null"`
	RubricYAML   string `gorm:"type:text;not null"`
	RubricHash   string `gorm:"size:80;not null"`
	RubricSource string `gorm:"size:32;not null"`
	Description  string `gorm:"type:text"`
	Version      int64  `gorm:"not null;default:1"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (m0001Competition) TableName() string { return "competitions" }

type m0001CompetitionChain struct {
	CompetitionID int64             `gorm:"primaryKey"`
	ChainID       int64             `gorm:"primaryKey"`
	Competition   *m0001Competition `gorm:"foreignKey:CompetitionID;constraint:OnDelete:CASCADE"`
	Chain         *m0001Chain       `gorm:"foreignKey:ChainID;constraint:OnDelete:RESTRICT"`
}

func (m0001CompetitionChain) TableName() string { return "competition_chains" }

type m0001Stage struct {
	ID            int64  `gorm:"primaryKey"`
	CompetitionID int64  `gorm:"not null;uniqueIndex:idx_stages_comp_key,priority:1"`
	Key           string `gorm:"size:40;not null;uniqueIndex:idx_stages_comp_key,priority:2"`
	Seq           int    `gorm:"not null"`
	Name          string `gorm:"size:100;not null"`
	OpensAt       time.Time
	ClosesAt      time.Time
	Status        string `gorm:"size:16;not null"`
	RubricHash    string `gorm:"size:80"`
	OpenedAt      *time.Time
	ClosedAt      *time.Time
	Version       int64             `gorm:"not null;default:1"`
	Competition   *m0001Competition `gorm:"foreignKey:CompetitionID;constraint:OnDelete:CASCADE"`
}

func (m0001Stage) TableName() string { return "stages" }

type m0001RubricSnapshot struct {
	Hash      string `gorm:"primaryKey;size:80"`
	YAML      string `gorm:"type:text;not null"`
	CreatedAt time.Time
}

func (m0001RubricSnapshot) TableName() string { return "rubric_snapshots" }

type m0001Expert struct {
	UserID       int64        `gorm:"primaryKey"`
	Organisation string       `gorm:"size:200;not null"`
	Title        string       `gorm:"size:100"`
	HomeRegionID *int64       `gorm:"index"`
	Note         string       `gorm:"size:255"`
	Enabled      bool         `gorm:"not null;default:true"`
	User         *m0001User   `gorm:"foreignKey:UserID;constraint:OnDelete:CASCADE"`
	HomeRegion   *m0001Region `gorm:"foreignKey:HomeRegionID;constraint:OnDelete:RESTRICT"`
}

func (m0001Expert) TableName() string { return "experts" }

type m0001ExpertField struct {
	ID        int64 `gorm:"primaryKey"`
	UserID    int64 `gorm:"not null;index"`
	ClusterID int64 `gorm:"not null"`
	ChainID   *int64
	Expert    *m0001Expert  `gorm:"foreignKey:UserID;references:UserID;constraint:OnDelete:CASCADE"`
	Cluster   *m0001Cluster `gorm:"foreignKey:ClusterID;constraint:OnDelete:RESTRICT"`
	Chain     *m0001Chain   `gorm:"foreignKey:ChainID;constraint:OnDelete:RESTRICT"`
}

func (m0001ExpertField) TableName() string { return "expert_fields" }

type m0001AuditEntry struct {
	ID        int64     `gorm:"primaryKey"`
	At        time.Time `gorm:"not null;index"`
	ActorID   *int64    `gorm:"index"`
	ActorName string    `gorm:"size:100;not null"`
	Action    string    `gorm:"size:64;not null;index"`
	Entity    string    `gorm:"size:40;not null;index:idx_audit_entity,priority:1"`
	EntityID  string    `gorm:"size:40;not null;index:idx_audit_entity,priority:2"`
	Before    string    `gorm:"type:text"`
	After     string    `gorm:"type:text"`
	Reason    string    `gorm:"type:text"`
	PrevHash  string    `gorm:"size:64;not null"`
	Hash      string    `gorm:"size:64;not null"`
}

func (m0001AuditEntry) TableName() string { return "audit_log" }

type m0001Setting struct {
	Key   string `gorm:"primaryKey;size:64"`
	Value string `gorm:"type:text;not null"`
}

func (m0001Setting) TableName() string { return "settings" }

func up0001Foundation(tx *gorm.DB) error {
	tables := []any{
		&m0001Region{}, &m0001Cluster{}, &m0001Chain{},
		&m0001User{}, &m0001Session{}, &m0001LoginFailure{},
		&m0001Competition{}, &m0001CompetitionChain{}, &m0001Stage{}, &m0001RubricSnapshot{},
		&m0001Expert{}, &m0001ExpertField{},
		&m0001AuditEntry{}, &m0001Setting{},
	}
	for _, t := range tables {
		if err := tx.Migrator().CreateTable(t); err != nil {
			return err
		}
	}
	return nil
}
