package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"chainjudge/rubrics"
)

const rubricUsage = `用法 (usage):
  chainjudge rubric check FILE...   检查评分细则文件；有效则打印摘要，否则逐条列出问题
                                    (check rubric files: summary if valid, every problem if not)
  chainjudge rubric default         输出自带的默认评分细则，可另存后修改
                                    (print the shipped default rubric to edit)

退出码 (exit codes): 0 全部有效 (all valid)，1 有文件无效或无法读取 (a file is invalid
or unreadable)，2 用法错误 (usage error)。格式说明见 docs/RUBRICS.md。
`

// cmdRubric handles "chainjudge rubric check FILE..." and "rubric default".
func cmdRubric(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, rubricUsage)
		return 2
	}
	switch args[0] {
	case "check":
		return rubricCheck(args[1:], stdout, stderr)
	case "default":
		if len(args) > 1 {
			fmt.Fprintf(stderr, "rubric default 不接受参数 (takes no arguments)\n\n%s", rubricUsage)
			return 2
		}
		_, data := rubrics.Default()
		if _, err := stdout.Write(data); err != nil {
			fmt.Fprintf(stderr, "写出默认评分细则失败 (write default rubric): %v\n", err)
			return 1
		}
		return 0
	case "-h", "--help", "help":
		fmt.Fprint(stdout, rubricUsage)
		return 0
	}
	fmt.Fprintf(stderr, "未知的 rubric 子命令 %q (unknown rubric subcommand)\n\n%s", args[0], rubricUsage)
	return 2
}

// rubricCheck checks each file and reports on it; it returns 1 when any file
// is invalid or unreadable.
func rubricCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rubric check", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, rubricUsage)
			return 0
		}
		fmt.Fprintf(stderr, "%v\n\n%s", err, rubricUsage)
		return 2
	}
	files := fs.Args()
	if len(files) == 0 {
		fmt.Fprintf(stderr, "rubric check 需要至少一个文件 (needs at least one FILE)\n\n%s", rubricUsage)
		return 2
	}
	exit := 0
	for i, name := range files {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if !checkRubricFile(name, stdout, stderr) {
			exit = 1
		}
	}
	return exit
}

// checkRubricFile prints the summary of a valid file or every problem of an
// invalid one, and reports whether the file is valid.
func checkRubricFile(name string, stdout, stderr io.Writer) bool {
	data, err := os.ReadFile(name)
	if err != nil {
		fmt.Fprintf(stderr, "%s: 无法读取文件 (cannot read file): %v\n", name, err)
		return false
	}
	r, err := rubrics.Parse(name, data)
	var problems rubrics.Problems
	switch {
	case err == nil:
		fmt.Fprintf(stdout, "%s: 有效 (valid)\n%s", name, r.Summary())
		return true
	case errors.As(err, &problems):
		for _, p := range problems {
			fmt.Fprintln(stdout, p.String())
		}
		fmt.Fprintf(stdout, "%s: 无效，共 %d 个问题 (invalid: %d problem(s))\n", name, len(problems), len(problems))
	default:
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
	}
	return false
}
