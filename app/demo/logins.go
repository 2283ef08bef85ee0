package demo

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"chainjudge/app/store"
)

// loginApplicants are the applicant accounts printed at start-up: a bid in
// review, one waiting for the formal check, one returned for correction
// and a draft.
var loginApplicants = []string{"jiangyin", "wuxi", "nanjing", "yixing"}

// logins are the demo accounts to print, each leading to content: the
// office, the expert with the most sheets still to finish in the running
// round's review (and the one asked to explain a 畸低 score, when another),
// and a few applicants with their bid's state. The experts are read from
// the demo's panel draw, so they are right whatever it drew.
func logins(ctx context.Context, st *store.Store) ([]Login, error) {
	out := []Login{{Role: store.RoleOffice, Username: officeUser.username, Password: Password, Note: officeUser.name}}
	ex, err := expertLogins(ctx, st)
	if err != nil {
		return nil, err
	}
	out = append(out, ex...)
	ap, err := applicantLogins(ctx, st)
	if err != nil {
		return nil, err
	}
	return append(out, ap...), nil
}

// expertLogins picks the expert with the most unsigned sheets in the
// running round's first stage, and the expert with an open 畸高/畸低 flag.
func expertLogins(ctx context.Context, st *store.Store) ([]Login, error) {
	pool := fmt.Sprintf("共 %d 位专家（expert01…expert%02d）", len(experts), len(experts))
	stage, err := demoStage(ctx, st)
	if err != nil {
		return nil, err
	}
	assigns, err := st.FindAssignments(ctx, store.AssignmentFilter{StageID: stage.ID,
		Statuses: []store.AssignmentStatus{store.AssignmentActive}})
	if err != nil {
		return nil, err
	}
	sheets, err := st.FindSheets(ctx, store.SheetFilter{StageID: stage.ID, ActiveOnly: true})
	if err != nil {
		return nil, err
	}
	signed := map[int64]bool{}
	for _, sh := range sheets {
		signed[sh.AssignmentID] = sh.Status == store.SheetSubmitted
	}
	type load struct {
		user          *store.User
		waiting, done int
	}
	byExpert := map[int64]*load{}
	var loads []*load
	for _, a := range assigns {
		l := byExpert[a.ExpertID]
		if l == nil {
			u, err := st.FindUserByID(ctx, a.ExpertID)
			if err != nil {
				return nil, err
			}
			l = &load{user: u}
			byExpert[a.ExpertID] = l
			loads = append(loads, l)
		}
		if signed[a.ID] {
			l.done++
		} else {
			l.waiting++
		}
	}
	slices.SortFunc(loads, func(a, b *load) int {
		return cmp.Or(cmp.Compare(b.waiting, a.waiting), strings.Compare(a.user.Username, b.user.Username))
	})
	if len(loads) == 0 || loads[0].waiting == 0 {
		// No sheet waits (the review is over): the pool, as before.
		return []Login{{Role: store.RoleExpert, Username: experts[0].username, Password: Password,
			Note: experts[0].name + "，" + pool}}, nil
	}
	comp, err := st.FindCompetitionByID(ctx, stage.CompetitionID)
	if err != nil {
		return nil, err
	}
	busy := loads[0]
	out := []Login{{Role: store.RoleExpert, Username: busy.user.Username, Password: Password,
		Note: fmt.Sprintf("%s，%d 年度%s有 %d 份评分表待完成（已提交 %d 份）；%s", busy.user.DisplayName, comp.Year,
			stage.Name, busy.waiting, busy.done, pool)}}
	flags, err := st.FindFlags(ctx, store.FlagFilter{StageID: stage.ID, Statuses: []store.FlagStatus{store.FlagOpen}})
	if err != nil {
		return nil, err
	}
	if len(flags) > 0 && flags[0].ExpertID != busy.user.ID {
		u, err := st.FindUserByID(ctx, flags[0].ExpertID)
		if err != nil {
			return nil, err
		}
		out = append(out, Login{Role: store.RoleExpert, Username: u.Username, Password: Password,
			Note: fmt.Sprintf("%s，有 %d 项%s评分待说明理由", u.DisplayName, len(flags), flags[0].DirectionLabel())})
	}
	return out, nil
}

// applicantLogins are loginApplicants with their bid in the running round.
func applicantLogins(ctx context.Context, st *store.Store) ([]Login, error) {
	stage, err := demoStage(ctx, st)
	if err != nil {
		return nil, err
	}
	var out []Login
	for _, name := range loginApplicants {
		u, err := st.FindUserByUsername(ctx, name)
		if err != nil {
			return nil, fmt.Errorf("demo applicant %s: %w", name, err)
		}
		note := u.DisplayName
		if u.RegionID != nil {
			ds, err := st.FindDossiers(ctx, store.DossierFilter{CompetitionID: stage.CompetitionID, RegionID: *u.RegionID})
			if err != nil {
				return nil, err
			}
			for _, d := range ds {
				note += fmt.Sprintf("，%s（%s）", d.Title, d.Status.Label())
			}
		}
		out = append(out, Login{Role: store.RoleApplicant, Username: u.Username, Password: Password, Note: note})
	}
	var others []string
	for _, a := range applicants {
		if !slices.Contains(loginApplicants, a.username) {
			others = append(others, a.username)
		}
	}
	if len(others) > 2 {
		out[len(out)-1].Note += fmt.Sprintf("；另有 %s 等 %d 个申报地区账号", strings.Join(others[:2], "、"), len(others))
	}
	return out, nil
}
