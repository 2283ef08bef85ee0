package app

import (
	"context"

	"chainjudge/app/dossier"
)

// reviewerView is the dossier as the expert reads it: the filed content in
// the stage's order (the dossiers' own view), masked in a blind stage, with
// the attachments opening in the expert's viewer otherwise.
func (s *Server) reviewerView(ctx context.Context, sc *sheetContext) (dossier.View, dossier.Content, error) {
	dc, err := s.loadDossierCtx(ctx, sc.Dossier)
	if err != nil {
		return dossier.View{}, dossier.Content{}, err
	}
	return dc.View(sc.Rules.BlindReview, sc.Path()+"/attachments/"), dc.Content, nil
}
