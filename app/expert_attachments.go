package app

import (
	"fmt"
	"mime"
	"net/http"

	"chainjudge/app/files"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// handleExpertAttachment shows one attachment of a dossier the expert
// scores, inline in the browser (one file at a time; nothing is offered as
// a bundle). Blind stages withhold attachments, and an expert not standing
// on the dossier gets 404 like for the dossier itself.
func (s *Server) handleExpertAttachment(c echo.Context) error {
	sc, err := s.loadSheet(c)
	if err != nil {
		return err
	}
	if sc.Rules.BlindReview {
		return store.ErrNotFound
	}
	aid, err := paramID(c, "aid")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	a, err := s.store.FindAttachment(ctx, sc.Dossier.ID, aid)
	if err != nil {
		return err
	}
	storage, err := s.storageOf(a)
	if err != nil {
		return err
	}
	data, err := storage.Get(ctx, a.SHA256)
	if err != nil {
		return fmt.Errorf("read attachment %d: %w", a.ID, err)
	}
	if files.SHA256(data) != a.SHA256 {
		return fmt.Errorf("attachment %d: stored bytes do not match their sha256 %s", a.ID, a.SHA256)
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": a.FileName}))
	h.Set("Cache-Control", "private, no-store")
	return c.Blob(http.StatusOK, files.ContentType(rubrics.FileKind(a.Kind)), data)
}
