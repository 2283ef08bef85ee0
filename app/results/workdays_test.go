package results

import (
	"testing"
	"time"
)

func TestCalendar_PeriodEnd(t *testing.T) {
	national := NewCalendar(
		[]string{"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"},
		[]string{"2026-10-10"}) // a Saturday worked in exchange
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, cst)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		name, start string
		days        int
		cal         Calendar
		want        string
	}{
		{"MondayFiveDays", "2026-11-23 10:00", 5, Calendar{}, "2026-11-28 00:00"},
		{"FridayCrossesWeekend", "2026-11-27 16:30", 5, Calendar{}, "2026-12-04 00:00"},
		{"SaturdayStartsMonday", "2026-11-28 09:00", 1, Calendar{}, "2026-12-01 00:00"},
		{"HolidaysAndMakeUpDay", "2026-09-30 09:00", 5, national, "2026-10-13 00:00"},
		{"ZeroMeansOne", "2026-11-23 09:00", 0, Calendar{}, "2026-11-24 00:00"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := c.cal.PeriodEnd(at(c.start), c.days)
			if want := at(c.want); !got.Equal(want) {
				t.Errorf("PeriodEnd(%s, %d) = %s; want %s", c.start, c.days, got.In(cst), want)
			}
		})
	}
	if n := national.WorkdaysBetween(at("2026-09-30 00:00"), at("2026-10-13 00:00")); n != 5 {
		t.Errorf("WorkdaysBetween = %d; want 5 (30 Sep, 8, 9, 10 (make-up), 12 Oct)", n)
	}
}

func TestParseDates(t *testing.T) {
	got, err := ParseDates("2026-10-02，2026-10-01\n2026-10-01、2026-10-03")
	if err != nil || len(got) != 3 || got[0] != "2026-10-01" {
		t.Errorf("ParseDates = %v, %v", got, err)
	}
	if _, err := ParseDates("10月1日"); err == nil {
		t.Error("a Chinese date was accepted; only 2026-10-01 is")
	}
}
