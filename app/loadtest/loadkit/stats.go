package loadkit

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Stats collects the outcome of one phase of requests. It is safe for
// concurrent use.
type Stats struct {
	mu      sync.Mutex
	lat     []time.Duration
	errors  map[string]int
	start   time.Time
	elapsed time.Duration
}

// NewStats starts a phase now.
func NewStats() *Stats { return &Stats{errors: map[string]int{}, start: time.Now()} }

// OK records a successful request and how long it took.
func (s *Stats) OK(d time.Duration) {
	s.mu.Lock()
	s.lat = append(s.lat, d)
	s.mu.Unlock()
}

// Fail records a failed request by kind (e.g. "status 409").
func (s *Stats) Fail(kind string) {
	s.mu.Lock()
	s.errors[kind]++
	s.mu.Unlock()
}

// Stop ends the phase's clock.
func (s *Stats) Stop() {
	s.mu.Lock()
	s.elapsed = time.Since(s.start)
	s.mu.Unlock()
}

// Summary is a finished phase in figures.
type Summary struct {
	OK, Errors    int
	Elapsed       time.Duration
	PerSecond     float64
	P50, P95, P99 time.Duration
	Max           time.Duration
	ErrorKinds    string
}

// Summary computes the phase's figures.
func (s *Stats) Summary() Summary {
	s.mu.Lock()
	defer s.mu.Unlock()
	lat := slices.Clone(s.lat)
	slices.Sort(lat)
	out := Summary{OK: len(lat), Elapsed: s.elapsed}
	var kinds []string
	for k, n := range s.errors {
		out.Errors += n
		kinds = append(kinds, fmt.Sprintf("%s×%d", k, n))
	}
	sort.Strings(kinds)
	out.ErrorKinds = strings.Join(kinds, ", ")
	if s.elapsed > 0 {
		out.PerSecond = float64(len(lat)) / s.elapsed.Seconds()
	}
	if len(lat) > 0 {
		out.P50, out.P95, out.P99 = quantile(lat, 0.50), quantile(lat, 0.95), quantile(lat, 0.99)
		out.Max = lat[len(lat)-1]
	}
	return out
}

// quantile is the nearest-rank quantile of sorted durations.
func quantile(sorted []time.Duration, q float64) time.Duration {
	i := int(q*float64(len(sorted))+0.999999) - 1
	i = max(0, min(i, len(sorted)-1))
	return sorted[i]
}

// String is one line of the report.
func (s Summary) String() string {
	line := fmt.Sprintf("%d ok in %.1fs = %.0f/s; p50 %s, p95 %s, p99 %s, max %s; errors %d",
		s.OK, s.Elapsed.Seconds(), s.PerSecond, ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Max), s.Errors)
	if s.ErrorKinds != "" {
		line += " (" + s.ErrorKinds + ")"
	}
	return line
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
