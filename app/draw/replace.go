package draw

import "fmt"

// Panel is the state of a drawn panel when someone leaves a dossier.
type Panel struct {
	// Members are the panel in rank order, promoted alternates last.
	Members []int64
	// Alternates are the alternates not yet promoted, in order.
	Alternates []int64
	// Assigned are the panel's active assignments.
	Assigned []Pair
	// Loads counts each expert's active assignments in the whole stage.
	Loads map[int64]int
	// Declined are declared conflicts (回避) in the stage: never reassigned.
	Declined []Pair
	// Unavailable are experts disabled since the draw.
	Unavailable map[int64]bool
}

// Replacement is who takes over a dossier.
type Replacement struct {
	Expert int64
	// Promoted is true when an alternate joins the panel.
	Promoted bool
	// Reason says how the replacement was chosen, in Chinese, for the log.
	Reason string
}

// Replace picks who takes over dossierID after an expert left it (a declared
// conflict). First choice: the panel member with the fewest dossiers in the
// stage who may score it, is not on it already and is under the load cap
// (ties go to the earlier-drawn member). Otherwise the first alternate in
// order who may score it, keeps the organisation quota and is under the cap
// is promoted. The rules are those of the recorded draw (in). When nobody
// qualifies the answer is an *Error.
func Replace(in Input, p Panel, dossierID int64) (Replacement, error) {
	in = in.Normalized()
	cons := in.Constraints
	cons.Excluded = append(append([]Pair(nil), cons.Excluded...), p.Declined...)
	k := newChecker(cons)
	var d *Dossier
	for i := range in.Dossiers {
		if in.Dossiers[i].ID == dossierID {
			d = &in.Dossiers[i]
		}
	}
	if d == nil {
		return Replacement{}, refuse("", "该申报不在此次抽取的范围内")
	}
	byID := make(map[int64]*Candidate, len(in.Pool))
	for i := range in.Pool {
		byID[in.Pool[i].ID] = &in.Pool[i]
	}
	onDossier := map[int64]bool{}
	for _, a := range p.Assigned {
		if a.Dossier == dossierID {
			onDossier[a.Expert] = true
		}
	}
	underCap := func(id int64) bool { return cons.MaxLoad <= 0 || p.Loads[id] < cons.MaxLoad }
	usable := func(id int64) bool {
		c := byID[id]
		return c != nil && !p.Unavailable[id] && !onDossier[id] && underCap(id) && k.eligible(c, d)
	}

	best := int64(0)
	for _, id := range p.Members {
		if usable(id) && (best == 0 || p.Loads[id] < p.Loads[best]) {
			best = id
		}
	}
	if best != 0 {
		return Replacement{Expert: best, Reason: fmt.Sprintf("由专家组成员%s接替（本阶段已评 %d 份，为可接替成员中最少）",
			byID[best].Name, p.Loads[best])}, nil
	}
	orgs := map[string]int{}
	for _, id := range p.Members {
		if c := byID[id]; c != nil {
			orgs[c.Organisation]++
		}
	}
	for _, id := range p.Alternates {
		c := byID[id]
		if c == nil || !usable(id) {
			continue
		}
		if cons.MaxPerOrg > 0 && c.Organisation != "" && orgs[c.Organisation] >= cons.MaxPerOrg {
			continue
		}
		return Replacement{Expert: id, Promoted: true,
			Reason: fmt.Sprintf("专家组成员均不能接替，由排序最前的可用备选专家%s递补", c.Name)}, nil
	}
	return Replacement{}, refuse("", fmt.Sprintf("专家组成员和备选专家中都没有能接替评审“%s”的专家；请为该申报补充抽取", d.Label))
}
