package main

import (
	"fmt"
	"io"
)

// cmdExport is a placeholder until its issue lands.
func cmdExport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "该子命令尚在建设中 (this subcommand is not available yet)")
	return 2
}
