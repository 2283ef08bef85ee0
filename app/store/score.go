package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// SheetStatus is where an expert's score sheet is.
type SheetStatus string

// Sheet statuses.
const (
	SheetDraft     SheetStatus = "draft"     // being filled in (also after the office reopened it)
	SheetSubmitted SheetStatus = "submitted" // signed with the expert's password and locked
)

// Label is the status's Chinese name.
func (s SheetStatus) Label() string {
	if s == SheetSubmitted {
		return "已签名提交"
	}
	return "草稿"
}

// ScoreSheet is one expert's scores for one dossier in one stage. The values
// themselves live in score_entries, append-only; the sheet carries the
// status, the signature and the optimistic-lock version.
type ScoreSheet struct {
	ID           int64
	AssignmentID int64
	StageID      int64
	DossierID    int64
	ExpertID     int64
	Status       SheetStatus
	RubricHash   string
	// Signature is the SHA-256 of the signed values (see sheetDigest).
	Signature   string
	SubmittedAt *time.Time
	ReopenCount int
	Version     int64
	// CurrentValues are the sheet's current values (encodeSheetValues):
	// the latest entry of each criterion, kept with the version so reading
	// them does not mean reading the history. Use Values.
	CurrentValues string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Values returns the sheet's current values by criterion.
func (sh *ScoreSheet) Values() (map[string]SheetValue, error) {
	values, err := decodeSheetValues(sh.CurrentValues)
	if err != nil {
		return nil, fmt.Errorf("values of sheet %d: %w", sh.ID, err)
	}
	return values, nil
}

// TableName binds ScoreSheet to its table.
func (ScoreSheet) TableName() string { return "score_sheets" }

// Entry sources.
const (
	EntryDraft    = "draft"    // saved while filling in the sheet
	EntryRevision = "revision" // changed on a signed sheet after a 畸高/畸低 flag
)

// OverallCriterion is the CriterionID of the sheet's overall comment.
const OverallCriterion = ""

// ScoreEntry is one saved value, never changed or deleted (the database
// refuses): a sheet's current value for a criterion is its latest entry.
type ScoreEntry struct {
	ID           int64
	SheetID      int64
	StageID      int64
	DossierID    int64
	ExpertID     int64
	CriterionID  string
	Points       string // decimal as checked by the rubric, "" when not given
	Grade        string
	Veto         string // "yes", "no" or ""
	VetoReason   string
	Comment      string
	RubricHash   string
	SheetVersion int64
	Source       string
	CreatedBy    int64
	CreatedAt    time.Time
}

// TableName binds ScoreEntry to its table.
func (ScoreEntry) TableName() string { return "score_entries" }

// SheetValue is what an expert entered for one criterion (or, with
// OverallCriterion, the overall comment).
// Its JSON form (in the audit log and score_sheets.current_values) leaves
// out what was not entered.
type SheetValue struct {
	CriterionID string `json:"criterion"`
	Points      string `json:"points,omitempty"`
	Grade       string `json:"grade,omitempty"`
	Veto        string `json:"veto,omitempty"`
	VetoReason  string `json:"veto_reason,omitempty"`
	Comment     string `json:"comment,omitempty"`
}

// IsEmpty reports whether nothing was entered.
func (v SheetValue) IsEmpty() bool {
	return v.Points == "" && v.Grade == "" && v.Veto == "" && v.VetoReason == "" && v.Comment == ""
}

// Value returns the entry's value.
func (e ScoreEntry) Value() SheetValue {
	return SheetValue{CriterionID: e.CriterionID, Points: e.Points, Grade: e.Grade, Veto: e.Veto,
		VetoReason: e.VetoReason, Comment: e.Comment}
}

// FindSheetByID returns one sheet.
func (s *Store) FindSheetByID(ctx context.Context, id int64) (*ScoreSheet, error) {
	var sh ScoreSheet
	if err := s.conn(ctx).First(&sh, id).Error; err != nil {
		return nil, translate(err)
	}
	return &sh, nil
}

// FindSheetByAssignment returns the sheet of an assignment, or ErrNotFound
// when the expert has not saved anything yet.
func (s *Store) FindSheetByAssignment(ctx context.Context, assignmentID int64) (*ScoreSheet, error) {
	var sh ScoreSheet
	if err := s.conn(ctx).Where("assignment_id = ?", assignmentID).First(&sh).Error; err != nil {
		return nil, translate(err)
	}
	return &sh, nil
}

// SheetFilter narrows FindSheets; zero fields do not filter.
type SheetFilter struct {
	StageID   int64
	DossierID int64
	ExpertID  int64
	Status    SheetStatus
	// ActiveOnly keeps sheets whose assignment still stands.
	ActiveOnly bool
}

// FindSheets lists sheets by dossier, then expert.
func (s *Store) FindSheets(ctx context.Context, f SheetFilter) ([]ScoreSheet, error) {
	q := s.conn(ctx).Model(&ScoreSheet{})
	if f.StageID != 0 {
		q = q.Where("stage_id = ?", f.StageID)
	}
	if f.DossierID != 0 {
		q = q.Where("dossier_id = ?", f.DossierID)
	}
	if f.ExpertID != 0 {
		q = q.Where("expert_id = ?", f.ExpertID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.ActiveOnly {
		q = q.Where("assignment_id IN (SELECT id FROM assignments WHERE status = ?)", AssignmentActive)
	}
	var out []ScoreSheet
	err := q.Order("dossier_id, expert_id").Find(&out).Error
	return out, err
}

// SheetHistory lists every value ever saved on a sheet, oldest first.
func (s *Store) SheetHistory(ctx context.Context, sheetID int64) ([]ScoreEntry, error) {
	var out []ScoreEntry
	err := s.conn(ctx).Where("sheet_id = ?", sheetID).Order("id").Find(&out).Error
	return out, err
}

// SheetValues returns a sheet's current values by criterion.
func (s *Store) SheetValues(ctx context.Context, sheetID int64) (map[string]SheetValue, error) {
	sh, err := s.FindSheetByID(ctx, sheetID)
	if err != nil {
		return nil, err
	}
	return sh.Values()
}

// SheetSave is one save of a sheet from the expert's form.
type SheetSave struct {
	AssignmentID int64
	// Version is the sheet version the form showed; 0 when there was no
	// sheet yet.
	Version    int64
	RubricHash string
	// Values are the form's values; only those that differ from the sheet's
	// current values are appended.
	Values []SheetValue
}

// SaveSheet appends the changed values of a draft sheet, creating the sheet
// on the first save. A signed sheet is ErrConflict (locked), as is a stale
// Version. It returns the sheet and the criteria that changed.
func (s *Store) SaveSheet(ctx context.Context, actor Actor, save SheetSave) (*ScoreSheet, []string, error) {
	var sheet *ScoreSheet
	var changed []string
	err := s.Tx(ctx, func(tx *Store) error {
		sh, err := tx.sheetToSave(ctx, save)
		if err != nil {
			return err
		}
		current, err := sh.Values()
		if err != nil {
			return err
		}
		var before, after []SheetValue
		for _, v := range save.Values {
			old := current[v.CriterionID]
			old.CriterionID = v.CriterionID
			if old != v {
				changed = append(changed, v.CriterionID)
				before, after = append(before, old), append(after, v)
				current[v.CriterionID] = v
			}
		}
		if len(changed) == 0 && sh.Version > 0 {
			sheet = sh
			return nil
		}
		if err := tx.bumpSheet(ctx, sh, map[string]any{"current_values": encodeSheetValues(current)}); err != nil {
			return err
		}
		if err := tx.appendEntries(ctx, actor, sh, save.RubricHash, after, EntryDraft); err != nil {
			return err
		}
		sheet = sh
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "score.save", Entity: "score_sheet", EntityID: sh.ID,
			Before: before, After: after})
	})
	if err != nil {
		return nil, nil, err
	}
	return sheet, changed, nil
}

// sheetToSave returns, inside a save's transaction, the draft sheet the
// save goes to, creating it on the first save. The sheet and whether its
// assignment still stands come in one query.
func (s *Store) sheetToSave(ctx context.Context, save SheetSave) (*ScoreSheet, error) {
	var row struct {
		ScoreSheet
		AssignmentStatus AssignmentStatus
	}
	err := s.conn(ctx).Table("score_sheets").
		Select("score_sheets.*, (SELECT status FROM assignments WHERE assignments.id = score_sheets.assignment_id) AS assignment_status").
		Where("assignment_id = ?", save.AssignmentID).Take(&row).Error
	switch {
	case errors.Is(translate(err), ErrNotFound):
		return s.createSheet(ctx, save)
	case err != nil:
		return nil, fmt.Errorf("sheet of assignment %d: %w", save.AssignmentID, err)
	case row.AssignmentStatus != AssignmentActive:
		return nil, fmt.Errorf("该评审任务已%s，不能再评分: %w", row.AssignmentStatus.Label(), ErrConflict)
	case row.Status != SheetDraft:
		return nil, errSheetLocked
	case row.Version != save.Version:
		return nil, errSheetStale
	}
	return &row.ScoreSheet, nil
}

// createSheet creates the sheet of a standing assignment at version 0.
func (s *Store) createSheet(ctx context.Context, save SheetSave) (*ScoreSheet, error) {
	a, err := s.FindAssignmentByID(ctx, save.AssignmentID)
	if err != nil {
		return nil, err
	}
	if a.Status != AssignmentActive {
		return nil, fmt.Errorf("该评审任务已%s，不能再评分: %w", a.Status.Label(), ErrConflict)
	}
	if save.Version != 0 {
		return nil, fmt.Errorf("评分表已在其他窗口或设备上变更，请刷新页面后再修改: %w", ErrConflict)
	}
	now := s.Now()
	sh := &ScoreSheet{AssignmentID: a.ID, StageID: a.StageID, DossierID: a.DossierID, ExpertID: a.ExpertID,
		Status: SheetDraft, RubricHash: save.RubricHash, Version: 0, CurrentValues: encodeSheetValues(nil),
		CreatedAt: now, UpdatedAt: now}
	if err := s.conn(ctx).Create(sh).Error; err != nil {
		if errors.Is(translate(err), ErrDuplicate) {
			return nil, errSheetStale // saved at the same moment from another window
		}
		return nil, fmt.Errorf("create sheet: %w", translate(err))
	}
	return sh, nil
}

var (
	errSheetLocked = fmt.Errorf("评分表已签名提交并锁定，不能再修改；如需修改请联系办公室重新开启: %w", ErrConflict)
	errSheetStale  = fmt.Errorf("评分表已在其他窗口或设备上保存过，请刷新页面后再修改（本页输入的内容请先自行留存）: %w", ErrConflict)
)

// bumpSheet raises the sheet's version under optimistic locking, applying
// extra column changes, and updates sh in place.
func (s *Store) bumpSheet(ctx context.Context, sh *ScoreSheet, extra map[string]any) error {
	now := s.Now()
	upd := map[string]any{"version": sh.Version + 1, "updated_at": now}
	for k, v := range extra {
		upd[k] = v
	}
	res := s.conn(ctx).Model(&ScoreSheet{}).Where("id = ? AND version = ?", sh.ID, sh.Version).Updates(upd)
	if res.Error != nil {
		return fmt.Errorf("update sheet: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return errSheetStale
	}
	sh.Version++
	sh.UpdatedAt = now
	if v, ok := extra["current_values"].(string); ok {
		sh.CurrentValues = v
	}
	return nil
}

// appendEntries adds one history row per value.
func (s *Store) appendEntries(ctx context.Context, actor Actor, sh *ScoreSheet, hash string, values []SheetValue, source string) error {
	if len(values) == 0 {
		return nil
	}
	by := int64(0)
	if actor.UserID != nil {
		by = *actor.UserID
	}
	if by == 0 {
		by = sh.ExpertID
	}
	// One INSERT of plain values: the rows' IDs are not needed, and gorm's
	// Create of a slice (reflection, RETURNING) cost more than the insert
	// itself on the busiest write of a review.
	now := s.Now()
	var q strings.Builder
	q.WriteString(insertEntriesSQL)
	args := make([]any, 0, len(values)*entryColumns)
	for i, v := range values {
		if i > 0 {
			q.WriteByte(',')
		}
		q.WriteString(entryPlaceholders)
		args = append(args, sh.ID, sh.StageID, sh.DossierID, sh.ExpertID, v.CriterionID, v.Points, v.Grade, v.Veto,
			v.VetoReason, v.Comment, hash, sh.Version, source, by, now)
	}
	if err := s.conn(ctx).Exec(q.String(), args...).Error; err != nil {
		return fmt.Errorf("append score entries: %w", translate(err))
	}
	return nil
}

const (
	insertEntriesSQL = `INSERT INTO score_entries (sheet_id, stage_id, dossier_id, expert_id, criterion_id, points, grade,
veto, veto_reason, comment, rubric_hash, sheet_version, source, created_by, created_at) VALUES `
	entryColumns      = 15
	entryPlaceholders = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)

// SubmitSheet signs and locks a draft sheet. The caller has checked that the
// values are complete and that the expert confirmed with their password.
func (s *Store) SubmitSheet(ctx context.Context, actor Actor, sheetID, version int64) (*ScoreSheet, error) {
	var out *ScoreSheet
	err := s.Tx(ctx, func(tx *Store) error {
		sh, err := tx.FindSheetByID(ctx, sheetID)
		if err != nil {
			return err
		}
		if err := tx.LockDossierReview(ctx, sh.DossierID); err != nil {
			return err
		}
		if sh.Status != SheetDraft {
			return errSheetLocked
		}
		if sh.Version != version {
			return errSheetStale
		}
		a, err := tx.FindAssignmentByID(ctx, sh.AssignmentID)
		if err != nil {
			return err
		}
		if a.Status != AssignmentActive {
			return fmt.Errorf("该评审任务已%s，不能提交: %w", a.Status.Label(), ErrConflict)
		}
		values, err := sh.Values()
		if err != nil {
			return err
		}
		now := tx.Now()
		sig := sheetDigest(sh, values, now)
		if err := tx.bumpSheet(ctx, sh, map[string]any{"status": SheetSubmitted, "signature": sig, "submitted_at": now}); err != nil {
			return err
		}
		sh.Status, sh.Signature, sh.SubmittedAt = SheetSubmitted, sig, &now
		out = sh
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "score.submit", Entity: "score_sheet", EntityID: sh.ID,
			After: map[string]any{"dossier": sh.DossierID, "expert": sh.ExpertID, "rubric_hash": sh.RubricHash,
				"signature": sig, "values": sortedValues(values)}})
	})
	return out, err
}

// ReviseSheetValue changes one value of a signed sheet after a 畸高/畸低
// flag; the expert re-signs (their password was checked by the caller).
func (s *Store) ReviseSheetValue(ctx context.Context, actor Actor, sheetID, version int64, hash string, v SheetValue) (*ScoreSheet, error) {
	var out *ScoreSheet
	err := s.Tx(ctx, func(tx *Store) error {
		sh, err := tx.FindSheetByID(ctx, sheetID)
		if err != nil {
			return err
		}
		if err := tx.LockDossierReview(ctx, sh.DossierID); err != nil {
			return err
		}
		if sh.Status != SheetSubmitted {
			return fmt.Errorf("评分表尚未提交，请直接在评分表中修改: %w", ErrConflict)
		}
		if sh.Version != version {
			return errSheetStale
		}
		values, err := sh.Values()
		if err != nil {
			return err
		}
		old := values[v.CriterionID]
		values[v.CriterionID] = v
		now := tx.Now()
		sig := sheetDigest(sh, values, now)
		if err := tx.bumpSheet(ctx, sh, map[string]any{"signature": sig, "submitted_at": now,
			"current_values": encodeSheetValues(values)}); err != nil {
			return err
		}
		if err := tx.appendEntries(ctx, actor, sh, hash, []SheetValue{v}, EntryRevision); err != nil {
			return err
		}
		sh.Signature, sh.SubmittedAt = sig, &now
		out = sh
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "score.revise", Entity: "score_sheet", EntityID: sh.ID,
			Before: old, After: map[string]any{"value": v, "signature": sig}})
	})
	return out, err
}

// ReopenSheet lets the office unlock a signed sheet, with a reason. The
// values stay as they were (history is append-only); flags waiting on the
// dossier are withdrawn until every sheet is signed again.
func (s *Store) ReopenSheet(ctx context.Context, actor Actor, sheetID, version int64, reason string) error {
	return s.Tx(ctx, func(tx *Store) error {
		sh, err := tx.FindSheetByID(ctx, sheetID)
		if err != nil {
			return err
		}
		if err := tx.LockDossierReview(ctx, sh.DossierID); err != nil {
			return err
		}
		if sh.Status != SheetSubmitted {
			return fmt.Errorf("评分表尚未提交，无需重新开启: %w", ErrConflict)
		}
		if sh.Version != version {
			return ErrConflict
		}
		if err := tx.bumpSheet(ctx, sh, map[string]any{"status": SheetDraft, "reopen_count": sh.ReopenCount + 1}); err != nil {
			return err
		}
		if err := tx.conn(ctx).Model(&ScoreFlag{}).
			Where("stage_id = ? AND dossier_id = ? AND status = ?", sh.StageID, sh.DossierID, FlagOpen).
			Updates(map[string]any{"status": FlagSuperseded, "resolved_at": tx.Now()}).Error; err != nil {
			return fmt.Errorf("withdraw flags: %w", err)
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "score.reopen", Entity: "score_sheet", EntityID: sh.ID,
			Before: map[string]any{"status": SheetSubmitted, "signature": sh.Signature},
			After:  map[string]any{"status": SheetDraft}, Reason: reason})
	})
}

// DossierSheetsComplete reports whether every expert standing on the dossier
// has signed their sheet (and there is at least one).
func (s *Store) DossierSheetsComplete(ctx context.Context, stageID, dossierID int64) (bool, error) {
	var active, signed int64
	err := s.conn(ctx).Model(&Assignment{}).
		Where("stage_id = ? AND dossier_id = ? AND status = ?", stageID, dossierID, AssignmentActive).Count(&active).Error
	if err != nil {
		return false, err
	}
	err = s.conn(ctx).Model(&ScoreSheet{}).
		Where("stage_id = ? AND dossier_id = ? AND status = ?", stageID, dossierID, SheetSubmitted).
		Where("assignment_id IN (SELECT id FROM assignments WHERE status = ?)", AssignmentActive).Count(&signed).Error
	if err != nil {
		return false, err
	}
	return active > 0 && signed == active, nil
}

// sheetDigest is the signature of a sheet: SHA-256 over the sheet, expert,
// dossier, rubric hash, time and every value, length-prefixed in criterion
// order so no two different sheets share it.
func sheetDigest(sh *ScoreSheet, values map[string]SheetValue, at time.Time) string {
	h := sha256.New()
	fields := []string{fmt.Sprint(sh.ID), fmt.Sprint(sh.ExpertID), fmt.Sprint(sh.DossierID), sh.RubricHash,
		at.UTC().Format(time.RFC3339Nano)}
	for _, v := range sortedValues(values) {
		fields = append(fields, v.CriterionID, v.Points, v.Grade, v.Veto, v.VetoReason, v.Comment)
	}
	for _, f := range fields {
		fmt.Fprintf(h, "%d:%s\n", len(f), f)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

func sortedValues(values map[string]SheetValue) []SheetValue {
	out := make([]SheetValue, 0, len(values))
	for id, v := range values {
		v.CriterionID = id
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b SheetValue) int { return strings.Compare(a.CriterionID, b.CriterionID) })
	return out
}

// encodeSheetValues is the current_values text of values: a JSON array in
// criterion order, so equal values give equal text. A criterion whose value
// was cleared stays in it, as its latest entry stays in the history.
func encodeSheetValues(values map[string]SheetValue) string {
	b, err := json.Marshal(sortedValues(values))
	if err != nil {
		panic(fmt.Sprintf("encode sheet values: %v", err)) // strings always marshal
	}
	return string(b)
}

func decodeSheetValues(text string) (map[string]SheetValue, error) {
	out := map[string]SheetValue{}
	if text == "" {
		return out, nil
	}
	var stored []SheetValue
	if err := json.Unmarshal([]byte(text), &stored); err != nil {
		return nil, fmt.Errorf("current_values: %w", err)
	}
	for _, v := range stored {
		out[v.CriterionID] = v
	}
	return out, nil
}
