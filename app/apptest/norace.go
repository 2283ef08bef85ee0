//go:build !race

package apptest

// RaceEnabled reports whether the test binary was built with -race.
const RaceEnabled = false
