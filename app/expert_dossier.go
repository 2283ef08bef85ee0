package app

import (
	"chainjudge/app/dossier"
	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/rubrics"
)

// reviewerView lays out a dossier's content for an expert in the stage's
// order, masked when the stage is blind.
func reviewerView(info *review.DossierInfo, full *store.Dossier, rs *rubrics.Stage) (dossier.View, error) {
	content, err := dossier.Parse(full.Content)
	if err != nil {
		return dossier.View{}, err
	}
	meta := dossier.Meta{ID: full.ID, Number: full.NumberString(), Title: full.Title, Chain: info.Chain,
		Cluster: info.Cluster, Core: info.Core, Collab: info.Collab, HideTerms: info.Cities}
	v := dossier.BuildView(meta, content, rs, nil)
	if rs.BlindReview {
		v = dossier.Masked(v)
	}
	return v, nil
}
