package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"chainjudge/scoring"
)

// cmdScore recomputes scores from JSON: `chainjudge score [--explain] [FILE]`
// reads FILE (or stdin, also for "-") and writes the result JSON to stdout.
// On bad input it exits 2 with a message naming the field on stderr and
// writes nothing to stdout. docs/SCORING.md describes the contract.
func cmdScore(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(stderr)
	explain := fs.Bool("explain", false, "为每项附上计算说明 (add the calculation steps to every item)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "用法 (usage): chainjudge score [--explain] [FILE]")
		fmt.Fprintln(stderr, "从 FILE 或标准输入读取 JSON 评分，输出汇总、排名和一致性统计 (reads scores as JSON, writes results as JSON)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 1 {
		fmt.Fprintln(stderr, "最多一个输入文件 (at most one FILE)")
		fs.Usage()
		return 2
	}
	in := stdin
	if name := fs.Arg(0); name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "无法打开输入文件：%v (cannot open FILE)\n", err)
			return 2
		}
		defer f.Close()
		in = f
	}
	req, err := scoring.ParseScoreRequest(in)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	resp, err := req.Evaluate(*explain)
	if err != nil {
		fmt.Fprintf(stderr, "输入 (input): %v\n", err)
		return 2
	}
	// Encode fully before writing, so a failure never leaves half a document.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(resp); err != nil {
		fmt.Fprintf(stderr, "输出编码失败：%v (encoding failed)\n", err)
		return 1
	}
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "写出结果失败：%v (write failed)\n", err)
		return 1
	}
	return 0
}
