package app

import (
	"fmt"
	"net/http"

	"chainjudge/app/account"
	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// signRow is one answer on the signing page.
type signRow struct {
	Group, Name string
	Answer      string
	Comment     string
}

type signPage struct {
	Path       string
	Title      string
	Stage      store.Stage
	Rows       []signRow
	Overall    string
	Total, Max string
	Version    int64
	Error      string
}

// answerText shows one answer in words.
func answerText(cr *rubrics.Criterion, v store.SheetValue) string {
	switch cr.Kind {
	case rubrics.KindPoints:
		return v.Points + " 分（满分 " + cr.Max.String() + "）"
	case rubrics.KindGrades:
		return v.Grade + "，" + v.Points + " 分（满分 " + cr.Max.String() + "）"
	case rubrics.KindVeto:
		if v.Veto == "yes" {
			return "是（否决）：" + v.VetoReason
		}
		return "否"
	}
	return ""
}

func (s *Server) renderSign(c echo.Context, status int, sc *sheetContext, errMsg string) error {
	if err := s.describeSheet(c.Request().Context(), sc); err != nil {
		return err
	}
	p := signPage{Path: sc.Path(), Title: sc.Info.BlindLabel(), Stage: *sc.Stage, Version: sc.Version(), Error: errMsg,
		Overall: sc.Values[store.OverallCriterion].Comment}
	if !sc.Rules.BlindReview {
		p.Title = sc.Dossier.Title
	}
	for gi := range sc.Rules.Groups {
		g := &sc.Rules.Groups[gi]
		for ci := range g.Criteria {
			cr := &g.Criteria[ci]
			if !cr.Kind.ScoredByExperts() {
				continue
			}
			v := sc.Values[cr.ID]
			p.Rows = append(p.Rows, signRow{Group: g.Name, Name: cr.Name, Answer: answerText(cr, v), Comment: v.Comment})
		}
	}
	total, max := sheetTotal(sc.Rules, sc.Values)
	p.Total, p.Max = total.String(), max.String()
	return s.render(c, status, "expert_sign.html", "签名提交评分表", p)
}

// signable sends the expert back to the sheet when it cannot be signed yet.
func (s *Server) signable(c echo.Context, sc *sheetContext) error {
	switch {
	case sc.Sheet == nil || missingAnswers(sc.Rules, sc.Values).Any():
		return redirectWith(c, sc.Path(), "error", "评分表尚未填写完整，不能签名提交。")
	case sc.Sheet.Status == store.SheetSubmitted:
		return redirectWith(c, sc.Path(), "", "评分表已签名提交。")
	}
	return nil
}

// handleSignPage shows the answers for a last check and asks for the
// expert's password.
func (s *Server) handleSignPage(c echo.Context) error {
	sc, err := s.loadSheet(c)
	if err != nil {
		return err
	}
	if !sc.Stage.ReviewsAt(s.now()) {
		return reviewClosed(sc.Stage)
	}
	if sc.Sheet == nil || sc.Sheet.Status != store.SheetDraft || missingAnswers(sc.Rules, sc.Values).Any() {
		return s.signable(c, sc)
	}
	return s.renderSign(c, http.StatusOK, sc, "")
}

// handleSign signs and locks the sheet once the expert's password checks
// out; when the dossier's last sheet is signed the 畸高/畸低 flags are
// computed.
func (s *Server) handleSign(c echo.Context) error {
	sc, err := s.loadSheet(c)
	if err != nil {
		return err
	}
	if !sc.Stage.ReviewsAt(s.now()) {
		return reviewClosed(sc.Stage)
	}
	if sc.Sheet == nil || sc.Sheet.Status != store.SheetDraft || missingAnswers(sc.Rules, sc.Values).Any() {
		return s.signable(c, sc)
	}
	u := currentUser(c)
	if !account.CheckPassword(u.PasswordHash, c.FormValue("password")) {
		return s.renderSign(c, http.StatusUnprocessableEntity, sc, "密码不正确，评分表未提交。")
	}
	version, _ := formInt64(c, "version")
	ctx := c.Request().Context()
	actor := store.UserActor(u)
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if _, err := tx.SubmitSheet(ctx, actor, sc.Sheet.ID, version); err != nil {
			return err
		}
		return review.RefreshFlags(ctx, tx, actor, sc.Stage, sc.Rules, sc.Dossier.ID)
	})
	if err != nil {
		return err
	}
	if err := s.describeSheet(ctx, sc); err != nil {
		return err
	}
	return redirectWith(c, sc.Path(), "", fmt.Sprintf("评分表已签名提交并锁定（%s）。", sc.Info.BlindLabel()))
}
