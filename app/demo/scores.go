package demo

import (
	"context"
	"errors"
	"fmt"

	"chainjudge/app/draw"
	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// demoSeed is the seed of the demo's panel draw.
const demoSeed = "演示-2026-申报评审-001"

// loadScores puts the demo's first stage in the middle of its review: a
// panel drawn for the dossiers entered in the stage, and scores as they
// stand two days into the review window. The first dossier has every sheet
// signed and one 畸低 score waiting for its expert's reason; the second has
// every sheet signed and a 畸低 score already explained; on the third one
// expert declared a conflict (回避) and another took over, and the sheets are
// partly signed, partly drafts, partly not started, as on the rest. It runs
// after the dossiers are loaded and does nothing when none entered the stage.
func loadScores(ctx context.Context, st *store.Store, actor store.Actor) error {
	stage, err := demoStage(ctx, st)
	if err != nil {
		return err
	}
	dossiers, err := st.FindDossiers(ctx, store.DossierFilter{StageID: stage.ID})
	if err != nil || len(dossiers) == 0 {
		return err
	}
	rules, err := review.StageRules(ctx, st, stage)
	if err != nil {
		return err
	}
	if err := demoDraw(ctx, st, actor, stage, rules); err != nil {
		return err
	}
	for i, d := range dossiers {
		if err := scoreDossier(ctx, st, stage, rules, i, d.ID); err != nil {
			return fmt.Errorf("demo scores of dossier %d: %w", d.ID, err)
		}
	}
	return nil
}

// demoStage is the first stage of the demo competition.
func demoStage(ctx context.Context, st *store.Store) (*store.Stage, error) {
	comps, err := st.FindCompetitions(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range comps {
		if c.Name == DemoCompetitionName {
			stages, err := st.FindStages(ctx, c.ID)
			if err != nil || len(stages) == 0 {
				return nil, fmt.Errorf("demo competition stages: %v", err)
			}
			return &stages[0], nil
		}
	}
	return nil, fmt.Errorf("demo competition %q not found", DemoCompetitionName)
}

// demoDraw draws the panel the way the office would: first with expertise
// matching the chains; the demo pool is small, so when that cannot fill
// every dossier it draws without it, and then a larger panel.
func demoDraw(ctx context.Context, st *store.Store, actor store.Actor, stage *store.Stage, rules *rubrics.Stage) error {
	office, err := st.FindUserByUsername(ctx, officeUser.username)
	if err != nil {
		return err
	}
	per := rules.ExpertsPerDossier
	attempts := []draw.Constraints{
		{PerDossier: per, Members: per + 2, Alternates: 3, MaxPerOrg: 2, MatchExpertise: true},
		{PerDossier: per, Members: per + 5, Alternates: 3, MaxPerOrg: 2},
		{PerDossier: per, Members: per + 8, Alternates: 1},
	}
	var last error
	for _, cons := range attempts {
		_, err := review.RunDraw(ctx, st, actor, office.ID, stage, review.DrawRequest{Constraints: cons, Seed: demoSeed})
		var refused *draw.Error
		if errors.As(err, &refused) {
			last = err
			continue
		}
		return err
	}
	return fmt.Errorf("demo draw: %w", last)
}

// scoreDossier enters the scores of one dossier; i is its place in the
// stage and decides its story (see loadScores).
func scoreDossier(ctx context.Context, st *store.Store, stage *store.Stage, rules *rubrics.Stage, i int, dossierID int64) error {
	assigns, err := st.FindAssignments(ctx, store.AssignmentFilter{StageID: stage.ID, DossierID: dossierID,
		Statuses: []store.AssignmentStatus{store.AssignmentActive}})
	if err != nil {
		return err
	}
	if i == 2 && len(assigns) > 0 {
		expert, err := st.FindUserByID(ctx, assigns[0].ExpertID)
		if err != nil {
			return err
		}
		if _, err := st.RecuseAssignment(ctx, store.UserActor(expert), assigns[0].ID, demoRecuseReason, review.ChooseTakeover(ctx)); err != nil {
			return err
		}
		if assigns, err = st.FindAssignments(ctx, store.AssignmentFilter{StageID: stage.ID, DossierID: dossierID,
			Statuses: []store.AssignmentStatus{store.AssignmentActive}}); err != nil {
			return err
		}
	}
	signed, drafts := len(assigns), 0 // the first two dossiers: everyone signed
	switch {
	case i == 2:
		signed, drafts = 4, 2
	case i > 2:
		signed, drafts = 3, 2
	}
	q := demoQuality[i%len(demoQuality)]
	for j, a := range assigns {
		if j >= signed+drafts {
			break
		}
		expert, err := st.FindUserByID(ctx, a.ExpertID)
		if err != nil {
			return err
		}
		// The last expert of the first two dossiers scores one criterion far
		// below the others: A1.4 on the first, A3.3 on the second.
		outlier := ""
		if i < 2 && j == len(assigns)-1 {
			outlier = []string{"A1.4", "A3.3"}[i]
		}
		values := demoValues(rules, demoSheet{quality: q, dossier: dossierID, seat: j, judge: expert.Username,
			outlier: outlier, draft: j >= signed})
		if err := signSheet(ctx, st, stage, rules, expert, a, values, j < signed); err != nil {
			return err
		}
	}
	if i == 1 {
		return justifyDemoFlags(ctx, st, stage, dossierID)
	}
	return nil
}

// signSheet saves a sheet and, when sign is set, signs it and recomputes the
// dossier's flags, as the expert's pages do.
func signSheet(ctx context.Context, st *store.Store, stage *store.Stage, rules *rubrics.Stage, expert *store.User,
	a store.Assignment, values []store.SheetValue, sign bool) error {
	by := store.UserActor(expert)
	return st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockDossierReview(ctx, a.DossierID); err != nil {
			return err
		}
		sh, _, err := tx.SaveSheet(ctx, by, store.SheetSave{AssignmentID: a.ID, RubricHash: stage.RubricHash, Values: values})
		if err != nil || !sign {
			return err
		}
		if _, err := tx.SubmitSheet(ctx, by, sh.ID, sh.Version); err != nil {
			return err
		}
		return review.RefreshFlags(ctx, tx, by, stage, rules, a.DossierID)
	})
}

// justifyDemoFlags answers the second dossier's flags with a written reason.
func justifyDemoFlags(ctx context.Context, st *store.Store, stage *store.Stage, dossierID int64) error {
	flags, err := st.FindFlags(ctx, store.FlagFilter{StageID: stage.ID, DossierID: dossierID, Statuses: []store.FlagStatus{store.FlagOpen}})
	if err != nil {
		return err
	}
	for _, f := range flags {
		expert, err := st.FindUserByID(ctx, f.ExpertID)
		if err != nil {
			return err
		}
		if err := st.JustifyFlag(ctx, store.UserActor(expert), f.ID, f.ExpertID, f.Version, demoJustification); err != nil {
			return err
		}
	}
	return nil
}
