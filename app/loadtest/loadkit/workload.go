package loadkit

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"

	"chainjudge/rubrics"
)

// Runner is one logged-in expert working through their sheets, one request
// at a time as a person with one browser tab would.
type Runner struct {
	Expert  Expert
	Client  *Client
	rules   *rubrics.Stage
	ledger  *Ledger
	rng     *rand.Rand
	version map[int64]int64   // assignment → the version the form shows
	locked  map[int64]bool    // assignment → signed
	shown   map[int64]Answers // assignment → the answers last sent
	next    int               // round-robin position in Expert.Sheets
	seq     int
	// Changes is how many answers an autosave changes (see Answers.Vary);
	// 0 rewrites the whole sheet every time.
	Changes int
}

// NewRunners makes one runner per expert of the fixture, each with its own
// browser on the server at base; seed makes the answers reproducible.
func NewRunners(base string, fix *Fixture, ledger *Ledger, transport http.RoundTripper, seed uint64) []*Runner {
	out := make([]*Runner, len(fix.Experts))
	for i, e := range fix.Experts {
		out[i] = &Runner{Expert: e, Client: NewClient(base, transport), rules: fix.Rules, ledger: ledger,
			rng: rand.New(rand.NewPCG(seed, uint64(e.ID))), version: map[int64]int64{}, locked: map[int64]bool{},
			shown: map[int64]Answers{}}
	}
	return out
}

// Login logs the runner's expert in.
func (r *Runner) Login(ctx context.Context) error {
	return r.Client.Login(ctx, r.Expert.Username, Password)
}

// Open reports whether the runner still has a sheet to fill in.
func (r *Runner) Open() bool {
	for _, sh := range r.Expert.Sheets {
		if !r.locked[sh.AssignmentID] {
			return true
		}
	}
	return false
}

// nextSheet picks the next unsigned sheet, round robin.
func (r *Runner) nextSheet() (Sheet, bool) {
	for range r.Expert.Sheets {
		sh := r.Expert.Sheets[r.next%len(r.Expert.Sheets)]
		r.next++
		if !r.locked[sh.AssignmentID] {
			return sh, true
		}
	}
	return Sheet{}, false
}

// ErrStatus is a request the server answered with an unexpected status.
type ErrStatus struct {
	Status int
	Detail string
}

func (e *ErrStatus) Error() string { return fmt.Sprintf("status %d: %.200s", e.Status, e.Detail) }

// Kind names the failure for the report.
func Kind(err error) string {
	var es *ErrStatus
	if errors.As(err, &es) {
		return "status " + strconv.Itoa(es.Status)
	}
	return "transport"
}

// answers are the next answers the runner sends on sh.
func (r *Runner) answers(sh Sheet) Answers {
	r.seq++
	a := r.shown[sh.AssignmentID].Vary(r.rules, r.rng, r.seq, r.Changes)
	r.shown[sh.AssignmentID] = a
	return a
}

// Save fills the next sheet with fresh answers and autosaves it; the save
// counts only when the server answers 200 with the new version.
func (r *Runner) Save(ctx context.Context) error {
	sh, ok := r.nextSheet()
	if !ok {
		return errors.New("no open sheet")
	}
	a := r.answers(sh)
	r.ledger.Sent(sh.AssignmentID, a)
	rep, err := r.Client.Autosave(ctx, sh.Path, a.Form(r.version[sh.AssignmentID]))
	if err != nil {
		return err
	}
	if rep.Status != http.StatusOK {
		return &ErrStatus{Status: rep.Status, Detail: rep.Error}
	}
	r.version[sh.AssignmentID] = rep.Version
	r.ledger.Acked(sh.AssignmentID, rep.Version, a)
	return nil
}

// Submit saves a final set of answers on the next open sheet, presses the
// submit button and signs with the password, as the pages do.
func (r *Runner) Submit(ctx context.Context) error {
	sh, ok := r.nextSheet()
	if !ok {
		return errors.New("no open sheet")
	}
	a := r.answers(sh)
	r.ledger.Sent(sh.AssignmentID, a)
	rep, err := r.Client.Autosave(ctx, sh.Path, a.Form(r.version[sh.AssignmentID]))
	if err != nil {
		return err
	}
	if rep.Status != http.StatusOK {
		return &ErrStatus{Status: rep.Status, Detail: rep.Error}
	}
	v := rep.Version
	r.version[sh.AssignmentID] = v
	r.ledger.Acked(sh.AssignmentID, v, a)
	r.ledger.SignSent(sh.AssignmentID)
	res, err := r.Client.Submit(ctx, sh.Path, a.Form(v), v, Password)
	if err != nil {
		return err
	}
	if res.Status != http.StatusSeeOther || res.Location != sh.Path {
		return &ErrStatus{Status: res.Status, Detail: res.Location + " " + res.Body}
	}
	r.locked[sh.AssignmentID] = true
	r.ledger.SignAcked(sh.AssignmentID, v)
	return nil
}

var (
	versionInput = regexp.MustCompile(`name="version" value="(\d+)"`)
	autosaveForm = regexp.MustCompile(`data-autosave=`)
)

// Resync reloads every open sheet's page, as a person does after an error,
// to learn the version the server has and whether the sheet was signed.
func (r *Runner) Resync(ctx context.Context) error {
	for _, sh := range r.Expert.Sheets {
		if r.locked[sh.AssignmentID] {
			continue
		}
		rep, err := r.Client.Get(ctx, sh.Path)
		if err != nil {
			return err
		}
		if rep.Status != http.StatusOK {
			return &ErrStatus{Status: rep.Status, Detail: rep.Location}
		}
		// A signed sheet's page has no autosave form (nor, unless a
		// flag asks for a revision, a version).
		if !autosaveForm.MatchString(rep.Body) {
			r.locked[sh.AssignmentID] = true
			continue
		}
		m := versionInput.FindStringSubmatch(rep.Body)
		if m == nil {
			return fmt.Errorf("sheet %s: no version in the page", sh.Path)
		}
		v, _ := strconv.ParseInt(m[1], 10, 64)
		r.version[sh.AssignmentID] = v
	}
	return nil
}

// LoginAll logs every runner in, conc at a time.
func LoginAll(ctx context.Context, runners []*Runner, conc int) *Stats {
	st := NewStats()
	each(runners, conc, func(r *Runner) {
		t := time.Now()
		if err := r.Login(ctx); err != nil {
			st.Fail(err.Error())
			return
		}
		st.OK(time.Since(t))
	})
	st.Stop()
	return st
}

// each runs fn for every runner, at most conc at once.
func each(runners []*Runner, conc int, fn func(*Runner)) {
	sem := make(chan struct{}, max(conc, 1))
	var wg sync.WaitGroup
	for _, r := range runners {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			fn(r)
		}()
	}
	wg.Wait()
}

// Paced has every runner save at its share of rate saves per second for d,
// all at once. Each save is scheduled in advance; its latency counts from
// the scheduled moment, so a server falling behind shows in the figures
// instead of slowing the senders down (no coordinated omission). rate 0
// saves as fast as the answers come back (closed loop, no think time).
func Paced(ctx context.Context, runners []*Runner, rate float64, d time.Duration) *Stats {
	st := NewStats()
	end := time.Now().Add(d)
	var wg sync.WaitGroup
	for _, r := range runners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var interval time.Duration
			next := time.Now()
			if rate > 0 {
				interval = time.Duration(float64(len(runners)) / rate * float64(time.Second))
				next = next.Add(time.Duration(r.rng.Int64N(int64(interval) + 1)))
			}
			for next.Before(end) && r.Open() && ctx.Err() == nil {
				if wait := time.Until(next); wait > 0 {
					time.Sleep(wait)
				}
				start := next
				if rate == 0 {
					start = time.Now()
				}
				if err := r.Save(ctx); err != nil {
					st.Fail(Kind(err))
				} else {
					st.OK(time.Since(start))
				}
				if rate == 0 {
					next = time.Now()
				} else {
					next = next.Add(interval)
				}
			}
		}()
	}
	wg.Wait()
	st.Stop()
	return st
}

// SubmitAll has every runner sign all their open sheets, all runners at
// once.
func SubmitAll(ctx context.Context, runners []*Runner) *Stats {
	st := NewStats()
	each(runners, len(runners), func(r *Runner) {
		for r.Open() && ctx.Err() == nil {
			t := time.Now()
			if err := r.Submit(ctx); err != nil {
				st.Fail(Kind(err))
				return
			}
			st.OK(time.Since(t))
		}
	})
	st.Stop()
	return st
}

// Drive has every runner autosave until stop is closed, and now and then
// (one time in signEvery, when it has another sheet left) sign a sheet:
// the crash test's load, which goes on while the server is killed under
// it. Failures are expected then; a runner that is refused as stale (its
// last save committed but the answer was lost) reloads its sheets, and one
// that cannot reach the server waits a moment before the next try.
func Drive(ctx context.Context, runners []*Runner, stop <-chan struct{}, signEvery int) *Stats {
	st := NewStats()
	var wg sync.WaitGroup
	for _, r := range runners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r.Open() && ctx.Err() == nil {
				select {
				case <-stop:
					return
				default:
				}
				t := time.Now()
				var err error
				if signEvery > 0 && r.openSheets() > 1 && r.rng.IntN(signEvery) == 0 {
					err = r.Submit(ctx)
				} else {
					err = r.Save(ctx)
				}
				if err == nil {
					st.OK(time.Since(t))
					continue
				}
				st.Fail(Kind(err))
				var es *ErrStatus
				if errors.As(err, &es) && es.Status == http.StatusConflict {
					_ = r.Resync(ctx)
				} else {
					time.Sleep(10 * time.Millisecond)
				}
			}
		}()
	}
	wg.Wait()
	st.Stop()
	return st
}

// openSheets counts the runner's unsigned sheets.
func (r *Runner) openSheets() int {
	n := 0
	for _, sh := range r.Expert.Sheets {
		if !r.locked[sh.AssignmentID] {
			n++
		}
	}
	return n
}
