package reports

import (
	"fmt"
	"strings"
	"time"
)

// chinaTime is UTC+8 without daylight saving; a fixed zone needs no time
// zone database on the server.
var chinaTime = time.FixedZone("CST", 8*3600)

// dateCN writes a date the GB/T 9704 7.3.5.4 way: Arabic numerals, full
// year, no leading zeros, e.g. "2026年3月5日".
func dateCN(t time.Time) string {
	t = t.In(chinaTime)
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// dateTimeCN writes a Beijing-time timestamp, e.g. "2026年11月23日 09:05:07".
func dateTimeCN(t time.Time) string {
	t = t.In(chinaTime)
	return fmt.Sprintf("%s %02d:%02d:%02d", dateCN(t), t.Hour(), t.Minute(), t.Second())
}

// periodCN writes a date range, leaving out the second year when both ends
// fall in the same year: "2026年11月24日至11月30日".
func periodCN(from, to time.Time) string {
	from, to = from.In(chinaTime), to.In(chinaTime)
	if from.Year() == to.Year() {
		return fmt.Sprintf("%s至%d月%d日", dateCN(from), int(to.Month()), to.Day())
	}
	return dateCN(from) + "至" + dateCN(to)
}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// numberCN writes 1-99 in Chinese numerals for headings ("一", "十二", "二十").
func numberCN(n int) string {
	switch {
	case n < 10:
		return cnDigits[n]
	case n < 20:
		return "十" + strings.TrimPrefix(cnDigits[n%10], "零")
	case n < 100 && n%10 == 0:
		return cnDigits[n/10] + "十"
	case n < 100:
		return cnDigits[n/10] + "十" + cnDigits[n%10]
	}
	return fmt.Sprint(n)
}

// sizeCN writes a file size for a person, e.g. "2.35 MB", "812.0 KB", "97 字节".
func sizeCN(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d 字节", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.2f MB", float64(n)/(1024*1024))
}

// joinCN joins items with the enumeration comma "、".
func joinCN(items []string) string { return strings.Join(items, "、") }

// endsWithStop reports whether s already ends with sentence punctuation.
func endsWithStop(s string) bool {
	return strings.HasSuffix(s, "。") || strings.HasSuffix(s, "？") || strings.HasSuffix(s, "！") ||
		strings.HasSuffix(s, "：") || strings.HasSuffix(s, "；")
}

// withComma appends "，" unless s already ends with a punctuation mark.
func withComma(s string) string {
	if s == "" || endsWithStop(s) || strings.HasSuffix(s, "，") {
		return s
	}
	return s + "，"
}

// splitLines splits text at line breaks into trimmed, non-empty lines.
func splitLines(text string) []string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// itemField names element i of the view's list field, or is empty when the
// text is the document's own (field empty).
func itemField(field string, i int) string {
	if field == "" {
		return ""
	}
	return fmt.Sprintf("%s[%d]", field, i)
}

// orDefault returns the view's list and its field name, or the document's
// default wording (with no field name) when the list is empty.
func orDefault(list []string, field string, defaults []string) ([]string, string) {
	if len(list) == 0 {
		return defaults, ""
	}
	return list, field
}
