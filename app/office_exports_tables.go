package app

import (
	"context"
	"strconv"
	"strings"

	"chainjudge/app/results"
	"chainjudge/app/store"
	"chainjudge/reports"
	"chainjudge/rubrics"
	"chainjudge/templates"
)

// exportTable is one table the office exports, as a CSV file or a sheet.
type exportTable = reports.Sheet

func textCol(title string) reports.Column { return reports.Column{Title: title} }

func numCol(title string, decimals int) reports.Column {
	return reports.Column{Title: title, Numeric: true, Decimals: decimals}
}

// dossiersTable lists a competition's dossiers with their areas, status and
// the stages they took part in.
func (s *Server) dossiersTable(ctx context.Context, comp *store.Competition) (exportTable, error) {
	t := exportTable{Name: "申报清单", Columns: []reports.Column{textCol("申报编号"), textCol("申报名称"), textCol("产业链"),
		textCol("产业集群"), textCol("核心区"), textCol("设区市"), textCol("协同区"), textCol("状态"), textCol("提交时间"),
		textCol("参与阶段")}}
	ds, err := s.store.FindDossiers(ctx, store.DossierFilter{CompetitionID: comp.ID})
	if err != nil {
		return t, err
	}
	described, err := s.store.DescribeDossiers(ctx, ds)
	if err != nil {
		return t, err
	}
	var ids []int64
	for _, d := range ds {
		ids = append(ids, d.ID)
	}
	areas, err := s.store.DossierAreas(ctx, ids)
	if err != nil {
		return t, err
	}
	var regionIDs []int64
	for _, as := range areas {
		for _, a := range as {
			regionIDs = append(regionIDs, a.RegionID)
		}
	}
	regions, err := s.store.RegionsByID(ctx, regionIDs)
	if err != nil {
		return t, err
	}
	stages, err := s.store.FindStages(ctx, comp.ID)
	if err != nil {
		return t, err
	}
	inStage := map[int64][]string{}
	for _, st := range stages {
		entered, err := s.store.StageEntries(ctx, st.ID)
		if err != nil {
			return t, err
		}
		for _, id := range entered {
			inStage[id] = append(inStage[id], st.Name)
		}
	}
	for i, d := range ds {
		var core string
		var collab []string
		for _, a := range areas[d.ID] {
			if r := regions[a.RegionID]; r != nil {
				if a.Role == store.AreaCore {
					core = r.Name
				} else {
					collab = append(collab, r.Name)
				}
			}
		}
		submitted := ""
		if d.SubmittedAt != nil {
			submitted = templates.FormatDateTime(*d.SubmittedAt)
		}
		rd := described[i]
		t.Rows = append(t.Rows, []string{rd.Key, d.Title, rd.Chain, rd.Cluster, core, rd.City, strings.Join(collab, "、"),
			d.Status.Label(), submitted, strings.Join(inStage[d.ID], "、")})
	}
	return t, nil
}

// scoresTable lists the raw scores of the frozen stages under judge codes.
func scoresTable(fr *store.FrozenResults) exportTable {
	t := exportTable{Name: "原始评分", Columns: []reports.Column{textCol("阶段"), textCol("申报编号"), textCol("指标"),
		textCol("评委编号"), numCol("分数", -1)}}
	for _, st := range fr.Stages {
		r, ok := fr.ByKey[st.Key]
		if !ok {
			continue
		}
		for _, rs := range results.RawScores(r) {
			t.Rows = append(t.Rows, []string{st.Name, rs.Dossier, rs.Criterion, rs.Judge, rs.Score.String()})
		}
	}
	return t
}

// stageTable lists one frozen stage's results with every criterion's points.
func stageTable(st store.Stage, r *results.StageResult) exportTable {
	dec := r.Decimals
	cols := []reports.Column{numCol("名次", 0), textCol("申报编号"), textCol("申报名称"), textCol("产业链"), textCol("产业集群"),
		textCol("设区市")}
	var crits []results.CriterionInfo
	for _, c := range r.Criteria {
		if c.Kind != rubrics.KindVeto {
			crits = append(crits, c)
			cols = append(cols, numCol(c.ID+" "+c.Name, dec))
		}
	}
	cols = append(cols, numCol("专家评分", dec), numCol("客观分", dec), numCol("得分", dec), textCol("否决"),
		textCol("晋级"), textCol("理由"), textCol("同分说明"))
	t := exportTable{Name: st.Name, Columns: cols}
	for _, d := range r.Dossiers {
		row := []string{rankCell(d.Rank), d.Key, d.Title, d.Chain, d.Cluster, d.City}
		for _, c := range crits {
			cell := ""
			if cr := d.Criterion(c.ID); cr != nil && cr.Scored {
				cell = cr.Points.StringFixed(dec)
			}
			row = append(row, cell)
		}
		score := ""
		if d.Score.Valid {
			score = d.Score.Decimal.StringFixed(dec)
		}
		veto := ""
		if d.Vetoed {
			veto = d.VetoCriterion + "：" + d.VetoReason
		}
		row = append(row, d.ExpertPart.StringFixed(dec), d.ObjectivePart.StringFixed(dec), score, veto,
			yesNo(d.Advances), d.AdvanceReason, d.TieNote)
		t.Rows = append(t.Rows, row)
	}
	return t
}

// finalTable lists the final ranking with the winners marked.
func finalTable(f *results.FinalResult, winners []store.Winner) exportTable {
	cols := []reports.Column{numCol("名次", 0), textCol("申报编号"), textCol("申报名称"), textCol("产业链"), textCol("产业集群"),
		textCol("设区市")}
	for _, st := range f.Stages {
		cols = append(cols, numCol(st.Name, -1))
	}
	cols = append(cols, numCol("最终得分", f.Decimals), textCol("按规则建议入选"), textCol("确定入选"), textCol("理由"))
	won := map[int64]bool{}
	for _, w := range winners {
		won[w.DossierID] = true
	}
	t := exportTable{Name: "最终排名", Columns: cols}
	for _, e := range f.Entries {
		row := []string{rankCell(e.Rank), e.Key, e.Title, e.Chain, e.Cluster, e.City}
		for _, sc := range e.StageScores {
			cell := ""
			if sc.Valid {
				cell = sc.Decimal.String()
			}
			row = append(row, cell)
		}
		final := ""
		if e.Score.Valid {
			final = e.Score.Decimal.StringFixed(f.Decimals)
		}
		row = append(row, final, yesNo(e.Advances), yesNo(won[e.ID]), e.AdvanceReason)
		t.Rows = append(t.Rows, row)
	}
	return t
}

func rankCell(rank int) string {
	if rank == 0 {
		return ""
	}
	return strconv.Itoa(rank)
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
