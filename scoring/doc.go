// Package scoring turns expert panels' scores into results that can be
// explained line by line and recomputed by anyone: aggregation of one item's
// scores (mean, median, fixed-count trimmed mean, winsorized mean, with the
// panel-size rule), 畸高/畸低 flags by modified z-score, rubric totals in the
// stated order of rounding, agreement statistics (ICC, Kendall's W,
// Krippendorff's alpha) with plain-language readings, ranking with a
// tie-break chain, stage combination and advancement, and an optional judge
// severity correction reported beside the raw result.
//
// All score arithmetic is exact: Decimal is fixed-point and parsed from text,
// aggregates stay exact fractions (Ratio) until the rule's rounding point,
// and rounding is half-up. Nothing depends on the order of the input.
//
// The package uses the standard library only and reads no rubric files;
// callers map rubric settings into AggregateOptions, Criterion, TieBreak,
// Gate and StageWeight. docs/SCORING.md documents the methods and the
// `chainjudge score` contract (ScoreRequest, ScoreResponse).
package scoring
