package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Winner is a dossier the office marked as selected (入选) in a
// competition's final ranking, with the rank and final score it had.
type Winner struct {
	CompetitionID int64 `gorm:"primaryKey"`
	DossierID     int64 `gorm:"primaryKey"`
	Rank          int
	Score         string
	Note          string
	MarkedBy      int64
	MarkedAt      time.Time
}

// TableName binds Winner to its table.
func (Winner) TableName() string { return "winners" }

// FindWinners lists a competition's winners by rank.
func (s *Store) FindWinners(ctx context.Context, compID int64) ([]Winner, error) {
	var out []Winner
	err := s.conn(ctx).Where("competition_id = ?", compID).Order("rank, dossier_id").Find(&out).Error
	return out, err
}

// WinnerMark marks a finalist as selected.
type WinnerMark struct {
	CompetitionID, DossierID int64
	Rank                     int
	Score                    string
	// Limit is the most winners the rubric allows (0: no limit).
	Limit int
	Note  string
}

// MarkWinner marks a finalist as selected, within the configured number and
// only while no 公示 stands (a 公示 freezes the proposed list; to change it,
// withdraw the 公示 and start a new one).
func (s *Store) MarkWinner(ctx context.Context, actor Actor, m WinnerMark) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.checkWinnersEditable(ctx, m.CompetitionID, true); err != nil {
			return err
		}
		var n int64
		if err := tx.conn(ctx).Model(&Winner{}).Where("competition_id = ?", m.CompetitionID).Count(&n).Error; err != nil {
			return fmt.Errorf("count winners: %w", err)
		}
		if m.Limit > 0 && n >= int64(m.Limit) {
			return fmt.Errorf("入选名额为 %d 个，已全部确定；如需调整请先取消其他入选: %w", m.Limit, ErrConflict)
		}
		w := Winner{CompetitionID: m.CompetitionID, DossierID: m.DossierID, Rank: m.Rank, Score: m.Score,
			Note: strings.TrimSpace(m.Note), MarkedBy: actorID(actor), MarkedAt: tx.Now()}
		if err := tx.conn(ctx).Create(&w).Error; err != nil {
			err = translate(err)
			if errors.Is(err, ErrDuplicate) {
				return fmt.Errorf("该申报已确定入选: %w", ErrConflict)
			}
			return fmt.Errorf("mark winner: %w", err)
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "winner.mark", Entity: "dossier", EntityID: m.DossierID,
			After: map[string]any{"competition": m.CompetitionID, "rank": m.Rank, "score": m.Score}, Reason: w.Note})
	})
}

// UnmarkWinner takes a dossier off the winners, with a reason (required once
// a 公示 has started, e.g. after an objection was accepted).
func (s *Store) UnmarkWinner(ctx context.Context, actor Actor, compID, dossierID int64, reason string) error {
	reason = strings.TrimSpace(reason)
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.checkWinnersEditable(ctx, compID, false); err != nil {
			return err
		}
		notices, err := tx.FindNotices(ctx, NoticeFilter{CompetitionID: compID, Kind: NoticePublicity, Status: NoticeActive})
		if err != nil {
			return err
		}
		if len(notices) > 0 && reason == "" {
			return fmt.Errorf("已开始公示，取消入选须写明理由: %w", ErrConflict)
		}
		var w Winner
		if err := tx.conn(ctx).Where("competition_id = ? AND dossier_id = ?", compID, dossierID).First(&w).Error; err != nil {
			return translate(err)
		}
		if err := tx.conn(ctx).Where("competition_id = ? AND dossier_id = ?", compID, dossierID).Delete(&Winner{}).Error; err != nil {
			return fmt.Errorf("unmark winner: %w", err)
		}
		return tx.Audit(ctx, AuditRecord{Actor: actor, Action: "winner.unmark", Entity: "dossier", EntityID: dossierID,
			Before: map[string]any{"competition": compID, "rank": w.Rank, "score": w.Score}, Reason: reason})
	})
}

// checkWinnersEditable refuses changes after publication, and additions
// while a 公示 stands.
func (s *Store) checkWinnersEditable(ctx context.Context, compID int64, adding bool) error {
	comp, err := s.FindCompetitionByID(ctx, compID)
	if err != nil {
		return err
	}
	if comp.Status == CompetitionPublished || comp.Status == CompetitionArchived {
		return fmt.Errorf("竞赛结果已公布，入选名单不能再修改: %w", ErrConflict)
	}
	if !adding {
		return nil
	}
	notices, err := s.FindNotices(ctx, NoticeFilter{CompetitionID: compID, Kind: NoticePublicity, Status: NoticeActive})
	if err != nil {
		return err
	}
	if len(notices) > 0 {
		return fmt.Errorf("入选名单已在公示中，新增入选须先撤回公示、再重新公示: %w", ErrConflict)
	}
	return nil
}
