package store

import "time"

// WithClock returns a Store on the same database (and transaction, if any)
// whose clock is now. The demo uses it to load a past competition with the
// dates it would have had; the service itself never does.
func (s *Store) WithClock(now func() time.Time) *Store {
	c := *s
	c.now = now
	return &c
}
