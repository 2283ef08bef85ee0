package app

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"chainjudge/app/account"
	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// loadFlag finds the :flag of the expert's sheet context.
func (s *Server) loadFlag(c echo.Context, sc *sheetContext) (*store.ScoreFlag, *rubrics.Criterion, error) {
	id, err := paramID(c, "flag")
	if err != nil {
		return nil, nil, err
	}
	f, err := s.store.FindFlagByID(c.Request().Context(), id)
	if err != nil {
		return nil, nil, err
	}
	if f.ExpertID != currentUser(c).ID || f.DossierID != sc.Dossier.ID || f.StageID != sc.Stage.ID {
		return nil, nil, store.ErrNotFound
	}
	cr := sc.Rules.Criterion(f.CriterionID)
	if cr == nil {
		return nil, nil, store.ErrNotFound
	}
	if sc.Stage.Status != store.StageOpen {
		return nil, nil, fmt.Errorf("阶段已关闭，不能再处理评分提示: %w", store.ErrConflict)
	}
	return f, cr, nil
}

// handleFlagJustify records the expert's written reason for a flagged score.
func (s *Server) handleFlagJustify(c echo.Context) error {
	sc, err := s.loadSheet(c)
	if err != nil {
		return err
	}
	f, cr, err := s.loadFlag(c, sc)
	if err != nil {
		return err
	}
	reason := strings.TrimSpace(c.FormValue("reason"))
	switch n := utf8.RuneCountInString(reason); {
	case n < 5:
		return s.renderSheet(c, http.StatusUnprocessableEntity, sc, sc.Values,
			FieldErrors{flagField(f.ID): "请写明确认该评分的理由（至少 5 个字）"}, "")
	case n > maxCommentChars:
		return s.renderSheet(c, http.StatusUnprocessableEntity, sc, sc.Values,
			FieldErrors{flagField(f.ID): fmt.Sprintf("理由不能超过 %d 字", maxCommentChars)}, "")
	}
	version, _ := formInt64(c, "flag_version")
	if err := s.store.JustifyFlag(c.Request().Context(), store.UserActor(currentUser(c)), f.ID, f.ExpertID, version, reason); err != nil {
		return err
	}
	return redirectWith(c, sc.Path(), "", "已记录您对“"+cr.Name+"”评分的说明。")
}

// handleFlagRevise changes a flagged score on the signed sheet; the expert
// signs again with their password and the flags are recomputed.
func (s *Server) handleFlagRevise(c echo.Context) error {
	sc, err := s.loadSheet(c)
	if err != nil {
		return err
	}
	f, cr, err := s.loadFlag(c, sc)
	if err != nil {
		return err
	}
	if f.Status != store.FlagOpen {
		return fmt.Errorf("该提示已%s: %w", f.Status.Label(), store.ErrConflict)
	}
	old := sc.Values[cr.ID]
	m, err := cr.CheckInput(rubrics.Input{Points: trimmed(c, "points"), Grade: trimmed(c, "grade")})
	field := flagField(f.ID)
	if err != nil {
		return s.renderSheet(c, http.StatusUnprocessableEntity, sc, sc.Values, FieldErrors{field: inputMessage(err)}, "")
	}
	v := store.SheetValue{CriterionID: cr.ID, Points: m.Points.String(), Grade: m.Grade, Comment: old.Comment}
	if v.Points == old.Points && v.Grade == old.Grade {
		return s.renderSheet(c, http.StatusUnprocessableEntity, sc, sc.Values,
			FieldErrors{field: "新分值与原分值相同；如确认原评分，请在上方写明理由"}, "")
	}
	u := currentUser(c)
	if !account.CheckPassword(u.PasswordHash, c.FormValue("password")) {
		return s.renderSheet(c, http.StatusUnprocessableEntity, sc, sc.Values, FieldErrors{field: "密码不正确，评分未修改"}, "")
	}
	version, _ := formInt64(c, "version")
	flagVersion, _ := formInt64(c, "flag_version")
	ctx := c.Request().Context()
	actor := store.UserActor(u)
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if _, err := tx.ReviseSheetValue(ctx, actor, sc.Sheet.ID, version, sc.Stage.RubricHash, v); err != nil {
			return err
		}
		if err := tx.MarkFlagRevised(ctx, actor, f.ID, flagVersion, v.Points); err != nil {
			return err
		}
		return review.RefreshFlags(ctx, tx, actor, sc.Stage, sc.Rules, sc.Dossier.ID)
	})
	if err != nil {
		return err
	}
	return redirectWith(c, sc.Path(), "", fmt.Sprintf("“%s”的评分已由 %s 改为 %s 并重新签名。", cr.Name, old.Points, v.Points))
}

// flagField is the form field of a flag's reason or revision.
func flagField(id int64) string { return "flag:" + strconv.FormatInt(id, 10) }
