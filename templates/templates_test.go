package templates

import (
	"io/fs"
	"regexp"
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

// TestNoInlineScriptOrStyle guards the Content-Security-Policy (script-src
// and style-src 'self'): inline scripts, event handlers and style attributes
// would be silently blocked by browsers.
func TestNoInlineScriptOrStyle(t *testing.T) {
	pages, err := fs.Glob(FS, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	scriptTag := regexp.MustCompile(`(?i)<script[^>]*>`)
	inline := regexp.MustCompile(`(?i)\son(click|load|submit|change|input|error|focus|blur|key[a-z]*|mouse[a-z]*)\s*=|\sstyle\s*=|<style`)
	for _, p := range pages {
		b, err := fs.ReadFile(FS, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range scriptTag.FindAll(b, -1) {
			if !regexp.MustCompile(`\ssrc=`).Match(tag) {
				t.Errorf("%s has an inline <script>: %q", p, tag)
			}
		}
		if m := inline.Find(b); m != nil {
			t.Errorf("%s contains an inline handler or style: %q", p, m)
		}
	}
}
