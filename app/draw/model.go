package draw

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
)

// Place is a region with its city (设区市): for a city both are the same.
type Place struct {
	Region int64 `json:"region"`
	City   int64 `json:"city"`
}

// Area is one region named in a dossier: its core area (核心区) or a
// collaborative area (协同区).
type Area struct {
	Place
	Core bool `json:"core,omitempty"`
}

// Candidate is one expert of the pool as it stood when the draw ran.
type Candidate struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Organisation string `json:"org"`
	// Home is where the expert lives and works; zero when unknown.
	Home Place `json:"home"`
	// Chains are the chains of the competition the expert's fields cover.
	Chains []int64 `json:"chains"`
	// Load is the number of dossiers already assigned to the expert in the
	// same stage by other draws; it counts against MaxLoad.
	Load int `json:"load"`
	// Enabled is false for experts paused from drawing or with a disabled
	// account; they stay in the snapshot so the record shows the whole pool.
	Enabled bool `json:"enabled"`
}

// Covers reports whether the expert's fields cover the chain.
func (c *Candidate) Covers(chain int64) bool { return slices.Contains(c.Chains, chain) }

// Dossier is one dossier to be scored by the panel.
type Dossier struct {
	ID int64 `json:"id"`
	// Label names the dossier in reasons, e.g. its number and chain.
	Label string `json:"label"`
	Chain int64  `json:"chain"`
	Areas []Area `json:"areas"`
	// Need is how many experts the dossier still needs from this draw; 0
	// means PerDossier. A supplementary draw (补充抽取) for a dossier left
	// short after declared conflicts asks for fewer.
	Need int `json:"need,omitempty"`
}

// need is how many experts the draw gives dossier d.
func (c Constraints) need(d *Dossier) int {
	if d.Need > 0 {
		return d.Need
	}
	return c.PerDossier
}

// Pair is one expert on one dossier.
type Pair struct {
	Expert  int64 `json:"expert"`
	Dossier int64 `json:"dossier"`
}

// Constraints are what the office asked for.
type Constraints struct {
	// Members is N, the panel size.
	Members int `json:"members"`
	// Alternates is M, the number of ordered alternates (备选专家).
	Alternates int `json:"alternates"`
	// PerDossier is how many experts score each dossier (the rubric's
	// experts_per_dossier).
	PerDossier int `json:"per_dossier"`
	// MaxPerOrg is K, the most members from one organisation; 0 = no limit.
	MaxPerOrg int `json:"max_per_org"`
	// MaxLoad caps the dossiers one expert scores in the stage; 0 = no cap.
	MaxLoad int `json:"max_load"`
	// MatchExpertise requires an expert's fields to cover a dossier's chain
	// before the expert may score it.
	MatchExpertise bool `json:"match_expertise"`
	// Excluded are pairs that must not be assigned (declared conflicts).
	Excluded []Pair `json:"excluded,omitempty"`
}

// Input is everything a draw depends on. It is recorded whole, so the draw
// can be re-run.
type Input struct {
	Seed        string      `json:"seed"`
	Constraints Constraints `json:"constraints"`
	Pool        []Candidate `json:"pool"`
	Dossiers    []Dossier   `json:"dossiers"`
}

// Normalized returns a copy in canonical order: pool and dossiers by id,
// chains and exclusions sorted. Run works on it, so the order in which the
// caller listed things never changes the result.
func (in Input) Normalized() Input {
	out := in
	out.Pool = make([]Candidate, len(in.Pool))
	for i, c := range in.Pool {
		c.Chains = slices.Clone(c.Chains)
		slices.Sort(c.Chains)
		c.Chains = slices.Compact(c.Chains)
		c.Organisation = strings.TrimSpace(c.Organisation)
		out.Pool[i] = c
	}
	slices.SortFunc(out.Pool, func(a, b Candidate) int { return cmpInt64(a.ID, b.ID) })
	out.Dossiers = make([]Dossier, len(in.Dossiers))
	for i, d := range in.Dossiers {
		d.Areas = slices.Clone(d.Areas)
		out.Dossiers[i] = d
	}
	slices.SortFunc(out.Dossiers, func(a, b Dossier) int { return cmpInt64(a.ID, b.ID) })
	out.Constraints.Excluded = slices.Clone(in.Constraints.Excluded)
	slices.SortFunc(out.Constraints.Excluded, comparePairs)
	out.Constraints.Excluded = slices.Compact(out.Constraints.Excluded)
	return out
}

// Hash is the SHA-256 of the normalised input as JSON: the fingerprint of
// the pool snapshot, dossiers, constraints and seed, shown with the draw.
func (in Input) Hash() string {
	b, err := json.Marshal(in.Normalized())
	if err != nil { // plain structs of numbers and strings always marshal
		panic(err)
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Outcome is what happened to a candidate in the draw.
type Outcome string

// The outcomes.
const (
	OutcomeIneligible Outcome = "ineligible" // set aside before the shuffle
	OutcomeMember     Outcome = "member"
	OutcomeAlternate  Outcome = "alternate"
	OutcomeSkipped    Outcome = "skipped"     // reached but passed over, with a reason
	OutcomeNotReached Outcome = "not_reached" // the panel was complete before their turn
)

// Label is the outcome's Chinese name.
func (o Outcome) Label() string {
	switch o {
	case OutcomeIneligible:
		return "不参加抽取"
	case OutcomeMember:
		return "抽中"
	case OutcomeAlternate:
		return "备选"
	case OutcomeSkipped:
		return "跳过"
	case OutcomeNotReached:
		return "未轮到"
	}
	return string(o)
}

// Step is one candidate's line in the draw record.
type Step struct {
	Expert  int64   `json:"expert"`
	Outcome Outcome `json:"outcome"`
	// Reason explains ineligible and skipped candidates, in Chinese.
	Reason string `json:"reason,omitempty"`
}

// Result is a completed draw.
type Result struct {
	Algorithm string `json:"algorithm"`
	// Order lists the shuffled candidates in draw order with their outcome.
	Order []Step `json:"order"`
	// Ineligible lists, in id order, the candidates set aside before the
	// shuffle.
	Ineligible []Step `json:"ineligible"`
	// Members are the panel in draw order; Alternates the ordered alternates.
	Members    []int64 `json:"members"`
	Alternates []int64 `json:"alternates"`
	// Assignments give every dossier exactly its need of members, sorted by
	// dossier id and then by the member's place in the draw.
	Assignments []Pair `json:"assignments"`
}

// Loads counts each member's dossiers in the result.
func (r *Result) Loads() map[int64]int {
	out := make(map[int64]int, len(r.Members))
	for _, p := range r.Assignments {
		out[p.Expert]++
	}
	return out
}

// Error is a request the draw cannot meet. Field names the constraint at
// fault ("members", "alternates", "max_per_org", "max_load", "per_dossier",
// or "" for the pool as a whole); Message is a Chinese sentence.
type Error struct {
	Field   string
	Message string
}

func (e *Error) Error() string { return e.Message }

func refuse(field, msg string) *Error { return &Error{Field: field, Message: msg} }

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func comparePairs(a, b Pair) int {
	if c := cmpInt64(a.Expert, b.Expert); c != 0 {
		return c
	}
	return cmpInt64(a.Dossier, b.Dossier)
}
