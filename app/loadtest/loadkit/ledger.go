package loadkit

import "sync"

// Ack is a save the server acknowledged: the sheet version it answered and
// the whole sheet as sent.
type Ack struct {
	Version int64
	Answers Answers
}

// SheetLog is what happened to one sheet from the client's side.
type SheetLog struct {
	// Sent is every sheet posted, acknowledged or not (a request cut off by
	// a crash may still have committed).
	Sent []Answers
	// Acks are the acknowledged saves, in order.
	Acks []Ack
	// SignAcked is the version the acknowledged signature signed (0: none).
	SignAcked int64
	// SignSent is set once a signature was posted.
	SignSent bool
}

// LastAck is the latest acknowledged save, or nil.
func (l *SheetLog) LastAck() *Ack {
	if len(l.Acks) == 0 {
		return nil
	}
	return &l.Acks[len(l.Acks)-1]
}

// Ledger records, per assignment, what the clients sent and what the server
// acknowledged. It is safe for concurrent use.
type Ledger struct {
	mu     sync.Mutex
	sheets map[int64]*SheetLog
}

// NewLedger returns an empty ledger.
func NewLedger() *Ledger { return &Ledger{sheets: map[int64]*SheetLog{}} }

func (l *Ledger) log(assignmentID int64) *SheetLog {
	s, ok := l.sheets[assignmentID]
	if !ok {
		s = &SheetLog{}
		l.sheets[assignmentID] = s
	}
	return s
}

// Sent notes a sheet about to be posted.
func (l *Ledger) Sent(assignmentID int64, a Answers) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.log(assignmentID)
	s.Sent = append(s.Sent, a)
}

// Acked notes an acknowledged save.
func (l *Ledger) Acked(assignmentID, version int64, a Answers) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.log(assignmentID)
	s.Acks = append(s.Acks, Ack{Version: version, Answers: a})
}

// SignSent notes a signature about to be posted.
func (l *Ledger) SignSent(assignmentID int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.log(assignmentID).SignSent = true
}

// SignAcked notes an acknowledged signature of the version.
func (l *Ledger) SignAcked(assignmentID, version int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.log(assignmentID).SignAcked = version
}

// Snapshot copies the ledger for verification.
func (l *Ledger) Snapshot() map[int64]SheetLog {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[int64]SheetLog, len(l.sheets))
	for id, s := range l.sheets {
		c := *s
		c.Sent = append([]Answers(nil), s.Sent...)
		c.Acks = append([]Ack(nil), s.Acks...)
		out[id] = c
	}
	return out
}

// Counts returns the number of acknowledged saves and signatures.
func (l *Ledger) Counts() (saves, signs int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.sheets {
		saves += len(s.Acks)
		if s.SignAcked != 0 {
			signs++
		}
	}
	return saves, signs
}
