package rubrics

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"gopkg.in/yaml.v3"
)

// Marshal writes a rubric as YAML in the canonical layout: keys in the
// order of the Go types, two-space indents, numbers in their shortest exact
// form, empty optional keys left out, no comments. Parse of the output
// gives a rubric equal to r (for a rubric that came from Parse or passes
// Validate), so the web form can save an edited rubric without loss of
// anything but the file's comments.
func Marshal(r *Rubric) ([]byte, error) {
	if r == nil {
		return nil, fmt.Errorf("marshal rubric: nil rubric")
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("marshal rubric %s: %w", r.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("marshal rubric %s: %w", r.ID, err)
	}
	return buf.Bytes(), nil
}

// HashPrefix starts every rubric hash, naming the algorithm.
const HashPrefix = "sha256:"

// Hash returns the rubric's content hash, "sha256:" and 64 hex digits: the
// SHA-256 of its canonical YAML (Marshal). It depends on the rubric's
// values only, so formatting-only edits of a file (comments, indentation,
// key order, quoting, 10 versus 10.0, flow versus block lists, leaving out
// a key whose default is written out) keep the hash, while any change of a
// value — a maximum, a step, a name, a guidance text — changes it. The
// application stores it with every score so a result can always be traced
// to the exact rules it was computed under.
func (r *Rubric) Hash() string {
	data, err := Marshal(r)
	if err != nil {
		// Encoding cannot fail for these types; an empty hash never matches
		// a stored one, so a failure could not pass unnoticed.
		return ""
	}
	sum := sha256.Sum256(data)
	return HashPrefix + hex.EncodeToString(sum[:])
}

// ShortHash returns the first 12 hex digits of the hash, for display.
func (r *Rubric) ShortHash() string {
	h := r.Hash()
	if len(h) < len(HashPrefix)+12 {
		return h
	}
	return h[len(HashPrefix) : len(HashPrefix)+12]
}
