package scoring

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// d parses a decimal literal in a test.
func d(s string) Decimal { return MustDecimal(s) }

// ip returns a pointer to an int option.
func ip(v int) *int { return &v }

// matrix parses rows of space-separated scores; "." is a missing score.
func matrix(tb testing.TB, rows ...string) [][]NullDecimal {
	tb.Helper()
	out := make([][]NullDecimal, len(rows))
	for i, r := range rows {
		for _, f := range strings.Fields(r) {
			if f == "." {
				out[i] = append(out[i], NullDecimal{})
				continue
			}
			v, err := ParseDecimal(f)
			if err != nil {
				tb.Fatalf("bad literal %q: %v", f, err)
			}
			out[i] = append(out[i], Scored(v))
		}
	}
	return out
}

// transpose turns a coders × units table into units × coders.
func transpose(m [][]NullDecimal) [][]NullDecimal {
	if len(m) == 0 {
		return nil
	}
	out := make([][]NullDecimal, len(m[0]))
	for j := range out {
		out[j] = make([]NullDecimal, len(m))
		for i := range m {
			out[j][i] = m[i][j]
		}
	}
	return out
}

// marksOf builds marks J1, J2, … from literals; "." is a missing score.
func marksOf(tb testing.TB, values ...string) []Mark {
	tb.Helper()
	row := matrix(tb, strings.Join(values, " "))[0]
	out := make([]Mark, len(row))
	for i, v := range row {
		out[i] = Mark{Judge: judgeName(i), Score: v}
	}
	return out
}

func judgeName(i int) string { return fmt.Sprintf("J%d", i+1) }

// near reports whether got rounds to want at the given decimals.
func near(got, want float64, decimals int) bool {
	p := math.Pow(10, float64(decimals))
	return math.Abs(got-want) <= 0.5/p+1e-12
}
