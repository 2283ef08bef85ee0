package demo

import (
	"context"
	"fmt"
	"time"

	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// DemoCompetitionName is the name of the demo's competition.
const DemoCompetitionName = "2026年度江苏省区域卓越产业链竞赛"

// day is one day; the demo's windows are relative to the moment it loads so
// the demo always shows a stage in progress.
const day = 24 * time.Hour

// loadCompetition creates the demo competition on the default rubric with
// the ten excellence chains and one advantage chain in scope, and opens its
// first stage: filing has been open for 20 days and runs 10 more, and
// reviews started 2 days ago.
func loadCompetition(ctx context.Context, st *store.Store, actor store.Actor) error {
	r, yamlText := rubrics.Default()
	chains, err := st.FindChains(ctx, store.ChainFilter{ActiveOnly: true})
	if err != nil {
		return err
	}
	var chainIDs []int64
	for _, ch := range chains {
		chainIDs = append(chainIDs, ch.ID)
	}
	now := st.Now().Truncate(time.Hour)
	windows := []store.StageWindow{
		{OpensAt: now.Add(-20 * day), ClosesAt: now.Add(10 * day), ReviewOpensAt: ptr(now.Add(-2 * day)), ReviewClosesAt: ptr(now.Add(25 * day))},
		{OpensAt: now.Add(40 * day), ClosesAt: now.Add(55 * day), ReviewOpensAt: ptr(now.Add(40 * day)), ReviewClosesAt: ptr(now.Add(55 * day))},
		{OpensAt: now.Add(70 * day), ClosesAt: now.Add(80 * day), ReviewOpensAt: ptr(now.Add(70 * day)), ReviewClosesAt: ptr(now.Add(80 * day))},
	}
	nc := store.NewCompetition{
		Name: DemoCompetitionName, Year: 2026,
		Description: "依据《江苏省“产业强链”三年行动计划》，按照“申报—考察—遴选”程序，竞争择优确定区域卓越产业链。" +
			"各设区市、县（市、区）和开发区以核心区牵头、协同区参与的方式按产业链申报。",
		RubricYAML: string(yamlText), RubricHash: r.Hash(), RubricSource: "default", ChainIDs: chainIDs,
	}
	for i, s := range r.Stages {
		stage := store.Stage{Key: s.ID, Name: s.Name, Seq: i + 1}
		if i < len(windows) {
			stage.OpensAt, stage.ClosesAt = windows[i].OpensAt, windows[i].ClosesAt
			stage.ReviewOpensAt, stage.ReviewClosesAt = windows[i].ReviewOpensAt, windows[i].ReviewClosesAt
		}
		nc.Stages = append(nc.Stages, stage)
	}
	comp, err := st.CreateCompetition(ctx, actor, nc)
	if err != nil {
		return fmt.Errorf("demo competition: %w", err)
	}
	stages, err := st.FindStages(ctx, comp.ID)
	if err != nil {
		return err
	}
	if len(stages) == 0 {
		return fmt.Errorf("demo competition has no stages")
	}
	return st.OpenStage(ctx, actor, stages[0].ID, stages[0].Version)
}

func ptr(t time.Time) *time.Time { return &t }
