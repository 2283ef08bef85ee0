package reports

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden PDFs in testdata")

// allSamples is one of each document, plus two larger ones, eight in all.
func allSamples() []Document {
	return []Document{
		sampleResultNotice(50), samplePublicNotice(), sampleSummary(12, 7), sampleExpertSheet(),
		sampleCalculation(), sampleReceipt(), sampleResultNotice(8), sampleSummary(20, 11),
	}
}

func TestDeterministic_SameViewSameBytes(t *testing.T) {
	for _, doc := range allSamples() {
		a, err := Bytes(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := Bytes(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings differ", doc.FileName())
		}
	}
}

// The golden file pins the whole output: layout, fonts, subsetting and
// metadata. Regenerate with `go test ./reports -run Golden -update` after
// an intended change, and look at the result (pdftoppm) before committing.
func TestGolden_ResultNotice(t *testing.T) {
	got, err := Bytes(sampleResultNotice(3), Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "result-notice-3.golden.pdf")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("result notice differs from %s (%d vs %d bytes); if the change is intended, run with -update and look at it", path, len(got), len(want))
	}
}

func TestOptions_CreatedDate(t *testing.T) {
	n := sampleResultNotice(1)
	a, err := Bytes(n, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20261123100000")) {
		t.Errorf("creation date is not the notice's date, 2026-11-23 10:00 Beijing time")
	}
	b, err := Bytes(n, Options{Created: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("/CreationDate (D:20261201160000")) {
		t.Errorf("Options.Created (08:00 UTC) was not written as 16:00 Beijing time")
	}
}

// Eight documents generated at once give the bytes each gives alone: no
// shared font bytes are written to (run with -race).
func TestConcurrent_EightDocuments(t *testing.T) {
	docs := allSamples()
	want := make([][]byte, len(docs))
	for i, d := range docs {
		b, err := Bytes(d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = b
	}
	got := make([][]byte, len(docs))
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	for i, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = Bytes(d, Options{})
		}()
	}
	wg.Wait()
	for i := range docs {
		if errs[i] != nil {
			t.Errorf("%s: %v", docs[i].FileName(), errs[i])
		} else if !bytes.Equal(got[i], want[i]) {
			t.Errorf("%s: concurrent output differs from sequential output", docs[i].FileName())
		}
	}
}

func TestFileNames(t *testing.T) {
	cases := map[string]Document{
		"苏制强办〔2026〕12号-结果通知.pdf":      sampleResultNotice(1),
		"2026年度江苏省区域卓越产业链拟入选名单公示.pdf": samplePublicNotice(),
		"申报评审-装备制造组-评分汇总表.pdf":        sampleSummary(2, 3),
		"JS2026-0012-赵堃-专家评分表.pdf":    sampleExpertSheet(),
		"JS2026-0012-申报评审-得分计算说明.pdf": sampleCalculation(),
		"JS2026-0012-申报回执.pdf":        sampleReceipt(),
	}
	for want, doc := range cases {
		if got := doc.FileName(); got != want {
			t.Errorf("%T.FileName() = %q; want %q", doc, got, want)
		}
	}
}

// BenchmarkResultNotice50 measures the result notice with 50 winners, the
// size the issue targets (≤ 50 ms warm, ≤ 300 KB).
func BenchmarkResultNotice50(b *testing.B) {
	n := sampleResultNotice(50)
	var size int
	for b.Loop() {
		data, err := Bytes(n, Options{})
		if err != nil {
			b.Fatal(err)
		}
		size = len(data)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

// BenchmarkEachDocument measures every document type once per iteration.
func BenchmarkEachDocument(b *testing.B) {
	for _, doc := range allSamples()[:6] {
		b.Run(fmt.Sprintf("%T", doc)[len("reports."):], func(b *testing.B) {
			var size int
			for b.Loop() {
				data, err := Bytes(doc, Options{})
				if err != nil {
					b.Fatal(err)
				}
				size = len(data)
			}
			b.ReportMetric(float64(size), "pdf-bytes")
		})
	}
}
