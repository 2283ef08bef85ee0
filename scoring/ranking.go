package scoring

import (
	"fmt"
	"slices"
	"strings"
)

// Tie-break key names that ScoreStage fills in for every dossier.
const (
	// KeyMedian is the median of the judges' own totals.
	KeyMedian = "median"
	// KeyJudgeTotalsMean is the comparison figure DossierTotal.JudgeTotalsMean.
	KeyJudgeTotalsMean = "judge_totals_mean"
)

// KeyCriterion is the tie-break key of a criterion's points.
func KeyCriterion(id string) string { return "criterion:" + id }

// KeyStage is the tie-break key of a stage's score, which callers supply.
func KeyStage(id string) string { return "stage:" + id }

// TieBreak is one rule of a tie-break chain: compare entrants with equal
// scores by the value stored under Key, higher first unless Ascending.
type TieBreak struct {
	Key string
	// Label names the rule in Chinese on result pages, e.g. "指标“协同创新力”得分".
	Label string
	// Ascending puts the lower value first (e.g. a count of deductions).
	Ascending bool
}

// TieBreakCriterion breaks ties by a criterion's points.
func TieBreakCriterion(id, name string) TieBreak {
	return TieBreak{Key: KeyCriterion(id), Label: fmt.Sprintf("指标“%s”得分", name)}
}

// TieBreakStage breaks ties by a stage's score.
func TieBreakStage(id, name string) TieBreak {
	return TieBreak{Key: KeyStage(id), Label: fmt.Sprintf("“%s”阶段得分", name)}
}

// TieBreakMedian breaks ties by the median of the judges' totals.
func TieBreakMedian() TieBreak { return TieBreak{Key: KeyMedian, Label: "评委总分中位数"} }

// label returns the rule's label, or its key.
func (t TieBreak) label() string {
	if t.Label != "" {
		return t.Label
	}
	return t.Key
}

// Entrant is one competitor to rank.
type Entrant struct {
	ID string
	// Score is the total ranked on, higher first; absent means unranked.
	Score NullDecimal
	// Keys holds the tie-break values; every key of the chain must be
	// present for an entrant that ties on Score.
	Keys map[string]Decimal
}

// Placement is an entrant's place and how it was decided.
type Placement struct {
	ID    string
	Score NullDecimal
	// Rank is the standard competition rank ("1224"); 0 when unranked.
	Rank int
	// TiedOnScore lists, sorted, every entrant with this score, this one
	// included; nil when the score is not shared. Entrants of one tie share
	// the slice: do not modify it.
	TiedOnScore []string
	// DecidedBy is the deepest tie-break rule that was needed to separate
	// this entrant from an entrant it tied with on score; Decided says one
	// was needed.
	DecidedBy TieBreak
	Decided   bool
	// SharedWith lists, sorted, the entrants still equal after every rule,
	// this one included; they share Rank. Nil when the place is not shared.
	SharedWith []string
}

// Ranked reports whether the entrant has a place.
func (p Placement) Ranked() bool { return p.Rank > 0 }

// LastPlace is the last place a shared rank covers: Rank for a place of its
// own, Rank + 1 for two entrants sharing it, and so on.
func (p Placement) LastPlace() int {
	if len(p.SharedWith) == 0 {
		return p.Rank
	}
	return p.Rank + len(p.SharedWith) - 1
}

// Note explains the place in one Chinese sentence; empty when the score alone
// decided it.
func (p Placement) Note() string {
	if !p.Ranked() {
		return "无有效得分，不参与排名"
	}
	if len(p.TiedOnScore) == 0 {
		return ""
	}
	head := fmt.Sprintf("与 %s 总分同为 %s", joinNames(others(p.TiedOnScore, p.ID)), p.Score.Decimal)
	shared := others(p.SharedWith, p.ID)
	switch {
	case p.Decided && len(shared) > 0:
		return fmt.Sprintf("%s，按“%s”等规则比较后与 %s 仍完全相同，并列第 %d 名", head, p.DecidedBy.label(), joinNames(shared), p.Rank)
	case p.Decided:
		return fmt.Sprintf("%s，按“%s”决出，列第 %d 名", head, p.DecidedBy.label(), p.Rank)
	}
	return fmt.Sprintf("%s，各项决胜规则均相同，并列第 %d 名", head, p.Rank)
}

// others returns ids without self.
func others(ids []string, self string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != self {
			out = append(out, id)
		}
	}
	return out
}

// Rank places entrants by standard competition ranking on Score, breaking
// ties by the chain in order and letting entrants that stay equal share a
// place. The result is aligned with entrants and does not depend on their
// order. IDs must be unique and non-empty.
func Rank(entrants []Entrant, chain []TieBreak) ([]Placement, error) {
	if err := checkChain(chain); err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(entrants))
	order := make([]int, 0, len(entrants))
	out := make([]Placement, len(entrants))
	for i, e := range entrants {
		if e.ID == "" || seen[e.ID] {
			return nil, fmt.Errorf("参评对象编号 %q 为空或重复 (empty or duplicate entrant id)", e.ID)
		}
		seen[e.ID] = true
		out[i] = Placement{ID: e.ID, Score: e.Score}
		if e.Score.Valid {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := entrants[b].Score.Decimal.Cmp(entrants[a].Score.Decimal); c != 0 {
			return c
		}
		return strings.Compare(entrants[a].ID, entrants[b].ID)
	})
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && entrants[order[end]].Score.Decimal == entrants[order[start]].Score.Decimal {
			end++
		}
		if err := placeGroup(entrants, chain, order[start:end], start+1, out); err != nil {
			return nil, err
		}
		start = end
	}
	return out, nil
}

// checkChain refuses empty or repeated keys.
func checkChain(chain []TieBreak) error {
	seen := make(map[string]bool, len(chain))
	for _, t := range chain {
		if t.Key == "" || seen[t.Key] {
			return fmt.Errorf("决胜规则的键 %q 为空或重复 (empty or duplicate tie-break key)", t.Key)
		}
		seen[t.Key] = true
	}
	return nil
}

// placeGroup ranks one group of entrants with equal scores, the first of
// which takes place `first`. It runs in O(g log g) for a group of g, so a
// large tie cannot blow up.
func placeGroup(entrants []Entrant, chain []TieBreak, group []int, first int, out []Placement) error {
	if len(group) == 1 {
		out[group[0]].Rank = first
		return nil
	}
	// Everyone in a tie must carry every key; the group is in id order here,
	// so the error does not depend on input order.
	for _, i := range group {
		for _, t := range chain {
			if _, ok := entrants[i].Keys[t.Key]; !ok {
				return fmt.Errorf("参评对象 %q 与他人同分，但缺少决胜规则“%s”的取值 %q (missing tie-break key)",
					entrants[i].ID, t.label(), t.Key)
			}
		}
	}
	// cmpAt compares two entrants on rule l (better first).
	cmpAt := func(a, b, l int) int {
		c := entrants[b].Keys[chain[l].Key].Cmp(entrants[a].Keys[chain[l].Key])
		if chain[l].Ascending {
			c = -c
		}
		return c
	}
	// firstDiff is the first rule on which two entrants differ, or len(chain).
	firstDiff := func(a, b int) int {
		for l := range chain {
			if cmpAt(a, b, l) != 0 {
				return l
			}
		}
		return len(chain)
	}
	slices.SortStableFunc(group, func(a, b int) int {
		if l := firstDiff(a, b); l < len(chain) {
			return cmpAt(a, b, l)
		}
		return 0
	})
	tied := make([]string, len(group))
	for k, i := range group {
		tied[k] = entrants[i].ID
	}
	slices.Sort(tied)
	// Entrants equal on every rule form contiguous blocks. In lexicographic
	// order the entrant outside a block that agrees longest with it is a
	// neighbour of the block, so the deciding rule is found from the two
	// neighbours alone.
	for start := 0; start < len(group); {
		end := start + 1
		for end < len(group) && firstDiff(group[start], group[end]) == len(chain) {
			end++
		}
		deepest := -1
		if start > 0 {
			deepest = firstDiff(group[start-1], group[start])
		}
		if end < len(group) {
			deepest = max(deepest, firstDiff(group[end-1], group[end]))
		}
		var shared []string
		if end-start > 1 {
			for _, i := range group[start:end] {
				shared = append(shared, entrants[i].ID)
			}
			slices.Sort(shared)
		}
		for _, i := range group[start:end] {
			p := &out[i]
			p.Rank, p.TiedOnScore, p.SharedWith = first+start, tied, shared
			if deepest >= 0 {
				p.Decided, p.DecidedBy = true, chain[deepest]
			}
		}
		start = end
	}
	return nil
}

// SortPlacements orders placements for display: by rank, unranked last, then
// by id.
func SortPlacements(ps []Placement) {
	slices.SortFunc(ps, func(a, b Placement) int {
		ra, rb := a.Rank, b.Rank
		if ra == 0 {
			ra = int(^uint(0) >> 1)
		}
		if rb == 0 {
			rb = int(^uint(0) >> 1)
		}
		if ra != rb {
			return ra - rb
		}
		return strings.Compare(a.ID, b.ID)
	})
}
