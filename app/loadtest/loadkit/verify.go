package loadkit

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"chainjudge/app/store"
)

// Check is the outcome of Verify.
type Check struct {
	Sheets     int   // sheets in the database
	Versions   int64 // sheet versions written by saves
	Acks       int   // acknowledged saves checked
	Signed     int   // sheets signed
	AuditRows  int64 // audit entries verified in the hash chain
	Problems   []string
	ExtraSaves int // saves committed but never acknowledged (cut off by a crash)
}

// OK reports whether nothing was wrong.
func (c *Check) OK() bool { return len(c.Problems) == 0 }

func (c *Check) fail(format string, args ...any) {
	if len(c.Problems) < 50 {
		c.Problems = append(c.Problems, fmt.Sprintf(format, args...))
	}
}

// Verify compares the database with the ledger. For every sheet it
// replays the append-only history version by version and checks that
//   - every acknowledged save is there: the sheet's values as of the
//     acknowledged version are exactly the sheet that was sent;
//   - nothing is half-written: every version that wrote values holds a
//     whole sheet some client sent, and no value belongs to a version the
//     sheet never reached;
//   - each save wrote its audit entry in the same transaction;
//   - an acknowledged signature left the sheet signed, on those values.
//
// exact also requires the sheet's version to be the last acknowledged one
// (no crash: nothing can have committed unacknowledged). Finally the whole
// audit hash chain is verified.
func Verify(ctx context.Context, st *store.Store, fix *Fixture, ledger *Ledger, exact bool) (*Check, error) {
	c := &Check{}
	logs := ledger.Snapshot()
	for _, e := range fix.Experts {
		for _, sh := range e.Sheets {
			if err := verifySheet(ctx, st, c, sh, logs[sh.AssignmentID], exact); err != nil {
				return c, err
			}
		}
	}
	n, brk, err := st.VerifyAudit(ctx)
	if err != nil {
		return c, fmt.Errorf("verify audit chain: %w", err)
	}
	c.AuditRows = n
	if brk != nil {
		c.fail("审计日志哈希链断裂：%s", brk.Reason)
	}
	return c, nil
}

func verifySheet(ctx context.Context, st *store.Store, c *Check, task Sheet, log SheetLog, exact bool) error {
	sheet, err := st.FindSheetByAssignment(ctx, task.AssignmentID)
	if errors.Is(err, store.ErrNotFound) {
		if len(log.Acks) > 0 {
			c.fail("assignment %d: %d acknowledged saves but no sheet", task.AssignmentID, len(log.Acks))
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("sheet of assignment %d: %w", task.AssignmentID, err)
	}
	c.Sheets++
	hist, err := st.SheetHistory(ctx, sheet.ID)
	if err != nil {
		return fmt.Errorf("history of sheet %d: %w", sheet.ID, err)
	}
	// states[v] is the sheet as of version v; wrote[v] says whether v
	// appended values (a signature raises the version without).
	states := map[int64]Answers{}
	wrote := map[int64]bool{}
	cur := Answers{}
	i := 0
	for v := int64(1); v <= sheet.Version; v++ {
		for ; i < len(hist) && hist[i].SheetVersion == v; i++ {
			cur[hist[i].CriterionID] = hist[i].Value()
			wrote[v] = true
		}
		states[v] = clone(cur)
	}
	if i < len(hist) {
		c.fail("sheet %d: value %d belongs to version %d, beyond the sheet's version %d (or out of order)",
			sheet.ID, hist[i].ID, hist[i].SheetVersion, sheet.Version)
	}
	// The sheet's current values, kept beside its version, are its history
	// replayed.
	if current, err := sheet.Values(); err != nil {
		c.fail("sheet %d: %v", sheet.ID, err)
	} else if !Answers(current).Equal(cur) {
		c.fail("sheet %d: current values differ from the history replayed to version %d", sheet.ID, sheet.Version)
	}
	for v := int64(1); v <= sheet.Version; v++ {
		if !wrote[v] {
			continue
		}
		c.Versions++
		if !sentOnce(log.Sent, states[v]) {
			c.fail("sheet %d version %d: values are no sheet any client sent (half-written save)", sheet.ID, v)
		}
	}
	for _, a := range log.Acks {
		c.Acks++
		s, ok := states[a.Version]
		if !ok || !s.Equal(a.Answers) {
			c.fail("sheet %d: acknowledged save of version %d is missing or differs", sheet.ID, a.Version)
		}
	}
	last := log.LastAck()
	switch {
	case last != nil && sheet.Version < last.Version:
		c.fail("sheet %d: version %d is behind the acknowledged %d", sheet.ID, sheet.Version, last.Version)
	case exact && last != nil && log.SignAcked == 0 && sheet.Version != last.Version:
		c.fail("sheet %d: version %d, last acknowledged %d", sheet.ID, sheet.Version, last.Version)
	}
	if last != nil {
		c.ExtraSaves += countWrites(wrote, last.Version, sheet.Version)
	}
	if log.SignAcked != 0 {
		c.Signed++
		switch {
		case sheet.Status != store.SheetSubmitted || sheet.Signature == "":
			c.fail("sheet %d: signature acknowledged but the sheet is %s", sheet.ID, sheet.Status)
		case sheet.Version != log.SignAcked+1:
			c.fail("sheet %d: signed at version %d, now version %d", sheet.ID, log.SignAcked, sheet.Version)
		}
	} else if sheet.Status == store.SheetSubmitted {
		if !log.SignSent {
			c.fail("sheet %d is signed but no signature was ever sent", sheet.ID)
		} else {
			c.Signed++
		}
	}
	total, err := auditCount(ctx, st, sheet.ID, "score.save")
	if err != nil {
		return err
	}
	if want := int64(countWrites(wrote, 0, sheet.Version)); total != want {
		c.fail("sheet %d: %d versions wrote values but %d score.save audit entries", sheet.ID, want, total)
	}
	return nil
}

// auditCount counts a sheet's audit entries of one action.
func auditCount(ctx context.Context, st *store.Store, sheetID int64, action string) (int64, error) {
	_, n, err := st.FindAuditEntries(ctx, store.AuditFilter{Entity: "score_sheet",
		EntityID: strconv.FormatInt(sheetID, 10), Action: action, Limit: 1})
	if err != nil {
		return 0, fmt.Errorf("audit of sheet %d: %w", sheetID, err)
	}
	return n, nil
}

// countWrites counts the versions in (from, to] that wrote values.
func countWrites(wrote map[int64]bool, from, to int64) int {
	n := 0
	for v := from + 1; v <= to; v++ {
		if wrote[v] {
			n++
		}
	}
	return n
}

func sentOnce(sent []Answers, s Answers) bool {
	for _, a := range sent {
		if a.Equal(s) {
			return true
		}
	}
	return false
}

func clone(a Answers) Answers {
	out := make(Answers, len(a))
	for k, v := range a {
		out[k] = v
	}
	return out
}
