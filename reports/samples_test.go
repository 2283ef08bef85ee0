package reports

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// samplesDir, when set, makes TestWriteSamples write every sample document
// there, for looking at them (pdftoppm -r 80 -png).
var samplesDir = flag.String("samples", "", "write sample PDFs to this directory")

func TestWriteSamples(t *testing.T) {
	if *samplesDir == "" {
		t.Skip("no -samples directory")
	}
	docs := map[string]Document{
		"result-notice":       sampleResultNotice(50),
		"public-notice":       samplePublicNotice(),
		"score-summary":       sampleSummary(12, 7),
		"expert-sheet":        sampleExpertSheet(),
		"calculation":         sampleCalculation(),
		"receipt":             sampleReceipt(),
		"score-summary-large": sampleSummary(20, 11),
	}
	for name, doc := range docs {
		data, err := Bytes(doc, Options{SealGuide: true})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(*samplesDir, name+".pdf"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
