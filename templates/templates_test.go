package templates

import (
	"testing"
	"time"
)

func TestFormatDateTime_ChinaStandardTime(t *testing.T) {
	utc := time.Date(2026, 3, 31, 9, 5, 0, 0, time.UTC)
	if got, want := FormatDateTime(utc), "2026年3月31日 17:05"; got != want {
		t.Errorf("FormatDateTime = %q; want %q", got, want)
	}
	if got, want := FormatDate(time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC)), "2027年1月1日"; got != want {
		t.Errorf("FormatDate across midnight CST = %q; want %q", got, want)
	}
	if got := FormatDateTime(time.Time{}); got != "—" {
		t.Errorf("zero time = %q; want —", got)
	}
}

func TestInputTime_RoundTrips(t *testing.T) {
	in := "2026-03-31T17:05"
	parsed, err := ParseInputTime(in)
	if err != nil {
		t.Fatal(err)
	}
	if !parsed.Equal(time.Date(2026, 3, 31, 9, 5, 0, 0, time.UTC)) {
		t.Errorf("ParseInputTime(%q) = %v; want 09:05 UTC", in, parsed.UTC())
	}
	if got := FormatInputTime(parsed); got != in {
		t.Errorf("FormatInputTime = %q; want %q", got, in)
	}
	if _, err := ParseInputTime("31/03/2026"); err == nil {
		t.Error("ParseInputTime accepted a malformed value")
	}
}

func TestShortHash(t *testing.T) {
	if got := ShortHash("sha256:0123456789abcdef0123"); got != "0123456789ab" {
		t.Errorf("ShortHash = %q", got)
	}
}
