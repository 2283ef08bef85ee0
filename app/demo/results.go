package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"chainjudge/app/dossier"
	"chainjudge/app/draw"
	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/rubrics"
	"chainjudge/templates"
)

// FinishedCompetitionName is the demo's finished competition: taken through
// every stage to publication, with winners on the public page and an
// objection handled.
const FinishedCompetitionName = "2025年度江苏省区域卓越产业链竞赛"

// cst is China Standard Time, where the demo's past dates are set.
var cst = templates.Location()

// at is a moment of 2025 in China Standard Time.
func at(month time.Month, day, hour int) time.Time {
	return time.Date(2025, month, day, hour, 0, 0, 0, cst)
}

// finishedTimeline is when each step of the 2025 round happened.
var finishedTimeline = struct {
	created, filed, reviewed, frozen1, inspected, frozen2, defended, frozen3, marked, objected, handled, published time.Time
}{
	created: at(3, 3, 9), filed: at(3, 20, 10), reviewed: at(4, 16, 15), frozen1: at(5, 6, 10),
	inspected: at(6, 12, 16), frozen2: at(6, 27, 10), defended: at(7, 16, 17), frozen3: at(7, 22, 10),
	marked: at(7, 28, 9), objected: at(7, 30, 11), handled: at(8, 4, 15), published: at(8, 6, 10),
}

// loadResults adds the finished 2025 round: the bids of the demo regions
// filed, checked and scored in all three stages on a 2025 edition of the
// default rubric, objective indicators verified (one corrected), a veto
// confirmed, every stage frozen with its advancement, the winners marked,
// a 公示 of five working days with one objection (dismissed after
// re-review), and the result published under a 发文字号. Every step goes
// through the store functions the pages use, on a clock set to the day it
// happened, so dates and the audit log read as they would have.
func loadResults(ctx context.Context, st *store.Store) error {
	clock := &demoClock{t: finishedTimeline.created}
	past := st.WithClock(clock.now)
	office, err := past.FindUserByUsername(ctx, officeUser.username)
	if err != nil {
		return fmt.Errorf("demo office account: %w", err)
	}
	f := &finished{st: past, clock: clock, office: store.UserActor(office), officeID: office.ID}
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"competition", f.createCompetition},
		{"dossiers", f.fileBids},
		{"stage 1", f.stageApply},
		{"stage 2", f.stageInspect},
		{"stage 3", f.stageSelect},
		{"publication", f.publish},
	}
	for _, s := range steps {
		if err := s.run(ctx); err != nil {
			return fmt.Errorf("demo 2025 %s: %w", s.name, err)
		}
	}
	return nil
}

// demoClock is a settable clock for loading past events.
type demoClock struct{ t time.Time }

func (c *demoClock) now() time.Time { return c.t }

// finished is the state of loading the 2025 round.
type finished struct {
	st       *store.Store
	clock    *demoClock
	office   store.Actor
	officeID int64
	comp     *store.Competition
	rubric   *rubrics.Rubric
	stages   []store.Stage
}

// rubric2025 is the default rubric as the 2025 edition had it: the selection
// panel was seven experts (one score dropped at each end), not eleven.
func rubric2025() (*rubrics.Rubric, string, error) {
	_, text := rubrics.Default()
	yaml := string(text)
	for _, r := range [][2]string{
		{`version: "2026.1"`, `version: "2025.1"`},
		{"name: 江苏省区域卓越产业链竞赛评分细则（默认）", "name: 江苏省区域卓越产业链竞赛评分细则（2025年度）"},
		{"experts_per_dossier: 11", "experts_per_dossier: 7"},
		{"# 11 名评委按人数规则每端去掉 2 个最高分和 2 个最低分后平均。", "# 2025 年度遴选评委 7 人，按人数规则每端去掉 1 个最高分和 1 个最低分后平均。"},
	} {
		if !strings.Contains(yaml, r[0]) {
			return nil, "", fmt.Errorf("default rubric changed: %q not found", r[0])
		}
		yaml = strings.Replace(yaml, r[0], r[1], 1)
	}
	r, err := rubrics.Parse("2025.yaml", []byte(yaml))
	if err != nil {
		return nil, "", err
	}
	return r, yaml, nil
}

// createCompetition creates the 2025 round with its windows and opens the
// filing stage.
func (f *finished) createCompetition(ctx context.Context) error {
	r, yaml, err := rubric2025()
	if err != nil {
		return err
	}
	f.rubric = r
	chains, err := f.st.FindChains(ctx, store.ChainFilter{ActiveOnly: true})
	if err != nil {
		return err
	}
	var chainIDs []int64
	for _, ch := range chains {
		chainIDs = append(chainIDs, ch.ID)
	}
	windows := [][4]time.Time{
		{at(3, 3, 9), at(4, 11, 17), at(4, 14, 9), at(4, 30, 17)},
		{at(5, 12, 9), at(6, 20, 17), at(5, 12, 9), at(6, 20, 17)},
		{at(7, 7, 9), at(7, 18, 17), at(7, 14, 9), at(7, 18, 17)},
	}
	nc := store.NewCompetition{Name: FinishedCompetitionName, Year: 2025,
		Description: "2025 年度竞赛已完成全部程序并公布结果（演示数据）。", RubricYAML: yaml, RubricHash: r.Hash(),
		RubricSource: "upload", ChainIDs: chainIDs}
	for i, s := range r.Stages {
		w := windows[i]
		nc.Stages = append(nc.Stages, store.Stage{Key: s.ID, Name: s.Name, Seq: i + 1, OpensAt: w[0].UTC(), ClosesAt: w[1].UTC(),
			ReviewOpensAt: ptr(w[2].UTC()), ReviewClosesAt: ptr(w[3].UTC())})
	}
	if f.comp, err = f.st.CreateCompetition(ctx, f.office, nc); err != nil {
		return err
	}
	return f.openStage(ctx, 0)
}

func (f *finished) reloadStages(ctx context.Context) error {
	var err error
	f.stages, err = f.st.FindStages(ctx, f.comp.ID)
	return err
}

func (f *finished) openStage(ctx context.Context, i int) error {
	if err := f.reloadStages(ctx); err != nil {
		return err
	}
	return f.st.OpenStage(ctx, f.office, f.stages[i].ID, f.stages[i].Version)
}

// fileBids files the demo regions' 2025 bids and passes them in the formal
// check: the 2026 bids' chains and figures, as they stood a year earlier.
func (f *finished) fileBids(ctx context.Context) error {
	f.clock.t = finishedTimeline.filed
	if err := f.reloadStages(ctx); err != nil {
		return err
	}
	rules := f.rubric.Stage(f.stages[0].Key)
	for _, b := range demoBids {
		if b.partial || b.status == store.DossierDraft && b.figures[1] == "" {
			continue
		}
		b.status, b.reason = store.DossierPassed, ""
		if err := fileBid(ctx, f.st, f.comp, rules, f.office, b); err != nil {
			return fmt.Errorf("bid of %s: %w", b.user, err)
		}
	}
	return nil
}

// finishedQuality is each bid's standing with the panels of the three
// stages, as a share of every criterion's maximum, by applicant.
var finishedQuality = map[string][3]string{
	"jiangyin": {"0.84", "0.86", "0.88"}, "wuxi": {"0.8", "0.82", "0.8"}, "sip": {"0.86", "0.84", "0.86"},
	"nanjing": {"0.78", "0.8", "0.76"}, "changzhou": {"0.74", "0.78", "0.74"}, "xuzhou": {"0.8", "0.82", "0.84"},
	"nantong": {"0.76", "0.72", "0.6"}, "taizhou": {"0.72", "0.74", "0.72"}, "yancheng": {"0.56", "0.6", "0.6"},
	"kunshan": {"0.74", "0.76", "0.76"}, "yixing": {"0.66", "0.5", "0.5"},
}

// Demo texts of the 2025 round.
const (
	finishedVetoReason   = "经生态环境部门通报，协同区一家主导产业企业 2024 年发生较大突发环境事件，属于近三年重大环境污染事故。"
	finishedVetoDecision = "经向省生态环境厅核实，事故属实且已作出行政处罚，确认触发否决项。"
	finishedCorrection   = "以市统计局出具的 2024 年统计数据证明为准（申报时误将协同区全部工业营业收入计入）。"
)

// stageApply scores, verifies and freezes the first stage.
func (f *finished) stageApply(ctx context.Context) error {
	if err := f.score(ctx, 0, "演示-2025-申报评审", "A1.4", "kunshan"); err != nil {
		return err
	}
	f.clock.t = finishedTimeline.frozen1
	st := &f.stages[0]
	if err := f.verifyIndicators(ctx, st); err != nil {
		return err
	}
	if err := f.confirmVetoes(ctx, st); err != nil {
		return err
	}
	return f.closeAndFreeze(ctx, 0, "评审组复核无误")
}

// stageInspect scores and freezes the on-site inspection.
func (f *finished) stageInspect(ctx context.Context) error {
	f.clock.t = finishedTimeline.inspected
	if err := f.openStage(ctx, 1); err != nil {
		return err
	}
	if err := f.score(ctx, 1, "演示-2025-实地考察", "", ""); err != nil {
		return err
	}
	f.clock.t = finishedTimeline.frozen2
	return f.closeAndFreeze(ctx, 1, "考察组复核无误")
}

// stageSelect scores and freezes the selection defence.
func (f *finished) stageSelect(ctx context.Context) error {
	f.clock.t = finishedTimeline.defended
	if err := f.openStage(ctx, 2); err != nil {
		return err
	}
	if err := f.score(ctx, 2, "演示-2025-遴选答辩", "", ""); err != nil {
		return err
	}
	f.clock.t = finishedTimeline.frozen3
	return f.closeAndFreeze(ctx, 2, "遴选评审组复核无误")
}

// score draws the panel of stage i and signs every sheet; outlier plants one
// low score (explained by its expert), vetoUser has one expert answer a veto.
func (f *finished) score(ctx context.Context, i int, seed, outlier, vetoUser string) error {
	if err := f.reloadStages(ctx); err != nil {
		return err
	}
	st := &f.stages[i]
	rules := f.rubric.Stage(st.Key)
	if i == 0 {
		f.clock.t = finishedTimeline.reviewed
	}
	if err := f.drawPanel(ctx, st, rules, seed); err != nil {
		return err
	}
	dossiers, err := f.st.FindDossiers(ctx, store.DossierFilter{StageID: st.ID})
	if err != nil {
		return err
	}
	users, err := f.dossierUsers(ctx, dossiers)
	if err != nil {
		return err
	}
	for k, d := range dossiers {
		as, err := f.st.FindAssignments(ctx, store.AssignmentFilter{StageID: st.ID, DossierID: d.ID,
			Statuses: []store.AssignmentStatus{store.AssignmentActive}})
		if err != nil {
			return err
		}
		q := finishedQuality[users[d.ID]][i]
		for j, a := range as {
			expert, err := f.st.FindUserByID(ctx, a.ExpertID)
			if err != nil {
				return err
			}
			planted := ""
			if outlier != "" && k == 0 && j == len(as)-1 {
				planted = outlier
			}
			values := demoValues(rules, demoSheet{quality: q, dossier: d.ID, seat: j, judge: expert.Username, outlier: planted})
			if users[d.ID] == vetoUser && j == 1 {
				for n := range values {
					if values[n].Veto != "" {
						values[n].Veto, values[n].VetoReason = "yes", finishedVetoReason
					}
				}
			}
			if err := signSheet(ctx, f.st, st, rules, expert, a, values, true); err != nil {
				return err
			}
		}
		if err := justifyDemoFlags(ctx, f.st, st, d.ID); err != nil {
			return err
		}
	}
	return nil
}

// dossierUsers maps each dossier to its applicant's username.
func (f *finished) dossierUsers(ctx context.Context, ds []store.Dossier) (map[int64]string, error) {
	out := map[int64]string{}
	for _, d := range ds {
		u, err := f.st.FindUserByID(ctx, d.CreatedBy)
		if err != nil {
			return nil, err
		}
		out[d.ID] = u.Username
	}
	return out, nil
}

// drawPanel draws a stage's panel as the office would, relaxing the
// expertise match when the small demo pool cannot meet it.
func (f *finished) drawPanel(ctx context.Context, st *store.Stage, rules *rubrics.Stage, seed string) error {
	per := rules.ExpertsPerDossier
	var last error
	for _, cons := range []draw.Constraints{
		{PerDossier: per, Members: per + 2, Alternates: 2, MaxPerOrg: 2, MatchExpertise: true},
		{PerDossier: per, Members: per + 4, Alternates: 2, MaxPerOrg: 2},
		{PerDossier: per, Members: per + 6, Alternates: 1},
	} {
		_, err := review.RunDraw(ctx, f.st, f.office, f.officeID, st, review.DrawRequest{Constraints: cons, Seed: seed})
		var refused *draw.Error
		if errors.As(err, &refused) {
			last = err
			continue
		}
		return err
	}
	return fmt.Errorf("draw: %w", last)
}

// verifyIndicators accepts every reported indicator, except one figure the
// office corrects with a note.
func (f *finished) verifyIndicators(ctx context.Context, st *store.Stage) error {
	rules := f.rubric.Stage(st.Key)
	ds, err := f.st.FindDossiers(ctx, store.DossierFilter{StageID: st.ID})
	if err != nil {
		return err
	}
	users, err := f.dossierUsers(ctx, ds)
	if err != nil {
		return err
	}
	for _, d := range ds {
		full, err := f.st.FindDossierByID(ctx, d.ID)
		if err != nil {
			return err
		}
		content, err := dossier.Parse(full.Content)
		if err != nil {
			return err
		}
		for _, cr := range rules.ObjectiveCriteria() {
			ind := rules.Indicator(cr.Indicator)
			reported := content.Indicator(ind.ID)
			chk := store.IndicatorCheck{StageID: st.ID, DossierID: d.ID, IndicatorID: ind.ID, Reported: reported,
				Value: reported, Status: store.VerifyAccepted}
			if users[d.ID] == "changzhou" && ind.ID == "main_revenue" {
				chk.Value, chk.Status, chk.Note = "560", store.VerifyCorrected, finishedCorrection
			}
			if _, err := f.st.VerifyIndicator(ctx, f.office, chk); err != nil {
				return fmt.Errorf("verify %s of %s: %w", ind.ID, users[d.ID], err)
			}
		}
	}
	return nil
}

// confirmVetoes confirms every veto an expert raised.
func (f *finished) confirmVetoes(ctx context.Context, st *store.Stage) error {
	rows, err := f.st.SubmittedScores(ctx, st.ID)
	if err != nil {
		return err
	}
	done := map[string]bool{}
	for _, r := range rows {
		k := fmt.Sprintf("%d/%s", r.DossierID, r.CriterionID)
		if !r.Vetoed || done[k] {
			continue
		}
		done[k] = true
		if err := f.st.DecideVeto(ctx, f.office, store.VetoRuling{StageID: st.ID, DossierID: r.DossierID,
			CriterionID: r.CriterionID, Decision: store.VetoConfirmed, Reason: finishedVetoDecision}); err != nil {
			return err
		}
	}
	return nil
}

// closeAndFreeze closes stage i and freezes its results as previewed.
func (f *finished) closeAndFreeze(ctx context.Context, i int, reason string) error {
	if err := f.reloadStages(ctx); err != nil {
		return err
	}
	st := f.stages[i]
	if err := f.st.CloseStage(ctx, f.office, st.ID, st.Version, "评审结束"); err != nil {
		return err
	}
	closed, err := f.st.FindStageByID(ctx, st.ID)
	if err != nil {
		return err
	}
	_, hash, err := f.st.ComputeStageResult(ctx, closed, false)
	if err != nil {
		return err
	}
	_, err = f.st.FreezeStageResult(ctx, f.office, store.FreezeRequest{StageID: st.ID, SeenHash: hash, Reason: reason})
	return err
}
