// Package templates holds chainjudge's html/template pages and static assets,
// embedded into the binary so a closed office network needs no CDN. It knows
// nothing about HTTP or the database: the app parses the pages at start-up
// with Funcs and renders typed page structs.
package templates

import (
	"embed"
	"fmt"
	"html/template"
	"strings"
	"time"
	"unicode/utf8"
)

// FS holds every page (*.html: one layout, partials, one file per page) and
// the static assets under static/.
//
//go:embed *.html static
var FS embed.FS

// China Standard Time has no daylight saving, so a fixed zone is exact and
// needs no tzdata on the server.
var cst = time.FixedZone("CST", 8*3600)

// Location is the time zone every page shows times in.
func Location() *time.Location { return cst }

// Funcs is the FuncMap every page is parsed with.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"datetime":  func(v any) string { return FormatDateTime(timeOf(v)) },
		"date":      func(v any) string { return FormatDate(timeOf(v)) },
		"inputTime": func(v any) string { return FormatInputTime(timeOf(v)) },
		"add":       func(a, b int) int { return a + b },
		"seq": func(n int) []int {
			s := make([]int, n)
			for i := range s {
				s[i] = i + 1
			}
			return s
		},
		"runes":     utf8.RuneCountInString,
		"join":      strings.Join,
		"shortHash": ShortHash,
		"percent": func(n, d int) int {
			if d == 0 {
				return 0
			}
			return n * 100 / d
		},
		"deref": func(p *int64) int64 {
			if p == nil {
				return 0
			}
			return *p
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}

// timeOf accepts a time.Time or a *time.Time (nil is the zero time), so
// pages can format optional times without guards.
func timeOf(v any) time.Time {
	switch t := v.(type) {
	case time.Time:
		return t
	case *time.Time:
		if t != nil {
			return *t
		}
	}
	return time.Time{}
}

// FormatDateTime renders t as "2026年3月1日 09:00" in China Standard Time.
func FormatDateTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(cst)
	return fmt.Sprintf("%d年%d月%d日 %02d:%02d", t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute())
}

// FormatDate renders t as "2026年3月1日" (GB/T 9704 style, no leading zeros).
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(cst)
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// FormatInputTime renders t for an <input type="datetime-local">.
func FormatInputTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(cst).Format("2006-01-02T15:04")
}

// ParseInputTime reads an <input type="datetime-local"> value as China
// Standard Time.
func ParseInputTime(s string) (time.Time, error) {
	return time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(s), cst)
}

// ShortHash shows the first 12 hex digits of a "sha256:…" content hash.
func ShortHash(h string) string {
	h = strings.TrimPrefix(h, "sha256:")
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
