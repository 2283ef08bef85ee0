package rubrics

import (
	_ "embed"
	"fmt"
	"slices"
)

// DefaultFile is the shipped default rubric's path inside this package.
const DefaultFile = "default/regional-excellent-chain.yaml"

//go:embed default/regional-excellent-chain.yaml
var defaultYAML []byte

// Default returns the shipped default rubric for the regional excellent
// chain competition, freshly parsed so the caller may edit it, and its file
// text with the explanatory comments. It is a starting point the office
// edits. A test guarantees the embedded file is valid; if it were not, the
// binary was built broken and Default panics.
func Default() (*Rubric, []byte) {
	r, err := Parse(DefaultFile, defaultYAML)
	if err != nil {
		panic(fmt.Sprintf("rubrics: the embedded default rubric is invalid:\n%v", err))
	}
	return r, slices.Clone(defaultYAML)
}
