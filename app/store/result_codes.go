package store

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"slices"
	"time"
)

// JudgeCode is an expert's anonymised code within one competition (E01,
// E02, …). Exports and published results name judges only by it; it never
// changes once given.
type JudgeCode struct {
	CompetitionID int64 `gorm:"primaryKey"`
	ExpertID      int64 `gorm:"primaryKey"`
	Code          string
	CreatedAt     time.Time
}

// TableName binds JudgeCode to its table.
func (JudgeCode) TableName() string { return "judge_codes" }

// judgeCodeLockKey serialises code assignment per competition on PostgreSQL.
const judgeCodeLockKey = 7_243_008

// JudgeCodes returns the codes of the given experts in a competition,
// giving the next free codes to experts who have none yet, in random order
// so a code says nothing about who holds it.
func (s *Store) JudgeCodes(ctx context.Context, compID int64, expertIDs []int64) (map[int64]string, error) {
	out := map[int64]string{}
	err := s.Tx(ctx, func(tx *Store) error {
		if tx.dialect == Postgres {
			if err := tx.conn(ctx).Exec("SELECT pg_advisory_xact_lock(?, ?)", judgeCodeLockKey, int32(compID)).Error; err != nil {
				return fmt.Errorf("judge code lock: %w", err)
			}
		}
		var rows []JudgeCode
		if err := tx.conn(ctx).Where("competition_id = ?", compID).Find(&rows).Error; err != nil {
			return fmt.Errorf("judge codes: %w", err)
		}
		have := map[int64]string{}
		for _, r := range rows {
			have[r.ExpertID] = r.Code
		}
		var missing []int64
		for _, id := range expertIDs {
			if _, ok := have[id]; !ok && !slices.Contains(missing, id) {
				missing = append(missing, id)
			}
		}
		if err := shuffle(missing); err != nil {
			return err
		}
		next := len(rows) + 1
		now := tx.Now()
		for _, id := range missing {
			code := fmt.Sprintf("E%02d", next)
			next++
			if err := tx.conn(ctx).Create(&JudgeCode{CompetitionID: compID, ExpertID: id, Code: code, CreatedAt: now}).Error; err != nil {
				return fmt.Errorf("give judge code: %w", translate(err))
			}
			have[id] = code
		}
		for _, id := range expertIDs {
			out[id] = have[id]
		}
		return nil
	})
	return out, err
}

// shuffle permutes ids uniformly at random (Fisher–Yates on crypto/rand).
func shuffle(ids []int64) error {
	for i := len(ids) - 1; i > 0; i-- {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		if err != nil {
			return fmt.Errorf("shuffle judge codes: %w", err)
		}
		ids[i], ids[j.Int64()] = ids[j.Int64()], ids[i]
	}
	return nil
}

// FindJudgeCodes lists a competition's judge codes in code order.
func (s *Store) FindJudgeCodes(ctx context.Context, compID int64) ([]JudgeCode, error) {
	var out []JudgeCode
	err := s.conn(ctx).Where("competition_id = ?", compID).Order("length(code), code").Find(&out).Error
	return out, err
}
