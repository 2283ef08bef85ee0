package app

import (
	"fmt"
	"net/http"
	"unicode/utf8"

	"chainjudge/app/review"
	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// handleSheetRecuse records the expert's declared conflict (回避) with a
// reason: the expert leaves the dossier and, by the draw's rules, another
// panel member or the next alternate takes it over. The expert cannot open
// the dossier afterwards.
func (s *Server) handleSheetRecuse(c echo.Context) error {
	sc, err := s.loadSheet(c)
	if err != nil {
		return err
	}
	if sc.Stage.Status != store.StageOpen {
		return fmt.Errorf("阶段“%s”%s，不能再声明回避: %w", sc.Stage.Name, sc.Stage.Status.Label(), store.ErrConflict)
	}
	reason := trimmed(c, "recuse_reason")
	switch n := utf8.RuneCountInString(reason); {
	case n < 4:
		return s.renderSheet(c, http.StatusUnprocessableEntity, sc, sc.Values,
			FieldErrors{"recuse_reason": "请写明回避理由（至少 4 个字），例如与申报地区或企业的关系"}, "")
	case n > maxCommentChars:
		return s.renderSheet(c, http.StatusUnprocessableEntity, sc, sc.Values,
			FieldErrors{"recuse_reason": fmt.Sprintf("回避理由不能超过 %d 字", maxCommentChars)}, "")
	}
	ctx := c.Request().Context()
	if err := s.describeSheet(ctx, sc); err != nil {
		return err
	}
	if _, err := s.store.RecuseAssignment(ctx, store.UserActor(currentUser(c)), sc.Assignment.ID, reason, review.ChooseTakeover(ctx)); err != nil {
		return err
	}
	return redirectWith(c, "/expert", "", "已声明回避（"+sc.Info.BlindLabel()+"），该申报将由其他专家评审，您不能再查看。")
}
