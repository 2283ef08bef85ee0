package draw

// Conflict reports whether an expert living in home must keep away from the
// dossier, and the area that causes it. The rule (回避): nobody from a region
// involved in the dossier — the expert's home region is one of its areas, or
// the city of one (a county or zone bid involves its city), or the expert's
// home city is itself one of the areas (a city bid involves its counties and
// zones). Two counties of the same city do not conflict with each other.
// An unknown home (zero) never conflicts.
func Conflict(home Place, d *Dossier) (Area, bool) {
	if home.Region == 0 {
		return Area{}, false
	}
	for _, a := range d.Areas {
		if home.Region == a.Region || home.Region == a.City || (home.City != 0 && home.City == a.Region) {
			return a, true
		}
	}
	return Area{}, false
}

// ConflictReason is Conflict's answer as a Chinese sentence, or "".
func ConflictReason(home Place, d *Dossier) string {
	a, ok := Conflict(home, d)
	if !ok {
		return ""
	}
	role := "协同区"
	if a.Core {
		role = "核心区"
	}
	switch {
	case home.Region == a.Region:
		return "常住地区是该申报的" + role
	case home.Region == a.City:
		return "常住地区是该申报" + role + "所在的设区市"
	}
	return "常住地区所在的设区市是该申报的" + role
}

// checker answers whether an expert may score a dossier under constraints.
type checker struct {
	cons     Constraints
	excluded map[Pair]bool
}

func newChecker(cons Constraints) *checker {
	k := &checker{cons: cons, excluded: make(map[Pair]bool, len(cons.Excluded))}
	for _, p := range cons.Excluded {
		k.excluded[p] = true
	}
	return k
}

// reason is "" when c may score d, else why not.
func (k *checker) reason(c *Candidate, d *Dossier) string {
	if r := ConflictReason(c.Home, d); r != "" {
		return r
	}
	if k.excluded[Pair{Expert: c.ID, Dossier: d.ID}] {
		return "已声明回避"
	}
	if k.cons.MatchExpertise && !c.Covers(d.Chain) {
		return "专业领域不含该申报的产业链"
	}
	return ""
}

func (k *checker) eligible(c *Candidate, d *Dossier) bool { return k.reason(c, d) == "" }

// capacity is how many more dossiers c may take in the stage; -1 = no cap.
func (k *checker) capacity(c *Candidate) int {
	if k.cons.MaxLoad <= 0 {
		return -1
	}
	return max(k.cons.MaxLoad-c.Load, 0)
}

// Eligible reports whether the expert may score the dossier under the
// constraints, and if not, why (in Chinese). Load is not considered.
func Eligible(c Candidate, d Dossier, cons Constraints) (bool, string) {
	r := newChecker(cons).reason(&c, &d)
	return r == "", r
}
