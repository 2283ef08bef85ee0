package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"chainjudge/app/demo"
	"chainjudge/app/store"
	"chainjudge/scoring"
)

// demoData loads the demo into a fresh data directory and returns it with
// the ids of the finished (published) and the running competition.
func demoData(t *testing.T) (data string, finished, running int64) {
	t.Helper()
	data = t.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Options{DSN: filepath.Join(data, "chainjudge.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	comps, _ := st.FindCompetitions(ctx)
	for _, c := range comps {
		switch c.Name {
		case demo.FinishedCompetitionName:
			finished = c.ID
		case demo.DemoCompetitionName:
			running = c.ID
		}
	}
	if finished == 0 || running == 0 {
		t.Fatalf("demo competitions: %+v", comps)
	}
	return data, finished, running
}

func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = row[i]
		}
		out = append(out, m)
	}
	return out
}

// TestExport_RecomputesEveryPublishedStageScore exports the demo's
// published competition and recomputes every stage score the way the
// bundle's README tells an auditor to: run `chainjudge score` on every
// score input, add up each dossier's criterion scores and its objective
// points, and compare with the published stage results.
func TestExport_RecomputesEveryPublishedStageScore(t *testing.T) {
	data, finished, running := demoData(t)
	out := filepath.Join(t.TempDir(), "bundle")
	code, stdout, stderr := runCmd(t, "export", "--data", data, "--competition", strconv.FormatInt(finished, 10), "--out", out)
	if code != 0 || !strings.Contains(stdout, "已导出") {
		t.Fatalf("export = %d\n%s%s", code, stdout, stderr)
	}

	// The raw scores carry judge codes only.
	raw := readCSV(t, filepath.Join(out, "raw_scores.csv"))
	if len(raw) == 0 {
		t.Fatal("no raw scores")
	}
	for _, r := range raw {
		if !strings.HasPrefix(r["judge"], "E") || strings.HasPrefix(r["judge"], "expert") {
			t.Fatalf("raw score names a judge %q", r["judge"])
		}
	}

	sums := map[string]scoring.Decimal{} // stage/dossier → recomputed score
	for _, o := range readCSV(t, filepath.Join(out, "objective_points.csv")) {
		sums[o["stage"]+"/"+o["dossier"]] = sums[o["stage"]+"/"+o["dossier"]].Add(scoring.MustDecimal(o["points"]))
	}
	inputs, err := filepath.Glob(filepath.Join(out, "score_inputs", "*", "*.json"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("score inputs: %v %v", inputs, err)
	}
	for _, in := range inputs {
		stage := filepath.Base(filepath.Dir(in))
		var buf, errb bytes.Buffer
		if code := cmdScore([]string{in}, strings.NewReader(""), &buf, &errb); code != 0 {
			t.Fatalf("chainjudge score %s = %d: %s", in, code, errb.String())
		}
		var resp struct {
			Items []struct {
				ID    string          `json:"id"`
				Score json.RawMessage `json:"score"`
			} `json:"items"`
		}
		if err := json.Unmarshal(buf.Bytes(), &resp); err != nil {
			t.Fatal(err)
		}
		for _, item := range resp.Items {
			if string(item.Score) == "null" {
				continue
			}
			k := stage + "/" + item.ID
			sums[k] = sums[k].Add(scoring.MustDecimal(string(item.Score)))
		}
	}
	published := readCSV(t, filepath.Join(out, "stage_results.csv"))
	stages := map[string]bool{}
	for _, r := range published {
		stages[r["stage"]] = true
		want := scoring.MustDecimal(r["score"])
		if got := sums[r["stage"]+"/"+r["dossier"]]; got.Cmp(want) != 0 {
			t.Errorf("%s %s: recomputed %s; published %s", r["stage"], r["dossier"], got, r["score"])
		}
	}
	if len(stages) != 3 || len(published) < 20 {
		t.Errorf("published stage results: %d rows over %d stages", len(published), len(stages))
	}
	for _, name := range []string{"README.txt", "rubric.yaml", "final_ranking.csv", "published.json", "SHA256SUMS", "results/final.json"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("bundle lacks %s", name)
		}
	}
	pub, _ := os.ReadFile(filepath.Join(out, "published.json"))
	if !strings.Contains(string(pub), "苏制强办〔2025〕21号") {
		t.Errorf("published.json = %s", pub)
	}
	if code, _, _ := runCmd(t, "rubric", "check", filepath.Join(out, "rubric.yaml")); code != 0 {
		t.Error("the bundle's rubric does not check")
	}

	t.Run("Refusals", func(t *testing.T) {
		id := strconv.FormatInt(finished, 10)
		for _, c := range []struct {
			name string
			args []string
			code int
			msg  string
		}{
			{"NoFlags", []string{"export", "--data", data}, 2, "用法"},
			{"OutNotEmpty", []string{"export", "--data", data, "--competition", id, "--out", out}, 2, "不为空"},
			{"UnknownCompetition", []string{"export", "--data", data, "--competition", "999", "--out", t.TempDir()}, 1, "不存在"},
			{"NothingFrozen", []string{"export", "--data", data, "--competition", strconv.FormatInt(running, 10), "--out", t.TempDir()}, 1, "还没有冻结"},
		} {
			code, _, stderr := runCmd(t, c.args...)
			if code != c.code || !strings.Contains(stderr, c.msg) {
				t.Errorf("%s: exit %d %q; want %d and %q", c.name, code, stderr, c.code, c.msg)
			}
		}
	})
}
