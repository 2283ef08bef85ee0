package app_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/results"

	"github.com/xuri/excelize/v2"
)

func TestExports(t *testing.T) {
	r := newResultsEnv(t)
	base := r.path("/office/competitions/%d/exports", r.comp.ID)
	apptest.Check(t, r.office.Get(base), http.StatusOK, "", []string{"dossiers.xlsx", "还没有冻结的阶段结果"}, []string{"bundle.zip"})
	apptest.Check(t, r.office.Get(base+"/bundle.zip"), http.StatusConflict, "", []string{"还没有冻结的阶段结果"}, nil)
	r.throughSelect(t)
	apptest.Check(t, r.office.Get(base), http.StatusOK, "", []string{"scores.xlsx", "final.csv", "bundle.zip", "results-apply.csv"}, nil)

	t.Run("DossiersCSV", func(t *testing.T) {
		rows := csvRows(t, r.office.Get(base+"/dossiers.csv"))
		if len(rows) != 5 || rows[0][0] != "申报编号" || rows[1][4] != "江阴市" || !strings.Contains(rows[1][9], "遴选答辩") {
			t.Errorf("dossiers.csv = %q", rows)
		}
	})
	t.Run("ScoresCSV", func(t *testing.T) {
		rows := csvRows(t, r.office.Get(base+"/scores.csv"))
		if len(rows) != 47 || rows[0][3] != "评委编号" || !strings.HasPrefix(rows[1][3], "E") {
			t.Errorf("scores.csv: %d rows, head %q", len(rows), rows[0])
		}
		for _, row := range rows {
			for _, cell := range row {
				if strings.HasPrefix(cell, "judge") {
					t.Fatalf("an expert's name leaked into the export: %q", row)
				}
			}
		}
	})
	t.Run("StageCSV", func(t *testing.T) {
		rows := csvRows(t, r.office.Get(base+"/results-apply.csv"))
		if len(rows) != 5 || rows[1][1] != key(r.dossiers[1]) || rows[1][len(rows[1])-5] != "84.00" {
			t.Errorf("results-apply.csv = %q", rows)
		}
	})
	t.Run("ResultsXLSX", func(t *testing.T) {
		res := r.office.Get(base + "/results.xlsx")
		f, err := excelize.OpenReader(strings.NewReader(res.Body))
		if err != nil {
			t.Fatalf("results.xlsx: %v", err)
		}
		defer f.Close()
		if sheets := f.GetSheetList(); len(sheets) != 2 || sheets[0] != "申报评审" {
			t.Errorf("sheets = %v", sheets)
		}
	})
	t.Run("FinalXLSX", func(t *testing.T) {
		res := r.office.Get(base + "/final.xlsx")
		f, err := excelize.OpenReader(strings.NewReader(res.Body))
		if err != nil {
			t.Fatalf("final.xlsx: %v", err)
		}
		defer f.Close()
		rows, _ := f.GetRows("最终排名")
		if len(rows) != 3 || rows[1][1] != key(r.dossiers[0]) {
			t.Errorf("final rows = %q", rows)
		}
	})
	apptest.Check(t, r.office.Get(base+"/nope.xlsx"), http.StatusNotFound, "", nil, nil)
	apptest.Check(t, r.office.Get(base+"/results.csv"), http.StatusNotFound, "", nil, nil)

	t.Run("Bundle", func(t *testing.T) {
		res := r.office.Get(base + "/bundle.zip")
		if res.Code != http.StatusOK || res.Header.Get("Content-Type") != "application/zip" {
			t.Fatalf("bundle: %d %s", res.Code, res.Header.Get("Content-Type"))
		}
		files := unzip(t, []byte(res.Body))
		for _, name := range []string{"README.txt", "rubric.yaml", "raw_scores.csv", "objective_points.csv", "stage_results.csv",
			"final_ranking.csv", "results/apply.json", "results/final.json", "score_inputs/apply/P1.json",
			"score_inputs/select/Q1.json", "SHA256SUMS"} {
			if _, ok := files[name]; !ok {
				t.Errorf("bundle lacks %s", name)
			}
		}
		for _, line := range strings.Split(strings.TrimSpace(string(files["SHA256SUMS"])), "\n") {
			sum, name, _ := strings.Cut(line, "  ")
			got := sha256.Sum256(files[name])
			if hex.EncodeToString(got[:]) != sum {
				t.Errorf("SHA256SUMS does not match %s", name)
			}
		}
		var apply results.StageResult
		if err := json.Unmarshal(files["results/apply.json"], &apply); err != nil {
			t.Fatal(err)
		}
		again, err := results.Recompute(&apply)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range apply.Dossiers {
			if again[d.Key] != d.Score {
				t.Errorf("%s: recomputed %v; frozen %v", d.Key, again[d.Key], d.Score)
			}
		}
	})
	if es, _, _ := r.env.Store.FindAuditEntries(t.Context(), auditAction("result.export")); len(es) != 1 {
		t.Errorf("bundle downloads audited: %d; want 1", len(es))
	}
}

func csvRows(t *testing.T, res *apptest.Response) [][]string {
	t.Helper()
	if res.Code != http.StatusOK || !strings.HasPrefix(res.Body, "\ufeff") {
		t.Fatalf("csv: status %d, BOM %v", res.Code, strings.HasPrefix(res.Body, "\ufeff"))
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		_, name, _ := strings.Cut(f.Name, "/")
		out[name] = b
	}
	return out
}
