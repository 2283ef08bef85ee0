package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// runScore runs `chainjudge score args...` with stdin and returns its exit
// code and streams.
func runScore(t testing.TB, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cmdScore(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// scoreOutput is the output contract, decoded loosely so missing or extra
// fields are visible.
type scoreOutput struct {
	Items     []map[string]json.RawMessage `json:"items"`
	Agreement map[string]json.RawMessage   `json:"agreement"`
}

func mustScore(t *testing.T, stdin string, args ...string) (scoreOutput, string) {
	t.Helper()
	code, stdout, stderr := runScore(t, stdin, args...)
	if code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("stderr on success: %s", stderr)
	}
	var out scoreOutput
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("output is not the contract's JSON: %v\n%s", err, stdout)
	}
	return out, stdout
}

// compact removes the indentation of a raw JSON value.
func compact(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}

func keys(m map[string]json.RawMessage) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return strings.Join(ks, ",")
}

func TestCmdScore_IssueExample(t *testing.T) {
	in := `{
	  "aggregate": "trimmed_mean",
	  "trim": 1,
	  "decimals": 2,
	  "judges": ["J1", "J2", "J3"],
	  "items": [ {"id": "A", "scores": [9.0, 9.5, null]} ]
	}`
	out, _ := mustScore(t, in)
	if len(out.Items) != 1 {
		t.Fatalf("items = %d; want 1", len(out.Items))
	}
	it := out.Items[0]
	if got := keys(it); got != "dropped,id,n,outliers,rank,score" {
		t.Errorf("item fields = %s", got)
	}
	// Two scores cannot lose one at each end: the configured trim is lowered
	// to 0 and the result is their mean.
	for field, want := range map[string]string{"id": `"A"`, "score": "9.25", "rank": "1", "n": "2", "dropped": "[]", "outliers": "[]"} {
		if got := compact(it[field]); got != want {
			t.Errorf("%s = %s; want %s", field, got, want)
		}
	}
	if got := keys(out.Agreement); got != "icc,kendall_w,krippendorff_alpha_interval" {
		t.Errorf("agreement fields = %s", got)
	}
	// One item: ICC and W need at least 2 items.
	if string(out.Agreement["icc"]) != "null" || string(out.Agreement["kendall_w"]) != "null" {
		t.Errorf("icc = %s, kendall_w = %s; want null", out.Agreement["icc"], out.Agreement["kendall_w"])
	}
}

// shroutFleissInput is Table 2 of Shrout & Fleiss (1979) as command input.
const shroutFleissInput = `{"aggregate":"trimmed_mean","decimals":2,"judges":["J1","J2","J3","J4"],
 "items":[{"id":"T1","scores":[9,2,5,8]},{"id":"T2","scores":[6,1,3,2]},{"id":"T3","scores":[8,4,6,8]},
 {"id":"T4","scores":[7,1,2,6]},{"id":"T5","scores":[10,5,6,9]},{"id":"T6","scores":[6,2,4,7]}]}`

func TestCmdScore_ShroutFleiss(t *testing.T) {
	out, raw := mustScore(t, shroutFleissInput)
	var icc map[string]float64
	if err := json.Unmarshal(out.Agreement["icc"], &icc); err != nil {
		t.Fatalf("icc = %s: %v", out.Agreement["icc"], err)
	}
	// Published (Table 4), two decimals.
	want := map[string]float64{"ICC1": 0.17, "ICC2": 0.29, "ICC3": 0.71, "ICC1k": 0.44, "ICC2k": 0.62, "ICC3k": 0.91}
	for k, w := range want {
		if got, ok := icc[k]; !ok || got < w-0.005 || got > w+0.005 {
			t.Errorf("%s = %v; want %.2f", k, got, w)
		}
	}
	// Trimmed means (k = 1 of 4): T1 6.5, T2 2.5, T3 7, T4 4, T5 7.5, T6 5.
	wantScores := []string{"6.50", "2.50", "7.00", "4.00", "7.50", "5.00"}
	wantRanks := []string{"3", "6", "2", "5", "1", "4"}
	for i, it := range out.Items {
		if string(it["score"]) != wantScores[i] || string(it["rank"]) != wantRanks[i] {
			t.Errorf("%s: score %s rank %s; want %s #%s", it["id"], it["score"], it["rank"], wantScores[i], wantRanks[i])
		}
	}
	// T1: 2 (J2) and 9 (J1) dropped, listed in panel order.
	if got := compact(out.Items[0]["dropped"]); got != `["J1","J2"]` {
		t.Errorf("T1 dropped = %s", got)
	}
	if !strings.Contains(raw, `"score": 6.50`) {
		t.Errorf("scores are not written with the stated decimals:\n%s", raw)
	}
}

func TestCmdScore_ScoringExampleAndOutliers(t *testing.T) {
	in := `{"aggregate":"trimmed_mean","decimals":2,"max_score":10,"judges":["J1","J2","J3","J4","J5"],
	 "items":[{"id":"A","scores":[9,5,6,8,9]},{"id":"B","scores":[8,8,8,8,2]},{"id":"C","scores":[null,null,null,null,null]},
	 {"id":"D","scores":[8,8,8,8,10]}]}`
	out, _ := mustScore(t, in)
	for _, c := range []struct {
		field string
		item  int
		want  string
	}{
		{"score", 0, "7.67"},
		{"dropped", 0, `["J2","J5"]`}, // one of the two 9s only
		{"outliers", 0, "[]"},
		{"score", 1, "8.00"},
		{"outliers", 1, `["J5"]`}, // MAD = 0: 6 below the median ≥ 20 % of 10
		{"score", 2, "null"},
		{"rank", 2, "null"},
		{"n", 2, "0"},
		{"dropped", 2, "[]"},
		{"outliers", 3, `["J5"]`}, // exactly 20 % of 10 above: flagged
		{"rank", 1, "1"},
		{"rank", 3, "1"}, // 8.00 and 8.00 share first place
		{"rank", 0, "3"},
	} {
		if got := compact(out.Items[c.item][c.field]); got != c.want {
			t.Errorf("items[%d].%s = %s; want %s", c.item, c.field, got, c.want)
		}
	}
}

func TestCmdScore_NullNotNaN(t *testing.T) {
	// Every score equal: every statistic has a zero denominator.
	out, _ := mustScore(t, `{"aggregate":"mean","judges":["a","b"],"items":[{"id":"x","scores":[5,5]},{"id":"y","scores":[5,5]}]}`)
	var icc map[string]json.RawMessage
	if err := json.Unmarshal(out.Agreement["icc"], &icc); err != nil {
		t.Fatal(err)
	}
	for k, v := range icc {
		if string(v) != "null" {
			t.Errorf("icc.%s = %s; want null", k, v)
		}
	}
	if string(out.Agreement["kendall_w"]) != "null" || string(out.Agreement["krippendorff_alpha_interval"]) != "null" {
		t.Errorf("agreement = %v; want nulls", out.Agreement)
	}
	// A missing score makes ICC and W null but keeps alpha.
	out, _ = mustScore(t, `{"aggregate":"mean","judges":["a","b"],"items":[{"id":"x","scores":[5,6]},{"id":"y","scores":[7,null]},{"id":"z","scores":[1,2]}]}`)
	if string(out.Agreement["icc"]) != "null" || string(out.Agreement["kendall_w"]) != "null" || string(out.Agreement["krippendorff_alpha_interval"]) == "null" {
		t.Errorf("agreement with a missing score = %v", out.Agreement)
	}
}

func TestCmdScore_ItemsInInputOrderAndJudgeOrderIrrelevant(t *testing.T) {
	a, _ := mustScore(t, `{"aggregate":"trimmed_mean","decimals":2,"judges":["P","Q","R","S"],
	 "items":[{"id":"z","scores":[1,2,3,9]},{"id":"a","scores":[4,4,5,6]}]}`)
	// The same panel with its columns in another order.
	b, _ := mustScore(t, `{"aggregate":"trimmed_mean","decimals":2,"judges":["S","R","Q","P"],
	 "items":[{"id":"z","scores":[9,3,2,1]},{"id":"a","scores":[6,5,4,4]}]}`)
	if string(a.Items[0]["id"]) != `"z"` || string(a.Items[1]["id"]) != `"a"` {
		t.Errorf("items not in input order: %s, %s", a.Items[0]["id"], a.Items[1]["id"])
	}
	for i := range a.Items {
		var da, db []string
		json.Unmarshal(a.Items[i]["dropped"], &da)
		json.Unmarshal(b.Items[i]["dropped"], &db)
		slices.Sort(da)
		slices.Sort(db)
		if string(a.Items[i]["score"]) != string(b.Items[i]["score"]) || slices.Compare(da, db) != 0 {
			t.Errorf("item %d: %s %v vs %s %v", i, a.Items[i]["score"], da, b.Items[i]["score"], db)
		}
	}
	for _, k := range []string{"kendall_w", "krippendorff_alpha_interval"} {
		if string(a.Agreement[k]) != string(b.Agreement[k]) {
			t.Errorf("%s = %s vs %s after reordering judges", k, a.Agreement[k], b.Agreement[k])
		}
	}
}

func TestCmdScore_BadInput(t *testing.T) {
	five := `"judges":["J1","J2","J3","J4","J5"]`
	ok := `{"id":"A","scores":[1,2,3,4,5]}`
	for _, c := range []struct {
		name, in, want string
	}{
		{"WrongCount", `{"aggregate":"mean",` + five + `,"items":[` + ok + `,{"id":"B","scores":[1,2,3,4,5]},{"id":"C","scores":[1,2,3,4,5]},{"id":"D","scores":[1,2,3,4]}]}`, "items[3].scores: 有 4 个分数，但评委有 5 人 (4 values for 5 judges)"},
		{"UnknownTop", `{"aggregate":"mean",` + five + `,"items":[],"weights":1}`, "weights: 未知字段"},
		{"UnknownItem", `{"aggregate":"mean",` + five + `,"items":[{"id":"A","scores":[1,2,3,4,5],"note":"x"}]}`, "items[0].note: 未知字段"},
		{"MissingAggregate", `{` + five + `,"items":[]}`, "aggregate: 缺少必填字段"},
		{"BadMethod", `{"aggregate":"average",` + five + `,"items":[]}`, "aggregate: 未知的汇总方法"},
		{"MissingJudges", `{"aggregate":"mean","items":[]}`, "judges: 缺少必填字段"},
		{"EmptyJudges", `{"aggregate":"mean","judges":[],"items":[]}`, "judges: 至少需要 1 位评委"},
		{"DuplicateJudge", `{"aggregate":"mean","judges":["a","a"],"items":[]}`, "judges[1]: 与 judges[0] 重复"},
		{"JudgeNotString", `{"aggregate":"mean","judges":["a",2],"items":[]}`, "judges[1]: 应为字符串"},
		{"StringScore", `{"aggregate":"mean",` + five + `,"items":[{"id":"A","scores":[1,"2",3,4,5]}]}`, "items[0].scores[1]: 应为数字或 null"},
		{"TooPrecise", `{"aggregate":"mean",` + five + `,"items":[{"id":"A","scores":[1,2,3.1234567,4,5]}]}`, "items[0].scores[2]: "},
		{"TooLarge", `{"aggregate":"mean",` + five + `,"items":[{"id":"A","scores":[1,2,3,4,1e9]}]}`, "items[0].scores[4]: "},
		{"AboveMax", `{"aggregate":"mean","max_score":10,` + five + `,"items":[{"id":"A","scores":[1,2,3,4,10.5]}]}`, "items[0].scores[4]: 10.5 超过 max_score 10"},
		{"DuplicateID", `{"aggregate":"mean",` + five + `,"items":[` + ok + `,` + ok + `]}`, "items[1].id: 与 items[0] 重复"},
		{"MissingID", `{"aggregate":"mean",` + five + `,"items":[{"scores":[1,2,3,4,5]}]}`, "items[0].id: 缺少必填字段"},
		{"ItemNotObject", `{"aggregate":"mean",` + five + `,"items":[[1]]}`, "items[0]: 应为 JSON 对象"},
		{"FractionalTrim", `{"aggregate":"trimmed_mean","trim":1.5,` + five + `,"items":[]}`, "trim: 应为 0–1000 的整数"},
		{"NegativeTrim", `{"aggregate":"trimmed_mean","trim":-1,` + five + `,"items":[]}`, "trim: "},
		{"Decimals7", `{"aggregate":"mean","decimals":7,` + five + `,"items":[]}`, "decimals: 应为 0–6 的整数"},
		{"RepeatedField", `{"aggregate":"mean","aggregate":"median",` + five + `,"items":[]}`, "aggregate: 字段重复出现"},
		{"NotObject", `[]`, "应为 JSON 对象"},
		{"Syntax", "{\"aggregate\":\"mean\",\n\"judges\":[\"a\"],}", "JSON 语法错误，第 2 行"},
		{"Trailing", `{"aggregate":"mean","judges":["a"],"items":[]} {}`, "多余内容"},
		{"Empty", ``, "输入为空"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runScore(t, c.in)
			if code != 2 {
				t.Errorf("exit = %d; want 2", code)
			}
			if stdout != "" {
				t.Errorf("stdout on error = %q; want nothing", stdout)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr = %q; want it to contain %q", stderr, c.want)
			}
		})
	}
}

func TestCmdScore_FileArgumentsAndExplain(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "in.json")
	if err := os.WriteFile(path, []byte(shroutFleissInput), 0o600); err != nil {
		t.Fatal(err)
	}
	_, fromFile := mustScore(t, "", path)
	_, fromStdin := mustScore(t, shroutFleissInput, "-")
	if fromFile != fromStdin {
		t.Error("FILE and stdin gave different output")
	}
	if code, stdout, stderr := runScore(t, "", filepath.Join(dir, "missing.json")); code != 2 || stdout != "" || !strings.Contains(stderr, "无法打开输入文件") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runScore(t, "", "a", "b"); code != 2 {
		t.Errorf("two files: exit %d; want 2", code)
	}
	code, stdout, stderr := runScore(t, shroutFleissInput, "--explain")
	if code != 0 {
		t.Fatalf("--explain exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		`"rule": "评委 4 人，去掉 1 个最高分和 1 个最低分（按评委人数的默认规则）"`,
		`"formula": "(5 + 8) ÷ 2 = 13/2"`,
		`"kendall_df": 5`,
		"ICC(2,1) = 0.29",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--explain output lacks %s", want)
		}
	}
}

// FuzzScoreJSON feeds arbitrary input to the command: it must never panic,
// must exit 0 with valid JSON and nothing on stderr, or exit 2 with a message
// and nothing on stdout.
func FuzzScoreJSON(f *testing.F) {
	f.Add(shroutFleissInput)
	f.Add(`{"aggregate":"trimmed_mean","trim":1,"decimals":2,"judges":["J1","J2","J3"],"items":[{"id":"A","scores":[9.0,9.5,null]}]}`)
	f.Add(`{"aggregate":"winsorized_mean","judges":["a","b","c"],"items":[{"id":"x","scores":[1e2,-0,0.000001]},{"id":"y","scores":[null,null,null]}]}`)
	f.Add(`{"aggregate":"median","max_score":10,"outlier_share":0.1,"judges":["a","b","c","d"],"items":[{"id":"x","scores":[8,8,8,1]}]}`)
	f.Add(`{"aggregate":"mean","judges":["a"],"items":[{"id":"x","scores":[1E-7]}]}`)
	f.Add(`{"aggregate":"mean","judges":["a"],"items":[{"id":"x","scores":[99999999999999999999]}]}`)
	f.Add(`{"aggregate":"mean","trim":null,"decimals":null,"judges":["a"],"items":[]}`)
	f.Add(`{"aggregate":"mean","judges":["a"],"items":[{"id":"x","scores":[1]}]}   `)
	f.Fuzz(func(t *testing.T, in string) {
		code, stdout, stderr := runScore(t, in)
		switch code {
		case 0:
			if stderr != "" || !json.Valid([]byte(stdout)) {
				t.Fatalf("exit 0 with stderr %q, stdout %q", stderr, stdout)
			}
			var out scoreOutput
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatal(err)
			}
			for _, it := range out.Items {
				if (string(it["score"]) == "null") != (string(it["rank"]) == "null") {
					t.Fatalf("score %s with rank %s", it["score"], it["rank"])
				}
			}
		case 2:
			if stdout != "" || !strings.Contains(stderr, ": ") {
				t.Fatalf("exit 2 with stdout %q, stderr %q", stdout, stderr)
			}
		default:
			t.Fatalf("exit %d; stderr %q", code, stderr)
		}
	})
}

// TestCmdScore_DocsWorkedExample runs the worked example of docs/SCORING.md
// and checks that the output printed there is exactly what the command
// writes, so the auditor's instructions cannot drift from the code.
func TestCmdScore_DocsWorkedExample(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("docs", "SCORING.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "### Worked example an auditor can run")
	if !ok {
		t.Fatal("docs/SCORING.md has no worked example section")
	}
	blocks := jsonBlocks(section)
	if len(blocks) < 2 {
		t.Fatalf("worked example has %d JSON blocks; want input and output", len(blocks))
	}
	code, stdout, stderr := runScore(t, blocks[0])
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != blocks[1] {
		t.Errorf("docs/SCORING.md shows:\n%s\nthe command prints:\n%s", blocks[1], stdout)
	}
}

// jsonBlocks returns the contents of the ```json fenced blocks in markdown.
func jsonBlocks(md string) []string {
	var out []string
	for {
		_, rest, ok := strings.Cut(md, "```json\n")
		if !ok {
			return out
		}
		block, after, _ := strings.Cut(rest, "```")
		out = append(out, block)
		md = after
	}
}
