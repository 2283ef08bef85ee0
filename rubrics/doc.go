// Package rubrics holds the scoring rules of a competition (评分细则): the
// stages, the two-level criteria (一级指标 → 二级指标) and how each is scored,
// what applicants must supply, how judges' scores are combined, who advances
// and how ties are broken.
//
// A rubric is written as a YAML file (see docs/RUBRICS.md), decoded strictly
// so that every problem carries file:line:column, and validated as a whole:
// Parse and Validate report every problem at once as Problems. A valid rubric
// is a value with a content hash (Rubric.Hash) that the application freezes
// with each stage, so later edits can never change a published result.
//
// The package is a leaf: it imports only the standard library and
// gopkg.in/yaml.v3, and never the web application, the store or the scoring
// engine. Points are exact decimals (Decimal), never float64.
package rubrics
