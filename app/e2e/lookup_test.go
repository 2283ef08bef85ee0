package e2e_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The journey finds its browser without being told to run: a browser named
// by CHAINJUDGE_CHROMIUM is used or, when it is missing, reported (so CI,
// which names the one it installs, fails instead of skipping); unnamed, the
// first candidate installed is used, and none found means a skip.
func TestLookupBrowser(t *testing.T) {
	dir := t.TempDir()
	install := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	chromium := install("chromium-browser")
	chrome := install("google-chrome")
	t.Setenv("PATH", dir)
	missing := filepath.Join(dir, "no-such-chromium")
	candidates := []string{missing, "chromium", "chromium-browser", "google-chrome"}

	for _, c := range []struct {
		name, named string
		candidates  []string
		want, err   string
	}{
		{"named path", chrome, candidates, chrome, ""},
		{"named on PATH", "google-chrome", candidates, chrome, ""},
		{"named but missing", missing, candidates, "", "CHAINJUDGE_CHROMIUM=" + missing},
		{"first candidate installed", "", candidates, chromium, ""},
		{"none installed", "", []string{missing, "chromium"}, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := lookupBrowser(c.named, c.candidates)
			if got != c.want {
				t.Errorf("browser = %q; want %q", got, c.want)
			}
			switch {
			case c.err == "" && err != nil:
				t.Errorf("error %v; want none", err)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Errorf("error %v; want one naming %q", err, c.err)
			}
		})
	}
}
