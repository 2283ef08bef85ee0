package store

import (
	"context"
	"fmt"
)

// First keys of the review's advisory locks (the second key is an id).
const (
	panelLockKey  = 7_243_070 // one stage's draws and takeovers
	reviewLockKey = 7_243_071 // one dossier's signing, revising and flags
)

// LockStagePanels serialises changes to a stage's panels (draws, takeovers
// after a declared conflict) until the transaction ends, so a draw's
// snapshot of loads and covered dossiers is still true when it is recorded.
// Call it first inside Tx. SQLite needs nothing: its transactions begin
// IMMEDIATE.
func (s *Store) LockStagePanels(ctx context.Context, stageID int64) error {
	return s.advisoryLock(ctx, panelLockKey, stageID)
}

// LockDossierReview serialises the signing of one dossier's sheets until
// the transaction ends, so the last expert to sign sees every other
// signature and the flags are computed exactly once.
func (s *Store) LockDossierReview(ctx context.Context, dossierID int64) error {
	return s.advisoryLock(ctx, reviewLockKey, dossierID)
}

func (s *Store) advisoryLock(ctx context.Context, key int32, id int64) error {
	if s.dialect != Postgres {
		return nil
	}
	if err := s.conn(ctx).Exec("SELECT pg_advisory_xact_lock(?, ?)", key, int32(id)).Error; err != nil {
		return fmt.Errorf("advisory lock %d/%d: %w", key, id, err)
	}
	return nil
}
