package store

import (
	"context"
	"fmt"
	"time"
)

// FilingStage returns a competition's first stage: dossiers are filed,
// corrected and withdrawn within its filing window, and passing the formal
// check enters them in it.
func (s *Store) FilingStage(ctx context.Context, compID int64) (*Stage, error) {
	var st Stage
	err := s.conn(ctx).Where("competition_id = ?", compID).Order("seq, id").First(&st).Error
	if err != nil {
		return nil, translate(err)
	}
	return &st, nil
}

// EditableAt says whether the applicant may change the dossier at now: a
// draft while the filing stage accepts filings, a returned dossier until its
// correction deadline while the stage is open. The error wraps ErrConflict
// with the reason in Chinese.
func (d *Dossier) EditableAt(st *Stage, now time.Time) error {
	switch d.Status {
	case DossierDraft:
		return filingOpen(st, now)
	case DossierReturned:
		return correctionOpen(d, st, now)
	}
	return fmt.Errorf("申报书当前状态为“%s”，不能修改: %w", d.Status.Label(), ErrConflict)
}

// WithdrawableAt says whether the applicant may withdraw the dossier at
// now: a draft or submitted dossier before the filing deadline, a returned
// one before its correction deadline. A dossier the office has passed or
// rejected can only be changed by the office.
func (d *Dossier) WithdrawableAt(st *Stage, now time.Time) error {
	switch d.Status {
	case DossierDraft, DossierSubmitted:
		return filingOpen(st, now)
	case DossierReturned:
		return correctionOpen(d, st, now)
	case DossierPassed, DossierRejected:
		return fmt.Errorf("办公室已作出形式审查决定，如需撤回请联系领导小组办公室: %w", ErrConflict)
	}
	return fmt.Errorf("申报书当前状态为“%s”，不能撤回: %w", d.Status.Label(), ErrConflict)
}

// ReopenableAt says whether a withdrawn dossier may become a draft again:
// only while the filing window is open.
func (d *Dossier) ReopenableAt(st *Stage, now time.Time) error {
	if d.Status != DossierWithdrawn {
		return fmt.Errorf("只有已撤回的申报书可以重新启用: %w", ErrConflict)
	}
	return filingOpen(st, now)
}

// Deadline is when the applicant's current window ends: the correction
// deadline of a returned dossier, else the filing stage's closing time.
func (d *Dossier) Deadline(st *Stage) time.Time {
	if d.Status == DossierReturned && d.CorrectionDue != nil {
		return *d.CorrectionDue
	}
	return st.ClosesAt
}

func filingOpen(st *Stage, now time.Time) error {
	switch {
	case st.Status == StagePending || (st.Status == StageOpen && now.Before(st.OpensAt)):
		return fmt.Errorf("“%s”阶段尚未开始受理申报: %w", st.Name, ErrConflict)
	case !st.AcceptsAt(now):
		return fmt.Errorf("“%s”阶段申报已于 %s 截止: %w", st.Name, cst(st.ClosesAt), ErrConflict)
	}
	return nil
}

func correctionOpen(d *Dossier, st *Stage, now time.Time) error {
	if st.Status != StageOpen {
		return fmt.Errorf("“%s”阶段已关闭: %w", st.Name, ErrConflict)
	}
	if d.CorrectionDue == nil || !now.Before(*d.CorrectionDue) {
		due := "—"
		if d.CorrectionDue != nil {
			due = cst(*d.CorrectionDue)
		}
		return fmt.Errorf("补正期限已于 %s 届满: %w", due, ErrConflict)
	}
	return nil
}

// cst formats a deadline for messages in China Standard Time.
func cst(t time.Time) string {
	t = t.In(time.FixedZone("CST", 8*3600))
	return fmt.Sprintf("%d年%d月%d日 %02d:%02d", t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute())
}
