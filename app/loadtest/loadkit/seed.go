package loadkit

import (
	"context"
	"fmt"
	"time"

	"chainjudge/app/account"
	"chainjudge/app/draw"
	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// Password is the password of every seeded account.
const Password = "Load-test-2026"

// SeedOptions size the seeded competition.
type SeedOptions struct {
	// Experts is the number of expert accounts, all drawn onto the panel.
	Experts int
	// SheetsPerExpert is about how many dossiers each expert scores; the
	// number of dossiers follows from it and the rubric's experts per
	// dossier.
	SheetsPerExpert int
}

// Sheet is one expert's task: a dossier of the stage.
type Sheet struct {
	AssignmentID int64
	DossierID    int64
	// Path is the score sheet's URL.
	Path string
}

// Expert is one seeded expert and the sheets the draw gave them.
type Expert struct {
	ID       int64
	Username string
	Sheets   []Sheet
}

// Fixture is the seeded competition.
type Fixture struct {
	CompetitionID int64
	StageID       int64
	Rules         *rubrics.Stage
	Experts       []Expert
}

// Sheets counts the sheets of every expert.
func (f *Fixture) Sheets() int {
	n := 0
	for _, e := range f.Experts {
		n += len(e.Sheets)
	}
	return n
}

// Seed creates, on an empty database, the competition the load runs on: the
// default rubric with its first stage open for filing and review, one
// dossier per (region, chain) entered in that stage, opts.Experts experts
// with Password, and a draw that puts every expert on the panel.
func Seed(ctx context.Context, st *store.Store, opts SeedOptions) (*Fixture, error) {
	if opts.Experts < 1 {
		return nil, fmt.Errorf("seed: need at least one expert")
	}
	if opts.SheetsPerExpert < 1 {
		opts.SheetsPerExpert = 1
	}
	actor := store.SystemActor("负载测试")
	r, yamlText := rubrics.Default()
	rules := r.Stages[0]
	per := rules.ExpertsPerDossier
	if opts.Experts < per {
		return nil, fmt.Errorf("seed: the first stage needs %d experts per dossier, only %d requested", per, opts.Experts)
	}
	nDossiers := (opts.Experts*opts.SheetsPerExpert + per - 1) / per
	chains, err := st.FindChains(ctx, store.ChainFilter{ActiveOnly: true})
	if err != nil {
		return nil, fmt.Errorf("seed: chains: %w", err)
	}
	regions, err := st.FindRegions(ctx, store.RegionFilter{})
	if err != nil {
		return nil, fmt.Errorf("seed: regions: %w", err)
	}
	if len(chains) == 0 || len(regions) == 0 || nDossiers > len(chains)*len(regions) {
		return nil, fmt.Errorf("seed: %d dossiers need more regions (%d) × chains (%d)", nDossiers, len(regions), len(chains))
	}
	var chainIDs []int64
	for _, c := range chains {
		chainIDs = append(chainIDs, c.ID)
	}
	now := st.Now().Truncate(time.Second)
	day := 24 * time.Hour
	rOpen, rClose := now.Add(-day), now.Add(30*day)
	nc := store.NewCompetition{Name: "负载测试竞赛", Year: now.Year(), RubricYAML: string(yamlText), RubricHash: r.Hash(),
		RubricSource: "default", ChainIDs: chainIDs}
	for i, s := range r.Stages {
		stage := store.Stage{Key: s.ID, Name: s.Name, Seq: i + 1, OpensAt: now.Add(time.Duration(i*60-10) * day),
			ClosesAt: now.Add(time.Duration(i*60+10) * day)}
		if i == 0 {
			stage.ReviewOpensAt, stage.ReviewClosesAt = &rOpen, &rClose
		}
		nc.Stages = append(nc.Stages, stage)
	}
	comp, err := st.CreateCompetition(ctx, actor, nc)
	if err != nil {
		return nil, fmt.Errorf("seed: competition: %w", err)
	}
	stages, err := st.FindStages(ctx, comp.ID)
	if err != nil {
		return nil, fmt.Errorf("seed: stages: %w", err)
	}
	if err := st.OpenStage(ctx, actor, stages[0].ID, stages[0].Version); err != nil {
		return nil, fmt.Errorf("seed: open stage: %w", err)
	}
	stage, err := st.FindStageByID(ctx, stages[0].ID)
	if err != nil {
		return nil, err
	}
	hash, err := account.HashPassword(Password, account.MinBcryptCost)
	if err != nil {
		return nil, err
	}
	office, _, err := account.Create(ctx, st, actor, account.New{Username: "load-office", DisplayName: "负载测试办公室",
		Role: store.RoleOffice, PasswordHash: hash}, account.MinBcryptCost)
	if err != nil {
		return nil, fmt.Errorf("seed: office account: %w", err)
	}
	content := `{"indicators":{"main_revenue":"1200","location_quotient":"2"},"sections":{"overview":"产业规模位居全省前列，龙头企业带动作用明显。"}}`
	for i := 0; i < nDossiers; i++ {
		reg, ch := regions[i%len(regions)], chains[i/len(regions)]
		d, err := st.CreateDossier(ctx, actor, store.NewDossier{CompetitionID: comp.ID, ChainID: ch.ID, RegionID: reg.ID,
			CreatedBy: office.ID, Title: reg.Name + ch.Name + "产业链", Content: content})
		if err != nil {
			return nil, fmt.Errorf("seed: dossier %d: %w", i, err)
		}
		if err := st.AddStageEntry(ctx, stage.ID, d.ID, store.EntryFormalCheck); err != nil {
			return nil, fmt.Errorf("seed: stage entry: %w", err)
		}
	}
	f := &Fixture{CompetitionID: comp.ID, StageID: stage.ID, Rules: &rules}
	byID := map[int64]int{}
	for i := 0; i < opts.Experts; i++ {
		username, name := fmt.Sprintf("load%04d", i+1), fmt.Sprintf("负载专家%04d", i+1)
		u, _, err := account.Create(ctx, st, actor, account.New{Username: username, DisplayName: name,
			Role: store.RoleExpert, PasswordHash: hash, Organisation: name + "研究院"}, account.MinBcryptCost)
		if err != nil {
			return nil, fmt.Errorf("seed: expert %s: %w", username, err)
		}
		byID[u.ID] = len(f.Experts)
		f.Experts = append(f.Experts, Expert{ID: u.ID, Username: u.Username})
	}
	cons := draw.Constraints{PerDossier: per, Members: opts.Experts}
	d, err := review.RunDraw(ctx, st, actor, office.ID, stage, review.DrawRequest{Constraints: cons, Seed: "负载测试"})
	if err != nil {
		return nil, fmt.Errorf("seed: draw: %w", err)
	}
	assigns, err := st.FindAssignments(ctx, store.AssignmentFilter{DrawID: d.ID})
	if err != nil {
		return nil, err
	}
	for _, a := range assigns {
		e := &f.Experts[byID[a.ExpertID]]
		e.Sheets = append(e.Sheets, Sheet{AssignmentID: a.ID, DossierID: a.DossierID,
			Path: fmt.Sprintf("/expert/stages/%d/dossiers/%d", stage.ID, a.DossierID)})
	}
	return f, nil
}
