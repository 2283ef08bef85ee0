package results

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// cst is China Standard Time, where 公示 periods are counted.
var cst = time.FixedZone("CST", 8*3600)

// DefaultNoticeDays is the usual length of a 公示: five working days.
const DefaultNoticeDays = 5

// dateLayout is how calendar dates are written.
const dateLayout = "2006-01-02"

// Calendar says which days are working days: Monday to Friday, except the
// Holidays (法定节假日), plus the Workdays (调休上班的周末). Dates are
// "2006-01-02" in China Standard Time.
type Calendar struct {
	Holidays map[string]bool
	Workdays map[string]bool
}

// NewCalendar builds a calendar from lists of dates.
func NewCalendar(holidays, workdays []string) Calendar {
	c := Calendar{Holidays: map[string]bool{}, Workdays: map[string]bool{}}
	for _, d := range holidays {
		c.Holidays[d] = true
	}
	for _, d := range workdays {
		c.Workdays[d] = true
	}
	return c
}

// ParseDates reads dates written one per line or separated by commas,
// spaces or 、, e.g. "2026-10-01, 2026-10-02". It returns them sorted and
// without repeats, or an error naming the first date it cannot read.
func ParseDates(text string) ([]string, error) {
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == ' ' || r == '\n' || r == '\r' || r == '\t'
	})
	seen := map[string]bool{}
	var out []string
	for _, f := range fields {
		d, err := time.ParseInLocation(dateLayout, f, cst)
		if err != nil {
			return nil, fmt.Errorf("日期“%s”格式有误，应写作 2026-10-01", f)
		}
		s := d.Format(dateLayout)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out, nil
}

// IsWorkday reports whether the day of t (in China Standard Time) is a
// working day.
func (c Calendar) IsWorkday(t time.Time) bool {
	day := t.In(cst)
	key := day.Format(dateLayout)
	if c.Workdays[key] {
		return true
	}
	if c.Holidays[key] {
		return false
	}
	wd := day.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// PeriodEnd returns when a period of n working days that starts on the day
// of start ends: the first working day on or after that day counts as day 1,
// and the period ends at 24:00 China Standard Time of day n (the returned
// instant is 00:00 of the next day). n < 1 counts as 1.
func (c Calendar) PeriodEnd(start time.Time, n int) time.Time {
	if n < 1 {
		n = 1
	}
	s := start.In(cst)
	day := time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, cst)
	counted := 0
	for {
		if c.IsWorkday(day) {
			counted++
			if counted == n {
				return day.AddDate(0, 0, 1)
			}
		}
		day = day.AddDate(0, 0, 1)
	}
}

// WorkdaysBetween counts the working days in [from, to) by calendar day.
func (c Calendar) WorkdaysBetween(from, to time.Time) int {
	f := from.In(cst)
	day := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, cst)
	n := 0
	for day.Before(to) {
		if c.IsWorkday(day) {
			n++
		}
		day = day.AddDate(0, 0, 1)
	}
	return n
}
