package store

import (
	"context"
	"fmt"
	"slices"
)

// DraftUpdate is an applicant's save of a draft (or of a returned dossier).
type DraftUpdate struct {
	// Version is the dossier version the form showed.
	Version         int64
	Title           string
	Content         string
	CollabRegionIDs []int64
}

// SaveDossierDraft stores the applicant's typed content, title and
// collaborative areas while the dossier may be edited, and returns the new
// version. Saves are frequent (the form saves itself as the applicant
// types), so only a change of the areas is audited.
func (s *Store) SaveDossierDraft(ctx context.Context, actor Actor, id int64, upd DraftUpdate) (int64, error) {
	var version int64
	err := s.Tx(ctx, func(tx *Store) error {
		d, st, err := tx.dossierAndStage(ctx, id)
		if err != nil {
			return err
		}
		if err := d.EditableAt(st, tx.Now()); err != nil {
			return err
		}
		res := tx.conn(ctx).Model(&Dossier{}).Where("id = ? AND version = ?", id, upd.Version).Updates(map[string]any{
			"title": upd.Title, "content": upd.Content, "version": upd.Version + 1, "updated_at": tx.Now(),
		})
		if res.Error != nil {
			return fmt.Errorf("save dossier draft: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("申报书已在其他窗口或由他人保存过，请刷新后再改（本页内容仍在）: %w", ErrConflict)
		}
		version = upd.Version + 1
		before, err := tx.collabIDs(ctx, id)
		if err != nil {
			return err
		}
		after := normalizeIDs(upd.CollabRegionIDs, d.RegionID)
		if slices.Equal(before, after) {
			return nil
		}
		if err := tx.SetDossierAreas(ctx, id, d.RegionID, after); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "dossier.areas", Entity: "dossier", EntityID: id,
			Before: map[string]any{"collab": before}, After: map[string]any{"collab": after}})
	})
	return version, err
}

// collabIDs lists a dossier's collaborative regions in id order.
func (s *Store) collabIDs(ctx context.Context, id int64) ([]int64, error) {
	var ids []int64
	err := s.conn(ctx).Model(&DossierArea{}).Where("dossier_id = ? AND role = ?", id, AreaCollab).
		Order("region_id").Pluck("region_id", &ids).Error
	return ids, err
}

// normalizeIDs sorts ids, drops duplicates and the core region.
func normalizeIDs(ids []int64, core int64) []int64 {
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if id != core && id > 0 {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// dossierAndStage loads a dossier and its competition's filing stage.
func (s *Store) dossierAndStage(ctx context.Context, id int64) (*Dossier, *Stage, error) {
	d, err := s.FindDossierByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	st, err := s.FilingStage(ctx, d.CompetitionID)
	if err != nil {
		return nil, nil, fmt.Errorf("filing stage of competition %d: %w", d.CompetitionID, err)
	}
	return d, st, nil
}

// SubmitCheck checks a dossier about to be submitted, inside the submitting
// transaction, and returns the content hash of what is submitted. An error
// refuses the submission and leaves the dossier as it was.
type SubmitCheck func(d *Dossier, collab []int64, atts []Attachment) (hash string, err error)

// SubmitDossier submits a draft, or resubmits a returned dossier, if the
// version matches and the window is open at the store's clock. check runs
// on the stored dossier inside the transaction (so what is checked and
// hashed is exactly what is submitted). The first submission assigns the
// dossier number. Any error leaves the dossier unchanged.
func (s *Store) SubmitDossier(ctx context.Context, actor Actor, id, version int64, check SubmitCheck) (*Dossier, error) {
	var out *Dossier
	err := s.Tx(ctx, func(tx *Store) error {
		d, st, err := tx.dossierAndStage(ctx, id)
		if err != nil {
			return err
		}
		if d.Version != version {
			return fmt.Errorf("申报书已在其他窗口修改过，请核对后再提交: %w", ErrConflict)
		}
		now := tx.Now()
		if err := d.EditableAt(st, now); err != nil {
			return err
		}
		collab, err := tx.collabIDs(ctx, id)
		if err != nil {
			return err
		}
		atts, err := tx.FindAttachments(ctx, id)
		if err != nil {
			return err
		}
		hash, err := check(d, collab, atts)
		if err != nil {
			return err
		}
		if d.Number == nil {
			n, err := tx.nextDossierNumber(ctx, d.CompetitionID)
			if err != nil {
				return err
			}
			d.Number = &n
		}
		from := d.Status
		res := tx.conn(ctx).Model(&Dossier{}).Where("id = ? AND version = ?", id, version).Updates(map[string]any{
			"status": DossierSubmitted, "number": *d.Number, "content_hash": hash, "submitted_at": now,
			"correction_due": nil, "version": version + 1, "updated_at": now,
		})
		if res.Error != nil {
			return fmt.Errorf("submit dossier: %w", translate(res.Error))
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		action := "dossier.submit"
		if from == DossierReturned {
			action = "dossier.resubmit"
		}
		if err := tx.Audit(ctx, AuditRecord{Actor: actor, Action: action, Entity: "dossier", EntityID: id,
			Before: map[string]any{"status": from},
			After:  map[string]any{"status": DossierSubmitted, "number": *d.Number, "content_hash": hash}}); err != nil {
			return err
		}
		out, err = tx.FindDossierByID(ctx, id)
		return err
	})
	return out, err
}

// nextDossierNumber is the next 申报编号 of a competition: the year and a
// four-digit sequence, e.g. "2026-0007". Callers hold the transaction; on
// PostgreSQL an advisory lock per competition serialises numbering.
func (s *Store) nextDossierNumber(ctx context.Context, compID int64) (string, error) {
	if s.dialect == Postgres {
		if err := s.conn(ctx).Exec("SELECT pg_advisory_xact_lock(?, ?)", dossierNumberLockKey, int32(compID)).Error; err != nil {
			return "", fmt.Errorf("dossier number lock: %w", err)
		}
	}
	comp, err := s.FindCompetitionByID(ctx, compID)
	if err != nil {
		return "", err
	}
	var n int64
	if err := s.conn(ctx).Model(&Dossier{}).Where("competition_id = ? AND number IS NOT NULL", compID).
		Count(&n).Error; err != nil {
		return "", fmt.Errorf("count numbered dossiers: %w", err)
	}
	return fmt.Sprintf("%d-%04d", comp.Year, n+1), nil
}

// dossierNumberLockKey is the first key of the numbering advisory lock.
const dossierNumberLockKey = 7_243_006

// WithdrawDossier withdraws a dossier before its deadline, with the
// applicant's reason in the audit log.
func (s *Store) WithdrawDossier(ctx context.Context, actor Actor, id, version int64, reason string) error {
	return s.Tx(ctx, func(tx *Store) error {
		d, st, err := tx.dossierAndStage(ctx, id)
		if err != nil {
			return err
		}
		if err := d.WithdrawableAt(st, tx.Now()); err != nil {
			return err
		}
		if err := tx.setDossierStatus(ctx, d, version, DossierWithdrawn, nil); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "dossier.withdraw", Entity: "dossier", EntityID: id,
			Before: map[string]any{"status": d.Status}, After: map[string]any{"status": DossierWithdrawn}, Reason: reason})
	})
}

// ReopenDossier makes a withdrawn dossier a draft again while filing is
// open, so the region can file for the chain after all.
func (s *Store) ReopenDossier(ctx context.Context, actor Actor, id, version int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		d, st, err := tx.dossierAndStage(ctx, id)
		if err != nil {
			return err
		}
		if err := d.ReopenableAt(st, tx.Now()); err != nil {
			return err
		}
		if err := tx.setDossierStatus(ctx, d, version, DossierDraft, nil); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "dossier.reopen", Entity: "dossier", EntityID: id,
			Before: map[string]any{"status": d.Status}, After: map[string]any{"status": DossierDraft}})
	})
}

// setDossierStatus changes the status (and correction deadline) under
// optimistic locking.
func (s *Store) setDossierStatus(ctx context.Context, d *Dossier, version int64, to DossierStatus, due any) error {
	res := s.conn(ctx).Model(&Dossier{}).Where("id = ? AND version = ?", d.ID, version).Updates(map[string]any{
		"status": to, "correction_due": due, "version": version + 1, "updated_at": s.Now(),
	})
	if res.Error != nil {
		return fmt.Errorf("set dossier status: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrConflict
	}
	return nil
}

// bumpDossierVersion marks a change of the dossier's attachments, so a
// form or submission that saw the old set is refused.
func (s *Store) bumpDossierVersion(ctx context.Context, id, version int64) error {
	res := s.conn(ctx).Model(&Dossier{}).Where("id = ? AND version = ?", id, version).
		Updates(map[string]any{"version": version + 1, "updated_at": s.Now()})
	if res.Error != nil {
		return fmt.Errorf("bump dossier version: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("申报书已在其他窗口修改过，请刷新后重试: %w", ErrConflict)
	}
	return nil
}
