package store

import (
	"context"
	"fmt"

	"chainjudge/app/results"
	"chainjudge/rubrics"
	"chainjudge/scoring"
)

// StageRubric returns the frozen rubric a stage was opened under.
func (s *Store) StageRubric(ctx context.Context, st *Stage) (*rubrics.Rubric, error) {
	if st.RubricHash == "" {
		return nil, fmt.Errorf("阶段“%s”尚未开启，评分细则未冻结: %w", st.Name, ErrConflict)
	}
	snap, err := s.FindRubricSnapshot(ctx, st.RubricHash)
	if err != nil {
		return nil, fmt.Errorf("rubric snapshot %s: %w", st.RubricHash, err)
	}
	r, err := rubrics.Parse("snapshot.yaml", []byte(snap.YAML))
	if err != nil {
		return nil, fmt.Errorf("rubric snapshot %s does not parse: %w", st.RubricHash, err)
	}
	return r, nil
}

// DossierKey is a dossier's published identifier in results and exports:
// its number (申报编号), or "D" and its id before it has one.
func DossierKey(d *Dossier) string {
	if d.Number != nil && *d.Number != "" {
		return *d.Number
	}
	return fmt.Sprintf("D%d", d.ID)
}

// LoadStageInput gathers everything a stage's results are computed from:
// the frozen rubric, the dossiers entered in the stage (with chain, cluster,
// city and panel), the signed scores under anonymised judge codes with the
// experts' reasons for flagged scores, the verified indicator values, the
// confirmed vetoes and the earlier stages' frozen scores.
func (s *Store) LoadStageInput(ctx context.Context, st *Stage, severity bool) (results.StageInput, error) {
	r, err := s.StageRubric(ctx, st)
	if err != nil {
		return results.StageInput{}, err
	}
	in := results.StageInput{Rubric: r, StageID: st.Key, RubricHash: st.RubricHash, Severity: severity,
		Indicators: map[string]map[string]rubrics.Decimal{}, Vetoes: map[string]results.Veto{},
		PriorScores: map[string]map[string]scoring.Decimal{}}
	dossiers, err := s.ResultDossiers(ctx, st)
	if err != nil {
		return in, err
	}
	keyOf := map[int64]string{}
	for _, d := range dossiers {
		keyOf[d.ID] = d.Key
		in.Dossiers = append(in.Dossiers, d)
	}
	if err := s.loadScores(ctx, st, keyOf, &in); err != nil {
		return in, err
	}
	vers, err := s.FindVerifications(ctx, st.ID, 0)
	if err != nil {
		return in, err
	}
	for _, v := range vers {
		key, ok := keyOf[v.DossierID]
		if !ok {
			continue
		}
		val, err := rubrics.ParseDecimal(v.Value)
		if err != nil {
			return in, fmt.Errorf("verified value %q of %s/%s: %w", v.Value, key, v.IndicatorID, err)
		}
		if in.Indicators[key] == nil {
			in.Indicators[key] = map[string]rubrics.Decimal{}
		}
		in.Indicators[key][v.IndicatorID] = val
	}
	vetoes, err := s.FindVetoDecisions(ctx, st.ID)
	if err != nil {
		return in, err
	}
	for _, v := range vetoes {
		if key, ok := keyOf[v.DossierID]; ok && v.Decision == VetoConfirmed {
			if _, seen := in.Vetoes[key]; !seen {
				in.Vetoes[key] = results.Veto{Criterion: v.CriterionID, Reason: v.Reason}
			}
		}
	}
	return in, s.loadPriorScores(ctx, st, &in)
}

// loadScores adds the stage's signed scores under judge codes.
func (s *Store) loadScores(ctx context.Context, st *Stage, keyOf map[int64]string, in *results.StageInput) error {
	rows, err := s.SubmittedScores(ctx, st.ID)
	if err != nil {
		return err
	}
	var experts []int64
	for _, row := range rows {
		experts = append(experts, row.ExpertID)
	}
	codes, err := s.JudgeCodes(ctx, st.CompetitionID, experts)
	if err != nil {
		return err
	}
	for _, row := range rows {
		key, ok := keyOf[row.DossierID]
		if !ok {
			continue // scores of a dossier no longer in the stage
		}
		if row.RubricHash != st.RubricHash {
			return fmt.Errorf("专家评分所依据的评分细则（%s）与本阶段冻结的细则不一致: %w", row.RubricHash, ErrConflict)
		}
		in.Scores = append(in.Scores, results.Score{Dossier: key, Judge: codes[row.ExpertID], Criterion: row.CriterionID,
			Points: row.Value, Veto: row.Vetoed, VetoReason: row.VetoReason})
		for _, f := range row.Flags {
			if f.Reason != "" {
				in.FlagReasons = append(in.FlagReasons, results.FlagReason{Dossier: key, Judge: codes[row.ExpertID],
					Criterion: row.CriterionID, Reason: f.Reason})
			}
		}
	}
	return nil
}

// loadPriorScores adds the frozen scores of the competition's earlier stages.
func (s *Store) loadPriorScores(ctx context.Context, st *Stage, in *results.StageInput) error {
	stages, err := s.FindStages(ctx, st.CompetitionID)
	if err != nil {
		return err
	}
	recs, err := s.FindStageResults(ctx, st.CompetitionID)
	if err != nil {
		return err
	}
	for _, other := range stages {
		rec, ok := recs[other.ID]
		if !ok || other.Seq >= st.Seq {
			continue
		}
		res, err := rec.Result()
		if err != nil {
			return err
		}
		scores := map[string]scoring.Decimal{}
		for _, d := range res.Dossiers {
			if d.Score.Valid {
				scores[d.Key] = d.Score.Decimal
			}
		}
		in.PriorScores[other.Key] = scores
	}
	return nil
}

// ResultDossiers lists the dossiers entered in a stage as results show them:
// key, title, chain, cluster, the core region's city, and the panel (the
// scope of the draw that assigned its experts).
func (s *Store) ResultDossiers(ctx context.Context, st *Stage) ([]results.Dossier, error) {
	ids, err := s.StageEntries(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	ds, err := s.FindDossiers(ctx, DossierFilter{IDs: ids})
	if err != nil {
		return nil, err
	}
	return s.describeDossiers(ctx, st.ID, ds)
}

// describeDossiers turns dossiers into result dossiers; stageID (0: none)
// names the stage whose panels are looked up.
func (s *Store) describeDossiers(ctx context.Context, stageID int64, ds []Dossier) ([]results.Dossier, error) {
	chains, err := s.FindChains(ctx, ChainFilter{})
	if err != nil {
		return nil, err
	}
	chainByID := map[int64]Chain{}
	for _, c := range chains {
		chainByID[c.ID] = c
	}
	clusters, err := s.FindClusters(ctx)
	if err != nil {
		return nil, err
	}
	clusterName := map[int64]string{}
	for _, c := range clusters {
		clusterName[c.ID] = c.Name
	}
	var regionIDs []int64
	for _, d := range ds {
		regionIDs = append(regionIDs, d.RegionID)
	}
	regions, err := s.RegionsByID(ctx, regionIDs)
	if err != nil {
		return nil, err
	}
	var cityIDs []int64
	for _, r := range regions {
		cityIDs = append(cityIDs, r.CityID())
	}
	cities, err := s.RegionsByID(ctx, cityIDs)
	if err != nil {
		return nil, err
	}
	panels, err := s.dossierPanels(ctx, stageID)
	if err != nil {
		return nil, err
	}
	out := make([]results.Dossier, 0, len(ds))
	for i := range ds {
		d := &ds[i]
		rd := results.Dossier{Key: DossierKey(d), ID: d.ID, Title: d.Title, Panel: panels[d.ID]}
		if ch, ok := chainByID[d.ChainID]; ok {
			rd.Chain, rd.Cluster = ch.Name, clusterName[ch.ClusterID]
		}
		if r := regions[d.RegionID]; r != nil {
			if c := cities[r.CityID()]; c != nil {
				rd.City = c.Name
			}
		}
		out = append(out, rd)
	}
	return out, nil
}

// dossierPanels names each dossier's panel in a stage: the scope label of
// the standing draw that assigned it.
func (s *Store) dossierPanels(ctx context.Context, stageID int64) (map[int64]string, error) {
	out := map[int64]string{}
	if stageID == 0 {
		return out, nil
	}
	draws, err := s.FindDraws(ctx, DrawFilter{StageID: stageID, Status: DrawActive})
	if err != nil {
		return nil, err
	}
	label := map[int64]string{}
	for _, d := range draws {
		label[d.ID] = d.ScopeLabel
	}
	as, err := s.FindAssignments(ctx, AssignmentFilter{StageID: stageID, Statuses: []AssignmentStatus{AssignmentActive}})
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		if l, ok := label[a.DrawID]; ok {
			out[a.DossierID] = l
		}
	}
	return out, nil
}

// DescribeDossiers turns dossiers into result dossiers (key, title, chain,
// cluster, city), in the order given.
func (s *Store) DescribeDossiers(ctx context.Context, ds []Dossier) ([]results.Dossier, error) {
	return s.describeDossiers(ctx, 0, ds)
}
