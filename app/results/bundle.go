package results

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
)

// BundleInput is what a transparency bundle is made of.
type BundleInput struct {
	CompetitionID int64
	Competition   string
	// RubricYAML is the frozen rubric exactly as stored; RubricHash its hash.
	RubricYAML string
	RubricHash string
	// Stages are the frozen stage results in rubric order.
	Stages []*StageResult
	// Final is the final ranking (nil until every stage is frozen).
	Final *FinalResult
	// Published is the published result (nil until published).
	Published *Published
	// Generated is when the bundle was made.
	Generated time.Time
}

// Published is a published result: the notice and its winners.
type Published struct {
	DocNumber   string    `json:"doc_number"`
	Title       string    `json:"title"`
	Issuer      string    `json:"issuer"`
	PublishedAt time.Time `json:"published_at"`
	// Winners are the dossier keys, in the notice's order.
	Winners []string `json:"winners"`
}

// BundleFile is one file of a bundle.
type BundleFile struct {
	Name string
	Data []byte
}

// BuildBundle writes the transparency bundle: the rubric snapshot, the raw
// scores under judge codes, the objective points, the frozen results (CSV
// and JSON with every explanation), the final ranking and the published
// result, one ready-to-run `chainjudge score` input per stage and criterion,
// a README saying how to recompute, and SHA256SUMS over every file.
func BuildBundle(in BundleInput) ([]BundleFile, error) {
	var files []BundleFile
	add := func(name string, data []byte) { files = append(files, BundleFile{Name: name, Data: data}) }
	add("rubric.yaml", []byte(in.RubricYAML))

	raw := [][]string{{"stage", "dossier", "criterion", "judge", "score"}}
	objective := [][]string{{"stage", "dossier", "criterion", "indicator", "value", "points"}}
	stageRows := [][]string{{"stage", "rank", "dossier", "title", "chain", "cluster", "city", "expert_part",
		"objective_part", "score", "vetoed", "advances", "reason"}}
	for _, r := range in.Stages {
		for _, s := range RawScores(r) {
			raw = append(raw, []string{s.Stage, s.Dossier, s.Criterion, s.Judge, s.Score.String()})
		}
		for _, o := range ObjectivePoints(r) {
			objective = append(objective, []string{o.Stage, o.Dossier, o.Criterion, o.Indicator, o.Value.String(), o.Points.String()})
		}
		for _, d := range r.Dossiers {
			score := ""
			if d.Score.Valid {
				score = d.Score.Decimal.StringFixed(r.Decimals)
			}
			stageRows = append(stageRows, []string{r.StageID, rankText(d.Rank), d.Key, d.Title, d.Chain, d.Cluster, d.City,
				d.ExpertPart.StringFixed(r.Decimals), d.ObjectivePart.StringFixed(r.Decimals), score,
				strconv.FormatBool(d.Vetoed), strconv.FormatBool(d.Advances), d.AdvanceReason})
		}
		data, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("results: encode stage %s: %w", r.StageID, err)
		}
		add("results/"+r.StageID+".json", data)
		for _, cr := range ScoreRequests(r) {
			data, err := json.MarshalIndent(cr.Request, "", "  ")
			if err != nil {
				return nil, fmt.Errorf("results: encode score input %s/%s: %w", cr.Stage, cr.Criterion, err)
			}
			add(ScoreInputPath(cr.Stage, cr.Criterion), data)
		}
	}
	for _, t := range []struct {
		name string
		rows [][]string
	}{{"raw_scores.csv", raw}, {"objective_points.csv", objective}, {"stage_results.csv", stageRows}} {
		data, err := csvBytes(t.rows)
		if err != nil {
			return nil, err
		}
		add(t.name, data)
	}
	if in.Final != nil {
		data, err := csvBytes(finalRows(in.Final, in.Published))
		if err != nil {
			return nil, err
		}
		add("final_ranking.csv", data)
		if data, err = json.MarshalIndent(in.Final, "", "  "); err != nil {
			return nil, fmt.Errorf("results: encode final ranking: %w", err)
		}
		add("results/final.json", data)
	}
	if in.Published != nil {
		data, err := json.MarshalIndent(in.Published, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("results: encode publication: %w", err)
		}
		add("published.json", data)
	}
	add("README.txt", []byte(bundleReadme(in)))
	var sums strings.Builder
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), f.Name)
	}
	add("SHA256SUMS", []byte(sums.String()))
	return files, nil
}

// ScoreInputPath is where a bundle keeps the score input of a criterion.
func ScoreInputPath(stage, criterion string) string {
	return path.Join("score_inputs", stage, criterion+".json")
}

// finalRows is the final ranking as CSV rows.
func finalRows(f *FinalResult, pub *Published) [][]string {
	head := []string{"rank", "dossier", "title", "chain", "cluster", "city"}
	for _, st := range f.Stages {
		head = append(head, "stage:"+st.ID)
	}
	head = append(head, "final", "proposed", "winner", "reason")
	rows := [][]string{head}
	won := map[string]bool{}
	if pub != nil {
		for _, k := range pub.Winners {
			won[k] = true
		}
	}
	for _, e := range f.Entries {
		row := []string{rankText(e.Rank), e.Key, e.Title, e.Chain, e.Cluster, e.City}
		for _, sc := range e.StageScores {
			if sc.Valid {
				row = append(row, sc.Decimal.String())
			} else {
				row = append(row, "")
			}
		}
		final := ""
		if e.Score.Valid {
			final = e.Score.Decimal.StringFixed(f.Decimals)
		}
		row = append(row, final, strconv.FormatBool(e.Advances), strconv.FormatBool(won[e.Key]), e.AdvanceReason)
		rows = append(rows, row)
	}
	return rows
}

func rankText(rank int) string {
	if rank == 0 {
		return ""
	}
	return strconv.Itoa(rank)
}

// csvBytes writes rows as UTF-8 CSV (no byte-order mark: the bundle is read
// by programs; the office's spreadsheet exports carry one).
func csvBytes(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("results: write csv: %w", err)
	}
	return buf.Bytes(), nil
}

// ZipBundle packs bundle files into a ZIP archive under dir/.
func ZipBundle(dir string, files []BundleFile, modified time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		hdr := &zip.FileHeader{Name: path.Join(dir, f.Name), Method: zip.Deflate, Modified: modified}
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return nil, fmt.Errorf("results: zip %s: %w", f.Name, err)
		}
		if _, err := w.Write(f.Data); err != nil {
			return nil, fmt.Errorf("results: zip %s: %w", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("results: zip: %w", err)
	}
	return buf.Bytes(), nil
}
