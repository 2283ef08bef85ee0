package review

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"

	"chainjudge/app/draw"
	"chainjudge/app/store"
)

// DrawRequest is what the office asked for.
type DrawRequest struct {
	ClusterID int64 // 0: the whole stage
	// Supplement draws for the dossiers left short of experts (补充抽取)
	// instead of those without a panel.
	Supplement  bool
	Constraints draw.Constraints
	Seed        string
	Sealed      bool
}

// DrawScope is the stage's dossiers a draw covers: those of the scope that
// no standing draw covers yet.
func DrawScope(ctx context.Context, tx *store.Store, stage *store.Stage, clusterID int64) ([]store.Dossier, map[int64]*DossierInfo, error) {
	all, err := tx.FindDossiers(ctx, store.DossierFilter{StageID: stage.ID, ClusterID: clusterID})
	if err != nil {
		return nil, nil, err
	}
	assigned, err := tx.AssignedDossierIDs(ctx, stage.ID)
	if err != nil {
		return nil, nil, err
	}
	var open []store.Dossier
	for _, d := range all {
		if !assigned[d.ID] {
			open = append(open, d)
		}
	}
	infos, err := LoadDossierInfos(ctx, tx, open)
	return open, infos, err
}

// ShortDossiers are the stage's dossiers a standing draw covers that have
// fewer than per experts left (after declared conflicts nobody could take
// over), with how many each still needs and the experts already on them.
func ShortDossiers(ctx context.Context, tx *store.Store, stage *store.Stage, per int) ([]store.Dossier, map[int64]*DossierInfo, map[int64]int, []draw.Pair, error) {
	sizes, err := tx.DossierPanelSizes(ctx, stage.ID)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	assigned, err := tx.AssignedDossierIDs(ctx, stage.ID)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	var ids []int64
	need := map[int64]int{}
	for id := range assigned {
		if n := per - sizes[id]; n > 0 {
			ids, need[id] = append(ids, id), n
		}
	}
	if len(ids) == 0 {
		return nil, map[int64]*DossierInfo{}, need, nil, nil
	}
	ds, err := tx.FindDossiers(ctx, store.DossierFilter{StageID: stage.ID, IDs: ids})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	active, err := tx.FindAssignments(ctx, store.AssignmentFilter{StageID: stage.ID, Statuses: []store.AssignmentStatus{store.AssignmentActive}})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	var on []draw.Pair
	for _, a := range active {
		if need[a.DossierID] > 0 {
			on = append(on, draw.Pair{Expert: a.ExpertID, Dossier: a.DossierID})
		}
	}
	infos, err := LoadDossierInfos(ctx, tx, ds)
	return ds, infos, need, on, err
}

// poolSnapshot is the expert pool as the draw sees it now: every expert
// with organisation, home region and city, the competition's chains their
// fields cover, and their load in the stage.
func poolSnapshot(ctx context.Context, tx *store.Store, stage *store.Stage) ([]draw.Candidate, error) {
	profiles, err := tx.FindExpertProfiles(ctx)
	if err != nil {
		return nil, err
	}
	chainIDs, err := tx.CompetitionChainIDs(ctx, stage.CompetitionID)
	if err != nil {
		return nil, err
	}
	chains, err := tx.FindChains(ctx, store.ChainFilter{})
	if err != nil {
		return nil, err
	}
	inScope := map[int64]bool{}
	for _, id := range chainIDs {
		inScope[id] = true
	}
	loads, err := tx.StageLoads(ctx, stage.ID)
	if err != nil {
		return nil, err
	}
	var homeIDs []int64
	for _, p := range profiles {
		if p.Expert.HomeRegionID != nil {
			homeIDs = append(homeIDs, *p.Expert.HomeRegionID)
		}
	}
	homes, err := tx.RegionsByID(ctx, homeIDs)
	if err != nil {
		return nil, err
	}
	out := make([]draw.Candidate, 0, len(profiles))
	for _, p := range profiles {
		c := draw.Candidate{ID: p.User.ID, Name: p.User.DisplayName, Organisation: p.Expert.Organisation,
			Load: loads[p.User.ID], Enabled: p.Expert.Enabled && !p.User.Disabled, Chains: []int64{}}
		if p.Expert.HomeRegionID != nil {
			if r := homes[*p.Expert.HomeRegionID]; r != nil {
				c.Home = draw.Place{Region: r.ID, City: r.CityID()}
			}
		}
		for i := range chains {
			if inScope[chains[i].ID] && p.Covers(&chains[i]) {
				c.Chains = append(c.Chains, chains[i].ID)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// declinedPairs lists the stage's declared conflicts.
func declinedPairs(ctx context.Context, tx *store.Store, stageID int64) ([]draw.Pair, error) {
	recused, err := tx.FindAssignments(ctx, store.AssignmentFilter{StageID: stageID,
		Statuses: []store.AssignmentStatus{store.AssignmentRecused}})
	if err != nil {
		return nil, err
	}
	out := make([]draw.Pair, 0, len(recused))
	for _, a := range recused {
		out = append(out, draw.Pair{Expert: a.ExpertID, Dossier: a.DossierID})
	}
	return out, nil
}

// newSeed is a fresh random seed when the office gives none.
func newSeed() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// RunDraw snapshots the pool and the dossiers, draws, and records the draw
// by user by, all in one transaction so the snapshot is what the draw used.
// A request the draw cannot meet comes back as *draw.Error.
func RunDraw(ctx context.Context, st *store.Store, actor store.Actor, by int64, stage *store.Stage, req DrawRequest) (*store.PanelDraw, error) {
	var out *store.PanelDraw
	err := st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockStagePanels(ctx, stage.ID); err != nil {
			return err
		}
		var (
			dossiers []store.Dossier
			infos    map[int64]*DossierInfo
			need     map[int64]int
			onThem   []draw.Pair
			err      error
		)
		if req.Supplement {
			dossiers, infos, need, onThem, err = ShortDossiers(ctx, tx, stage, req.Constraints.PerDossier)
		} else {
			dossiers, infos, err = DrawScope(ctx, tx, stage, req.ClusterID)
		}
		if err != nil {
			return err
		}
		pool, err := poolSnapshot(ctx, tx, stage)
		if err != nil {
			return err
		}
		in := draw.Input{Seed: req.Seed, Constraints: req.Constraints, Pool: pool}
		if in.Seed == "" {
			in.Seed = newSeed()
		}
		inScope := map[int64]bool{}
		for _, d := range dossiers {
			info := infos[d.ID]
			in.Dossiers = append(in.Dossiers, draw.Dossier{ID: d.ID, Label: info.Label(), Chain: d.ChainID, Areas: info.Areas,
				Need: need[d.ID]})
			inScope[d.ID] = true
		}
		// Nobody is drawn for a dossier they already score.
		in.Constraints.Excluded = append(in.Constraints.Excluded, onThem...)
		declined, err := declinedPairs(ctx, tx, stage.ID)
		if err != nil {
			return err
		}
		for _, p := range declined {
			if inScope[p.Dossier] {
				in.Constraints.Excluded = append(in.Constraints.Excluded, p)
			}
		}
		in = in.Normalized()
		res, err := draw.Run(in)
		if err != nil {
			return err
		}
		scope, clusterID := "本阶段全部申报", (*int64)(nil)
		switch {
		case req.Supplement:
			scope = "补充抽取：专家不足的申报"
		case req.ClusterID != 0 && len(dossiers) > 0:
			scope, clusterID = infos[dossiers[0].ID].Cluster+"集群", &req.ClusterID
		}
		inJSON, _ := json.Marshal(in)
		resJSON, _ := json.Marshal(res)
		nd := store.NewDraw{StageID: stage.ID, ClusterID: clusterID, ScopeLabel: scope, Seed: in.Seed, Algorithm: res.Algorithm,
			InputJSON: string(inJSON), ResultJSON: string(resJSON), InputHash: in.Hash(), PerDossier: req.Constraints.PerDossier,
			Sealed: req.Sealed, Supplement: req.Supplement, CreatedBy: by, MemberIDs: res.Members, AlternateIDs: res.Alternates}
		for _, p := range res.Assignments {
			nd.Assignments = append(nd.Assignments, store.NewAssignment{DossierID: p.Dossier, ExpertID: p.Expert})
		}
		out, err = tx.CreateDraw(ctx, actor, nd)
		return err
	})
	return out, err
}

// Recorded reads a draw's recorded input and result.
func Recorded(d *store.PanelDraw) (draw.Input, draw.Result, error) {
	var in draw.Input
	var res draw.Result
	if err := json.Unmarshal([]byte(d.InputJSON), &in); err != nil {
		return in, res, fmt.Errorf("draw %d input: %w", d.ID, err)
	}
	if err := json.Unmarshal([]byte(d.ResultJSON), &res); err != nil {
		return in, res, fmt.Errorf("draw %d result: %w", d.ID, err)
	}
	return in, res, nil
}

// Verify re-runs a recorded draw and says, in Chinese, whether it
// reproduces the recorded result, and whether the panel and the assignments
// the draw made (before any takeover) are the ones in the tables.
func Verify(ctx context.Context, st *store.Store, d *store.PanelDraw) (bool, string, error) {
	in, recorded, err := Recorded(d)
	if err != nil {
		return false, "", err
	}
	if h := in.Hash(); h != d.InputHash {
		return false, fmt.Sprintf("记录的抽取依据（种子、专家库快照、条件）的哈希 %s 与登记的 %s 不符，记录可能被改动", h, d.InputHash), nil
	}
	again, err := draw.Run(in)
	if err != nil {
		return false, "按记录重新抽取失败：" + err.Error(), nil
	}
	a, _ := json.Marshal(again)
	b, _ := json.Marshal(recorded)
	if string(a) != string(b) {
		return false, "按同一随机种子和快照重新抽取，结果与记录不同", nil
	}
	if msg, err := matchTables(ctx, st, d, again); err != nil || msg != "" {
		return false, msg, err
	}
	return true, fmt.Sprintf("用随机种子 %s 和登记的专家库快照重新抽取，%d 位成员、%d 位备选和 %d 项分配与记录及现行名单完全一致",
		in.Seed, len(again.Members), len(again.Alternates), len(again.Assignments)), nil
}

// matchTables compares the draw's members, alternates and original
// assignments in the tables with a result; "" when they agree.
func matchTables(ctx context.Context, st *store.Store, d *store.PanelDraw, res draw.Result) (string, error) {
	members, err := st.FindPanelMembers(ctx, d.ID)
	if err != nil {
		return "", err
	}
	var drawnMembers, drawnAlternates []int64
	for _, m := range members {
		if m.Role == store.RoleMember && m.PromotedAt == nil {
			drawnMembers = append(drawnMembers, m.ExpertID)
		} else {
			drawnAlternates = append(drawnAlternates, m.ExpertID)
		}
	}
	if !slices.Equal(drawnMembers, res.Members) || !slices.Equal(sortedIDs(drawnAlternates), sortedIDs(res.Alternates)) {
		return "专家组成员或备选名单与抽取结果不一致", nil
	}
	assigns, err := st.FindAssignments(ctx, store.AssignmentFilter{DrawID: d.ID})
	if err != nil {
		return "", err
	}
	var made []draw.Pair
	for _, x := range assigns {
		if x.Source == store.SourceDraw {
			made = append(made, draw.Pair{Expert: x.ExpertID, Dossier: x.DossierID})
		}
	}
	want := slices.Clone(res.Assignments)
	order := func(a, b draw.Pair) int {
		if a.Dossier != b.Dossier {
			return cmp.Compare(a.Dossier, b.Dossier)
		}
		return cmp.Compare(a.Expert, b.Expert)
	}
	slices.SortFunc(made, order)
	slices.SortFunc(want, order)
	if !slices.Equal(made, want) {
		return "申报分配名单与抽取结果不一致", nil
	}
	return "", nil
}

func sortedIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}
