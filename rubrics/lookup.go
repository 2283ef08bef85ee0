package rubrics

// Stage returns the stage with the id, or nil.
func (r *Rubric) Stage(id string) *Stage {
	if i := r.StageIndex(id); i >= 0 {
		return &r.Stages[i]
	}
	return nil
}

// StageIndex returns the position of the stage with the id, or −1.
func (r *Rubric) StageIndex(id string) int {
	for i := range r.Stages {
		if r.Stages[i].ID == id {
			return i
		}
	}
	return -1
}

// NextStage returns the stage after the one with the id, or nil for the last
// stage or an unknown id.
func (r *Rubric) NextStage(id string) *Stage {
	i := r.StageIndex(id)
	if i < 0 || i+1 >= len(r.Stages) {
		return nil
	}
	return &r.Stages[i+1]
}

// WeightTotal returns the sum of the weights of the weighted stages (100 or
// 1 in a valid rubric); divide a stage's weight by it to get its share.
func (r *Rubric) WeightTotal() Decimal {
	var sum Decimal
	for _, st := range r.Stages {
		if st.Mode == ModeWeighted {
			sum = sum.Add(st.Weight)
		}
	}
	return sum
}

// Weighted reports whether the stage's score enters the final score.
func (st *Stage) Weighted() bool { return st.Mode == ModeWeighted }

// Group returns the 一级指标 with the id, or nil.
func (st *Stage) Group(id string) *Group {
	for g := range st.Groups {
		if st.Groups[g].ID == id {
			return &st.Groups[g]
		}
	}
	return nil
}

// Criterion returns the 二级指标 with the id, or nil.
func (st *Stage) Criterion(id string) *Criterion {
	for g := range st.Groups {
		if c := st.Groups[g].Criterion(id); c != nil {
			return c
		}
	}
	return nil
}

// GroupOf returns the 一级指标 holding the criterion with the id, or nil.
func (st *Stage) GroupOf(criterionID string) *Group {
	for g := range st.Groups {
		if st.Groups[g].Criterion(criterionID) != nil {
			return &st.Groups[g]
		}
	}
	return nil
}

// Criteria returns every 二级指标 of the stage in file order. The pointers
// point into the stage, so edits through them change the rubric.
func (st *Stage) Criteria() []*Criterion {
	var out []*Criterion
	for g := range st.Groups {
		for c := range st.Groups[g].Criteria {
			out = append(out, &st.Groups[g].Criteria[c])
		}
	}
	return out
}

// ExpertCriteria returns the criteria experts score (points, grades, veto).
func (st *Stage) ExpertCriteria() []*Criterion {
	var out []*Criterion
	for _, c := range st.Criteria() {
		if c.Kind.ScoredByExperts() {
			out = append(out, c)
		}
	}
	return out
}

// ObjectiveCriteria returns the criteria computed from indicators.
func (st *Stage) ObjectiveCriteria() []*Criterion {
	var out []*Criterion
	for _, c := range st.Criteria() {
		if c.Kind == KindObjective {
			out = append(out, c)
		}
	}
	return out
}

// Indicator returns the stage's indicator with the id, or nil.
func (st *Stage) Indicator(id string) *Indicator {
	for j := range st.Requirements.Indicators {
		if st.Requirements.Indicators[j].ID == id {
			return &st.Requirements.Indicators[j]
		}
	}
	return nil
}

// Section returns the stage's narrative section with the id, or nil.
func (st *Stage) Section(id string) *Section {
	for j := range st.Requirements.Sections {
		if st.Requirements.Sections[j].ID == id {
			return &st.Requirements.Sections[j]
		}
	}
	return nil
}

// Attachment returns the stage's attachment requirement with the id, or nil.
func (st *Stage) Attachment(id string) *Attachment {
	for j := range st.Requirements.Attachments {
		if st.Requirements.Attachments[j].ID == id {
			return &st.Requirements.Attachments[j]
		}
	}
	return nil
}

// Criterion returns the group's criterion with the id, or nil.
func (g *Group) Criterion(id string) *Criterion {
	for c := range g.Criteria {
		if g.Criteria[c].ID == id {
			return &g.Criteria[c]
		}
	}
	return nil
}

// Grade returns the criterion's grade with the label, or nil.
func (c *Criterion) Grade(label string) *Grade {
	for j := range c.Grades {
		if c.Grades[j].Label == label {
			return &c.Grades[j]
		}
	}
	return nil
}
