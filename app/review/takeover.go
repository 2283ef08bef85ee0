package review

import (
	"context"
	"errors"

	"chainjudge/app/draw"
	"chainjudge/app/store"
)

// ChooseTakeover is the store.RecuseAssignment callback: it applies the
// recorded draw's rules (draw.Replace) to the panel as it stands now.
func ChooseTakeover(ctx context.Context) func(tx *store.Store, a *store.Assignment) (store.Takeover, error) {
	return func(tx *store.Store, a *store.Assignment) (store.Takeover, error) {
		d, err := tx.FindDrawByID(ctx, a.DrawID)
		if err != nil {
			return store.Takeover{}, err
		}
		in, _, err := Recorded(d)
		if err != nil {
			return store.Takeover{}, err
		}
		members, err := tx.FindPanelMembers(ctx, d.ID)
		if err != nil {
			return store.Takeover{}, err
		}
		assigned, err := tx.FindAssignments(ctx, store.AssignmentFilter{DrawID: d.ID, Statuses: []store.AssignmentStatus{store.AssignmentActive}})
		if err != nil {
			return store.Takeover{}, err
		}
		loads, err := tx.StageLoads(ctx, a.StageID)
		if err != nil {
			return store.Takeover{}, err
		}
		declined, err := declinedPairs(ctx, tx, a.StageID)
		if err != nil {
			return store.Takeover{}, err
		}
		p := draw.Panel{Loads: loads, Declined: declined, Unavailable: map[int64]bool{}}
		for _, m := range members {
			if m.Role == store.RoleMember {
				p.Members = append(p.Members, m.ExpertID)
			} else {
				p.Alternates = append(p.Alternates, m.ExpertID)
			}
			prof, err := tx.FindExpertProfile(ctx, m.ExpertID)
			if err != nil || prof.User.Disabled || !prof.Expert.Enabled {
				p.Unavailable[m.ExpertID] = true
			}
		}
		for _, x := range assigned {
			p.Assigned = append(p.Assigned, draw.Pair{Expert: x.ExpertID, Dossier: x.DossierID})
		}
		rep, err := draw.Replace(in, p, a.DossierID)
		var de *draw.Error
		if errors.As(err, &de) {
			return store.Takeover{Note: de.Message}, nil
		}
		if err != nil {
			return store.Takeover{}, err
		}
		return store.Takeover{ExpertID: rep.Expert, Promoted: rep.Promoted, Note: rep.Reason}, nil
	}
}
