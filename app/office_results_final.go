package app

import (
	"fmt"
	"net/http"

	"chainjudge/app/results"
	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// finalPage is a competition's final ranking with the winners marked.
type finalPage struct {
	Competition store.Competition
	Final       *results.FinalResult
	Rows        []finalRow
	Winners     int
	Limit       int
	Published   bool
	// Publicity is the standing 公示, if any (it freezes the list).
	Publicity *store.Notice
}

// finalRow is one finalist.
type finalRow struct {
	E           *results.FinalEntry
	Score       string
	StageScores []string
	Winner      bool
}

// handleFinalRanking shows the final ranking: stage scores, the final score
// and its steps, the rank with its tie note, whether the selection rule
// proposes the entry, and the winners the office marked.
func (s *Server) handleFinalRanking(c echo.Context) error {
	comp, _, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	final, fr, err := s.store.ComputeFinalResult(ctx, comp.ID)
	if err != nil {
		return err
	}
	winners, err := s.store.FindWinners(ctx, comp.ID)
	if err != nil {
		return err
	}
	isWinner := map[int64]bool{}
	for _, w := range winners {
		isWinner[w.DossierID] = true
	}
	p := finalPage{Competition: *comp, Final: final, Winners: len(winners), Limit: fr.Rubric.Final.Selection.TopN,
		Published: comp.Status == store.CompetitionPublished}
	for i := range final.Entries {
		e := &final.Entries[i]
		row := finalRow{E: e, Score: "—", Winner: isWinner[e.ID]}
		if e.Score.Valid {
			row.Score = decText(e.Score.Decimal, final.Decimals)
		}
		for _, sc := range e.StageScores {
			text := "—"
			if sc.Valid {
				text = sc.Decimal.String()
			}
			row.StageScores = append(row.StageScores, text)
		}
		p.Rows = append(p.Rows, row)
	}
	pubs, err := s.store.FindNotices(ctx, store.NoticeFilter{CompetitionID: comp.ID, Kind: store.NoticePublicity, Status: store.NoticeActive})
	if err != nil {
		return err
	}
	if len(pubs) > 0 {
		p.Publicity = &pubs[0]
	}
	return s.render(c, http.StatusOK, "office_result_final.html", comp.Name+" · 最终排名", p)
}

// handleWinnerMark marks finalists as winners: one (dossier) or every entry
// the selection rule proposes (all=1).
func (s *Server) handleWinnerMark(c echo.Context) error {
	comp, _, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	final, fr, err := s.store.ComputeFinalResult(ctx, comp.ID)
	if err != nil {
		return err
	}
	actor := store.UserActor(currentUser(c))
	limit := fr.Rubric.Final.Selection.TopN
	mark := func(e *results.FinalEntry) error {
		if e.Vetoed || e.Rank == 0 {
			return fmt.Errorf("%s 没有有效的最终得分或已被否决，不能入选: %w", e.Key, store.ErrConflict)
		}
		return s.store.MarkWinner(ctx, actor, store.WinnerMark{CompetitionID: comp.ID, DossierID: e.ID, Rank: e.Rank,
			Score: decText(e.Score.Decimal, final.Decimals), Limit: limit, Note: trimmed(c, "note")})
	}
	back := fmt.Sprintf("/office/competitions/%d/final", comp.ID)
	if c.FormValue("all") == "1" {
		winners, err := s.store.FindWinners(ctx, comp.ID)
		if err != nil {
			return err
		}
		if len(winners) > 0 {
			return redirectWith(c, back, "error", "已有入选名单，请逐个调整。")
		}
		n := 0
		for i := range final.Entries {
			if e := &final.Entries[i]; e.Advances {
				if err := mark(e); err != nil {
					return err
				}
				n++
			}
		}
		return redirectWith(c, back, "", fmt.Sprintf("已按入选规则确定 %d 个入选。", n))
	}
	dossierID, _ := formInt64(c, "dossier")
	var entry *results.FinalEntry
	for i := range final.Entries {
		if final.Entries[i].ID == dossierID {
			entry = &final.Entries[i]
		}
	}
	if entry == nil {
		return errNotFound
	}
	if err := mark(entry); err != nil {
		return err
	}
	return redirectWith(c, back, "", entry.Key+" 已确定入选。")
}

// handleWinnerUnmark takes a dossier off the winners, with a reason.
func (s *Server) handleWinnerUnmark(c echo.Context) error {
	comp, _, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	dossierID, err := paramID(c, "dossier")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	d, err := s.store.FindDossierByID(ctx, dossierID)
	if err != nil || d.CompetitionID != comp.ID {
		return errNotFound
	}
	if err := s.store.UnmarkWinner(ctx, store.UserActor(currentUser(c)), comp.ID, d.ID, trimmed(c, "reason")); err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/competitions/%d/final", comp.ID), "", store.DossierKey(d)+" 已取消入选。")
}
