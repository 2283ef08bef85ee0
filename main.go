// Command chainjudge runs the regional excellent industrial chain competition
// (区域卓越产业链竞赛) review system: the web service and its maintenance commands.
//
// Every subcommand is a plain function from arguments and streams to an exit
// code, so tests can drive them exactly as the shell does.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one subcommand of the binary.
type command struct {
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// commands is the binary's subcommand table.
var commands = map[string]command{
	"serve":  {"启动 Web 服务 (start the web service)", cmdServe},
	"score":  {"按 JSON 输入重算评分 (recompute scores from JSON)", cmdScore},
	"rubric": {"检查评分细则文件 (rubric check FILE...)", cmdRubric},
	"user":   {"管理账号 (user add|list|disable|reset)", cmdUser},
	"export": {"导出公开透明包 (export the transparency bundle)", cmdExport},
	"audit":  {"校验审计日志哈希链 (audit verify)", cmdAudit},
	"backup": {"在线备份数据库 (backup --out FILE)", cmdBackup},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "未知子命令 %q (unknown subcommand)\n\n", args[0])
		usage(stderr)
		return 2
	}
	return cmd.run(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "用法 (usage): chainjudge <子命令> [参数]")
	fmt.Fprintln(w)
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
}
