package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Actor is who caused a change: a user, or the system itself (UserID nil).
type Actor struct {
	UserID *int64
	Name   string
}

// SystemActor is the actor for changes made by the service or a CLI command.
func SystemActor(name string) Actor {
	if name == "" {
		name = "系统"
	}
	return Actor{Name: name}
}

// UserActor is the actor for a change made by a logged-in user.
func UserActor(u *User) Actor {
	id := u.ID
	name := u.DisplayName
	if name == "" {
		name = u.Username
	}
	return Actor{UserID: &id, Name: name + "（" + u.Username + "）"}
}

// AuditEntry is one row of the append-only, hash-chained audit log.
type AuditEntry struct {
	ID        int64
	At        time.Time
	ActorID   *int64
	ActorName string
	Action    string
	Entity    string
	EntityID  string
	Before    string
	After     string
	Reason    string
	PrevHash  string
	Hash      string
}

// TableName binds AuditEntry to its table.
func (AuditEntry) TableName() string { return "audit_log" }

// AuditRecord describes a change to log. Before and After are marshalled to
// JSON; they are what a reviewer compares.
type AuditRecord struct {
	Actor    Actor
	Action   string
	Entity   string
	EntityID any
	Before   any
	After    any
	Reason   string
}

// auditLockKey serialises appends to the chain across PostgreSQL sessions.
// SQLite needs nothing: every transaction begins IMMEDIATE.
const auditLockKey = 7_243_002

// Audit appends one entry to the chain. Call it inside the transaction that
// makes the change, so the change and its record commit together.
func (s *Store) Audit(ctx context.Context, r AuditRecord) error {
	db := s.conn(ctx)
	if s.dialect == Postgres {
		if err := db.Exec("SELECT pg_advisory_xact_lock(?)", auditLockKey).Error; err != nil {
			return fmt.Errorf("audit lock: %w", err)
		}
	}
	var prev AuditEntry
	if s.commit != nil && s.commit.head.known {
		prev.Hash = s.commit.head.hash
	} else if err := db.Select("hash").Order("id DESC").Limit(1).Find(&prev).Error; err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	e := AuditEntry{
		At:        s.Now().Truncate(time.Microsecond),
		ActorID:   r.Actor.UserID,
		ActorName: r.Actor.Name,
		Action:    r.Action,
		Entity:    r.Entity,
		EntityID:  entityIDString(r.EntityID),
		Before:    auditJSON(r.Before),
		After:     auditJSON(r.After),
		Reason:    r.Reason,
		PrevHash:  prev.Hash,
	}
	if e.ActorName == "" {
		e.ActorName = "系统"
	}
	e.Hash = e.computeHash()
	if err := db.Create(&e).Error; err != nil {
		return fmt.Errorf("audit append: %w", err)
	}
	// The head pointer lets verification notice entries deleted from the end
	// of the chain, which the chain itself cannot show. Inside a group
	// commit it is written once, before the commit.
	if s.commit != nil {
		s.commit.head, s.commit.headDirty = auditHead{known: true, id: e.ID, hash: e.Hash}, true
		return nil
	}
	return s.putSetting(ctx, auditHeadKey, fmt.Sprintf("%d:%s", e.ID, e.Hash))
}

// auditHeadKey is the settings row holding "<last id>:<last hash>".
const auditHeadKey = "audit.head"

// computeHash is SHA-256 over the previous hash and every recorded field, in a
// fixed order with length prefixes so no two different entries collide by
// shifting text between fields.
func (e *AuditEntry) computeHash() string {
	actor := ""
	if e.ActorID != nil {
		actor = strconv.FormatInt(*e.ActorID, 10)
	}
	h := sha256.New()
	for _, f := range []string{
		e.PrevHash, e.At.UTC().Format(time.RFC3339Nano), actor, e.ActorName,
		e.Action, e.Entity, e.EntityID, e.Before, e.After, e.Reason,
	} {
		fmt.Fprintf(h, "%d:%s\n", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func entityIDString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	}
	return fmt.Sprint(v)
}

func auditJSON(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
	return string(b)
}

// AuditFilter narrows FindAuditEntries.
type AuditFilter struct {
	Entity   string
	EntityID string
	Action   string // prefix match, e.g. "dossier."
	ActorID  int64
	From, To time.Time
	Offset   int
	Limit    int
}

// FindAuditEntries lists entries matching f, newest first, and the total count.
func (s *Store) FindAuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, int64, error) {
	q := s.conn(ctx).Model(&AuditEntry{})
	if f.Entity != "" {
		q = q.Where("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		q = q.Where("entity_id = ?", f.EntityID)
	}
	if f.Action != "" {
		q = q.Where("action LIKE ?", strings.ReplaceAll(f.Action, "%", "")+"%")
	}
	if f.ActorID != 0 {
		q = q.Where("actor_id = ?", f.ActorID)
	}
	if !f.From.IsZero() {
		q = q.Where("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("at < ?", f.To.UTC())
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var out []AuditEntry
	err := q.Order("id DESC").Offset(f.Offset).Limit(limit).Find(&out).Error
	return out, total, err
}

// AuditBreak describes the first entry where the chain no longer holds.
type AuditBreak struct {
	EntryID int64  // the first entry that does not match (0 if the break is a missing tail)
	Reason  string // what does not match, in Chinese
}

// VerifyAudit walks the whole chain in id order and returns the first break,
// or nil when every entry's hash matches its content and its predecessor.
// It streams in batches so a long log needs little memory.
func (s *Store) VerifyAudit(ctx context.Context) (checked int64, brk *AuditBreak, err error) {
	prevHash := ""
	var lastID int64
	for {
		var batch []AuditEntry
		err := s.conn(ctx).Where("id > ?", lastID).Order("id").Limit(1000).Find(&batch).Error
		if err != nil {
			return checked, nil, fmt.Errorf("read audit log: %w", err)
		}
		if len(batch) == 0 {
			return checked, s.checkAuditHead(ctx, lastID, prevHash), nil
		}
		for i := range batch {
			e := &batch[i]
			if e.PrevHash != prevHash {
				return checked, &AuditBreak{EntryID: e.ID, Reason: fmt.Sprintf(
					"第 %d 条记录的前序哈希与上一条记录不一致（其前的记录被删除或修改）", e.ID)}, nil
			}
			if got := e.computeHash(); got != e.Hash {
				return checked, &AuditBreak{EntryID: e.ID, Reason: fmt.Sprintf(
					"第 %d 条记录的内容与其哈希不符（记录被修改）", e.ID)}, nil
			}
			prevHash = e.Hash
			lastID = e.ID
			checked++
		}
	}
}

// checkAuditHead compares the end of the chain with the recorded head.
func (s *Store) checkAuditHead(ctx context.Context, lastID int64, lastHash string) *AuditBreak {
	head, err := s.getSetting(ctx, auditHeadKey)
	if err != nil || head == "" {
		if lastID == 0 {
			return nil
		}
		return &AuditBreak{Reason: "审计日志的链头记录缺失"}
	}
	if head != fmt.Sprintf("%d:%s", lastID, lastHash) {
		id, _, _ := strings.Cut(head, ":")
		return &AuditBreak{Reason: fmt.Sprintf(
			"审计日志末尾的记录被删除：链头应为第 %s 条，实际最后一条为第 %d 条", id, lastID)}
	}
	return nil
}
