package store_test

import (
	"testing"

	"chainjudge/app/store"
)

// TestJobPercent: a running job's share of its total; a finished job is
// 100% even when its last progress report fell short of the total.
func TestJobPercent(t *testing.T) {
	for _, c := range []struct {
		job  store.Job
		want int
	}{
		{store.Job{Status: store.JobRunning, Done: 96, Total: 240}, 40},
		{store.Job{Status: store.JobRunning, Done: 239, Total: 240}, 99},
		{store.Job{Status: store.JobRunning}, 0},
		{store.Job{Status: store.JobDone, Done: 239, Total: 240}, 100},
		{store.Job{Status: store.JobDone}, 100},
	} {
		if got := c.job.Percent(); got != c.want {
			t.Errorf("%+v: Percent() = %d; want %d", c.job, got, c.want)
		}
	}
}
