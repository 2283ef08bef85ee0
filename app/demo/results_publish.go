package demo

import (
	"context"
	"fmt"

	"chainjudge/app/files"
	"chainjudge/app/results"
	"chainjudge/app/store"
)

// Demo texts of the 2025 publication.
const (
	finishedObjection = "该产业链申报书所列“本地配套率”与我会掌握的行业调查数据差距较大，请核实其测算口径。"
	finishedDismissal = "经核实，申报单位按统计部门出具的采购额数据测算，口径符合申报指南；考察组现场抽查台账与申报数据一致。异议不成立。"
	finishedReReview  = "2025 年 8 月 1 日组织原考察组 3 位专家复核考察记录和佐证材料，一致认为原评分无误，维持原评分。"
	finishedDocNumber = "苏制强办〔2025〕21号"
)

// publish marks the winners the selection rule proposes, runs a 公示 of
// five working days with one objection, handles it and publishes.
func (f *finished) publish(ctx context.Context) error {
	f.clock.t = finishedTimeline.marked
	final, fr, err := f.st.ComputeFinalResult(ctx, f.comp.ID)
	if err != nil {
		return err
	}
	limit := fr.Rubric.Final.Selection.TopN
	for _, e := range final.Entries {
		if !e.Advances {
			continue
		}
		if err := f.st.MarkWinner(ctx, f.office, store.WinnerMark{CompetitionID: f.comp.ID, DossierID: e.ID, Rank: e.Rank,
			Score: e.Score.Decimal.StringFixed(final.Decimals), Limit: limit}); err != nil {
			return err
		}
	}
	winners, err := f.st.FindWinners(ctx, f.comp.ID)
	if err != nil {
		return err
	}
	entries, err := f.st.WinnerEntries(ctx, f.comp.ID, winners)
	if err != nil {
		return err
	}
	start := finishedTimeline.marked
	n, err := f.st.StartPublicity(ctx, f.office, store.NewPublicity{CompetitionID: f.comp.ID,
		Title: "关于2025年度江苏省区域卓越产业链拟入选名单的公示",
		Body: "经申报、形式审查、专家评审、实地考察和遴选答辩，现将2025年度江苏省区域卓越产业链拟入选名单予以公示。" +
			"公示期间如有异议，请实名提出并提供必要的证明材料，匿名异议和超出公示期的异议不予受理。",
		Issuer: "江苏省制造强省建设领导小组办公室", StartsAt: start.UTC(),
		EndsAt: results.NewCalendar(nil, nil).PeriodEnd(start, results.DefaultNoticeDays).UTC(), WorkingDays: results.DefaultNoticeDays,
		ContactName: "产业链处 王主任", ContactPhone: "025-83630000", ContactAddress: "南京市北京西路 70 号",
		ContactEmail: "cyl@example.gov.cn", CalendarNote: "按周一至周五计算工作日", Entries: entries})
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return fmt.Errorf("no winners to publish")
	}
	f.clock.t = finishedTimeline.objected
	evidence := demoPDF("行业调查数据摘录")
	o, err := f.st.SubmitObjection(ctx, store.NewObjection{NoticeID: n.ID, DossierID: entries[len(entries)-1].DossierID,
		Name: "李明", Unit: "江苏省某行业协会", Phone: "025-86660000", Reason: finishedObjection, RemoteAddr: "192.0.2.80",
		Evidence: &store.EvidenceFile{Name: "行业调查数据摘录.pdf", Kind: "pdf", SHA256: files.SHA256(evidence), Data: evidence}})
	if err != nil {
		return err
	}
	f.clock.t = finishedTimeline.handled
	if err := f.st.HandleObjection(ctx, f.office, o.ID, store.ObjectionHandling{Version: o.Version,
		Status: store.ObjectionDismissed, Reason: finishedDismissal, ReReview: finishedReReview}); err != nil {
		return err
	}
	f.clock.t = finishedTimeline.published
	_, err = f.st.PublishResult(ctx, f.office, store.NewResultNotice{CompetitionID: f.comp.ID,
		Title: "关于公布2025年度江苏省区域卓越产业链竞赛结果的通知", Issuer: "江苏省制造强省建设领导小组办公室",
		DocNumber: finishedDocNumber, Addressees: "各设区市制造强省建设领导小组办公室，省有关部门和单位",
		Body: "经申报、评审、公示，现将2025年度江苏省区域卓越产业链竞赛入选名单予以公布（名单见附件）。"})
	return err
}
