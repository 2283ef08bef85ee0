package reports

import (
	"testing"
	"time"
)

func TestFormatting(t *testing.T) {
	utc := time.Date(2026, 3, 4, 20, 30, 0, 0, time.UTC) // 2026-03-05 04:30 in Beijing
	cases := []struct{ got, want string }{
		{dateCN(utc), "2026年3月5日"},
		{dateTimeCN(utc), "2026年3月5日 04:30:00"},
		{periodCN(time.Date(2026, 11, 24, 0, 0, 0, 0, chinaTime), time.Date(2026, 11, 30, 0, 0, 0, 0, chinaTime)), "2026年11月24日至11月30日"},
		{periodCN(time.Date(2026, 12, 28, 0, 0, 0, 0, chinaTime), time.Date(2027, 1, 4, 0, 0, 0, 0, chinaTime)), "2026年12月28日至2027年1月4日"},
		{numberCN(1), "一"}, {numberCN(10), "十"}, {numberCN(12), "十二"}, {numberCN(20), "二十"}, {numberCN(37), "三十七"},
		{sizeCN(97), "97 字节"}, {sizeCN(86016), "84.0 KB"}, {sizeCN(2457600), "2.34 MB"},
		{DocNumber{Prefix: "苏制强办", Year: 2026, Seq: 7}.String(), "苏制强办〔2026〕7号"},
		{withComma("为推动发展"), "为推动发展，"}, {withComma("为推动发展，"), "为推动发展，"},
		{Issuer{Name: "某办公室"}.mark(), "某办公室文件"}, {Issuer{Name: "某办公室", Mark: "某某文件"}.mark(), "某某文件"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q; want %q", c.got, c.want)
		}
	}
	if got := splitLines(" 第一段\r\n\n  第二段 \n"); len(got) != 2 || got[0] != "第一段" || got[1] != "第二段" {
		t.Errorf("splitLines = %q; want [第一段 第二段]", got)
	}
}
