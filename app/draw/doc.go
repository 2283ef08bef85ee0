// Package draw is the random expert draw (随机抽取) and the assignment of
// dossiers to the drawn panel. It is pure: no database, no HTTP, no clock.
// Given the same Input (seed, pool snapshot, dossiers, constraints) Run
// returns the same Result on every machine and every Go release, so an
// auditor can re-run a recorded draw and compare.
//
// The procedure (Algorithm) is:
//
//  1. The pool is put in id order. Candidates who cannot serve at all are set
//     aside with a reason: disabled, load cap already reached in the stage,
//     no field of expertise covering any dossier (when expertise must match),
//     or in conflict with every dossier.
//  2. The remaining candidates are shuffled by Fisher–Yates with a
//     generator that is SHA-256 in counter mode over the seed (see rng.go);
//     the shuffled list is the draw order.
//  3. The order is walked. A candidate becomes a member unless their
//     organisation already has MaxPerOrg members, or the seats left are only
//     just enough to give some dossier its need of eligible experts and the
//     candidate cannot score that dossier. After Members members the
//     walk continues for Alternates ordered alternates (skipping anyone whose
//     organisation is already full, as they could never be promoted).
//  4. Dossiers are assigned to members by a min-cost flow: every dossier gets
//     exactly its need of eligible members (PerDossier, or Dossier.Need in a
//     supplementary draw), nobody exceeds the load cap, and the cost of an
//     expert's k-th dossier grows with k, so loads are as even as the
//     constraints allow.
//
// Eligibility of an expert for a dossier: no conflict of region (Conflict),
// not excluded by a declared conflict, and — when MatchExpertise is set — a
// field of expertise covering the dossier's chain.
//
// A constraint set that cannot be met is refused with an *Error whose
// Message is a Chinese sentence naming what is short.
package draw
