package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestScoreRequest_MarshalRoundTrip(t *testing.T) {
	// An export builds the request in Go and writes it with encoding/json;
	// the command must read back exactly the same request.
	req := ScoreRequest{
		Aggregate: MethodTrimmedMean,
		Trim:      ip(1),
		Decimals:  ip(2),
		Judges:    []string{"E01", "E02", "E03", "E04"},
		Items: []ScoreItem{
			{ID: "苏州-集成电路", Scores: []NullDecimal{Scored(d("88.5")), Scored(d("90")), {}, Scored(d("2.675"))}},
			{ID: "无锡-物联网", Scores: []NullDecimal{Scored(d("70")), Scored(d("71.25")), Scored(d("69")), Scored(d("0"))}},
		},
	}
	data, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseScoreRequest(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ParseScoreRequest(%s): %v", data, err)
	}
	if !reflect.DeepEqual(got, req) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, req)
	}
}

func TestScoreRequest_EvaluateMatchesAggregate(t *testing.T) {
	req, err := ParseScoreRequest(strings.NewReader(`{"aggregate":"winsorized_mean","decimals":1,
		"judges":["a","b","c","d","e"],"items":[{"id":"x","scores":[1,5,6,8,20]},{"id":"y","scores":[6,6,6.5,7,null]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := req.Evaluate(true)
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range req.Items {
		marks := make([]Mark, len(it.Scores))
		for j, s := range it.Scores {
			marks[j] = Mark{Judge: req.Judges[j], Score: s}
		}
		a, err := Aggregate(marks, AggregateOptions{Method: req.Aggregate, Decimals: req.Decimals})
		if err != nil {
			t.Fatal(err)
		}
		if got := string(*resp.Items[i].Score); got != a.Value.StringFixed(1) {
			t.Errorf("%s: command %s, Aggregate %s", it.ID, got, a.Value.StringFixed(1))
		}
		if resp.Items[i].Explanation.Rule != a.Rule() {
			t.Errorf("%s: explanation rule %q; want %q", it.ID, resp.Items[i].Explanation.Rule, a.Rule())
		}
	}
	if got := strings.Join(resp.Items[0].Dropped, ","); got != "a,e" {
		t.Errorf("winsorized replaced = %s; want a,e", got)
	}
}

func TestParseScoreRequest_FieldError(t *testing.T) {
	_, err := ParseScoreRequest(strings.NewReader(`{"aggregate":"mean","judges":["a","b"],"items":[{"id":"x","scores":[1,true]}]}`))
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Path != "items[0].scores[1]" {
		t.Fatalf("error = %v; want a FieldError at items[0].scores[1]", err)
	}
}
