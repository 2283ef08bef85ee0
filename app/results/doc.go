// Package results turns one frozen rubric stage, the experts' submitted
// scores, the office's verified indicator values and its confirmed vetoes
// into the stage's results, and the stage results into the final ranking:
// per dossier the aggregated score of every criterion with each judge's score
// (dropped and flagged ones marked, with the written reasons), the total,
// the rank with the tie-break that decided it, the panel's agreement
// statistics with plain-language readings, the optional severity-corrected
// figure beside the raw one, and who advances (or is selected) and why.
//
// All arithmetic is the scoring engine's (package scoring): exact decimals,
// the rubric's rounding points, the panel-size rule. A stage score is the
// sum of the rounded aggregate of each expert-scored criterion plus the
// points of the objective criteria, so `chainjudge score`, fed one input per
// stage and criterion (ScoreRequests), reproduces every published number.
//
// The package is pure: no database, no HTTP. Its inputs are plain values the
// application loads from the store; its outputs are plain values that marshal
// to JSON and back unchanged, so a frozen result is stored as it was shown.
package results
