package app

import (
	"cmp"
	"html/template"
	"slices"
	"strings"

	"chainjudge/app/results"
	"chainjudge/scoring"

	"github.com/labstack/echo/v4"
)

// resultFilter narrows and orders a results table.
type resultFilter struct {
	Chain, Cluster, City string
	// Sort is rank (default), score, key, chain, cluster or city.
	Sort string
}

// bindResultFilter reads the filter from the query string.
func bindResultFilter(c echo.Context) resultFilter {
	f := resultFilter{Chain: strings.TrimSpace(c.QueryParam("chain")), Cluster: strings.TrimSpace(c.QueryParam("cluster")),
		City: strings.TrimSpace(c.QueryParam("city")), Sort: c.QueryParam("sort")}
	switch f.Sort {
	case "score", "key", "chain", "cluster", "city":
	default:
		f.Sort = "rank"
	}
	return f
}

// resultSort is one way to order a results table.
type resultSort struct{ Value, Label string }

// resultSorts are the orders a results table offers.
var resultSorts = []resultSort{{"rank", "按名次"}, {"score", "按得分"}, {"key", "按申报编号"},
	{"chain", "按产业链"}, {"cluster", "按产业集群"}, {"city", "按设区市"}}

// Active reports whether the filter hides anything.
func (f resultFilter) Active() bool { return f.Chain != "" || f.Cluster != "" || f.City != "" }

func (f resultFilter) keep(d *results.Dossier) bool {
	return (f.Chain == "" || d.Chain == f.Chain) && (f.Cluster == "" || d.Cluster == f.Cluster) &&
		(f.City == "" || d.City == f.City)
}

// resultFilterOptions are the values the filter offers.
type resultFilterOptions struct {
	Chains, Clusters, Cities []string
}

func resultFilterOptionsOf(ds []results.DossierResult) resultFilterOptions {
	var o resultFilterOptions
	for _, d := range ds {
		o.Chains = appendDistinctName(o.Chains, d.Chain)
		o.Clusters = appendDistinctName(o.Clusters, d.Cluster)
		o.Cities = appendDistinctName(o.Cities, d.City)
	}
	slices.Sort(o.Chains)
	slices.Sort(o.Clusters)
	slices.Sort(o.Cities)
	return o
}

func appendDistinctName(list []string, v string) []string {
	if v == "" || slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}

// resultTable is a stage result prepared for the page: numbers formatted at
// the stage's decimals, rows filtered and sorted.
type resultTable struct {
	Result   *results.StageResult
	Rows     []resultRow
	Total    int
	Criteria []results.CriterionInfo
	// Expert are the criteria experts give points to, for the table header.
	Expert []results.CriterionInfo
}

// resultRow is one dossier's row.
type resultRow struct {
	D             *results.DossierResult
	Score         string
	ExpertPart    string
	ObjectivePart string
	Criteria      []resultCell
	Groups        []resultGroup
	Adjusted      string
	AdjustedRaw   string
	JudgeMedian   string
	// Chart draws the judges' scores of each expert criterion.
	Chart template.HTML
}

// resultCell is one criterion's result for one dossier.
type resultCell struct {
	Info   results.CriterionInfo
	R      *results.CriterionResult
	Points string
	Marks  []resultMark
}

// resultMark is one judge's score.
type resultMark struct {
	Judge, Score, End  string
	Dropped, Flagged   bool
	Direction, Explain string
	Reason             string
}

// resultGroup is a 一级指标 subtotal.
type resultGroup struct {
	Info   results.GroupInfo
	Points string
}

// decText formats a decimal with exactly dec decimals.
func decText(d scoring.Decimal, dec int) string { return d.StringFixed(dec) }

// newResultTable prepares a result for the page.
func newResultTable(r *results.StageResult, f resultFilter) *resultTable {
	v := &resultTable{Result: r, Total: len(r.Dossiers), Criteria: r.Criteria}
	for _, c := range r.Criteria {
		if c.ScoredByExperts() {
			v.Expert = append(v.Expert, c)
		}
	}
	dec := r.Decimals
	for i := range r.Dossiers {
		d := &r.Dossiers[i]
		if !f.keep(&d.Dossier) {
			continue
		}
		row := resultRow{D: d, Score: "—", ExpertPart: decText(d.ExpertPart, dec), ObjectivePart: decText(d.ObjectivePart, dec)}
		if d.Score.Valid {
			row.Score = decText(d.Score.Decimal, dec)
		}
		if d.JudgeMedian != nil {
			row.JudgeMedian = decText(*d.JudgeMedian, dec)
		}
		if d.Adjusted != nil {
			row.Adjusted, row.AdjustedRaw = decText(d.Adjusted.Adjusted, dec), decText(d.Adjusted.RawMean, dec)
		}
		for _, info := range r.Criteria {
			cr := d.Criterion(info.ID)
			if cr == nil {
				continue
			}
			cv := resultCell{Info: info, R: cr, Points: "—"}
			if cr.Scored && info.Kind != "veto" {
				cv.Points = decText(cr.Points, dec)
			}
			for _, m := range cr.Marks {
				cv.Marks = append(cv.Marks, resultMark{Judge: m.Judge, Score: m.Score.String(), End: m.End, Dropped: m.Dropped,
					Flagged: m.Flagged, Direction: m.Direction, Explain: m.Explain, Reason: m.Reason})
			}
			row.Criteria = append(row.Criteria, cv)
		}
		for _, g := range r.Groups {
			for _, sub := range d.Groups {
				if sub.ID == g.ID && !g.Max.IsZero() {
					row.Groups = append(row.Groups, resultGroup{Info: g, Points: decText(sub.Points, dec)})
				}
			}
		}
		v.Rows = append(v.Rows, row)
	}
	sortResultRows(v.Rows, f.Sort)
	return v
}

// sortResultRows orders rows; ties fall back to the rank order the result has.
func sortResultRows(rows []resultRow, by string) {
	key := func(d *results.DossierResult) string {
		switch by {
		case "key":
			return d.Key
		case "chain":
			return d.Chain
		case "cluster":
			return d.Cluster
		case "city":
			return d.City
		}
		return ""
	}
	slices.SortStableFunc(rows, func(a, b resultRow) int {
		if by == "score" {
			switch {
			case a.D.Score.Valid && !b.D.Score.Valid:
				return -1
			case !a.D.Score.Valid && b.D.Score.Valid:
				return 1
			}
			return b.D.Score.Decimal.Cmp(a.D.Score.Decimal)
		}
		return cmp.Compare(key(a.D), key(b.D))
	})
}
