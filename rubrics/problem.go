package rubrics

import (
	"fmt"
	"sort"
	"strings"
)

// message is one sentence in Chinese with its English counterpart.
type message struct {
	zh, en string
}

// msgf formats the same arguments into a Chinese and an English sentence.
func msgf(zh, en string, args ...any) *message {
	return &message{zh: fmt.Sprintf(zh, args...), en: fmt.Sprintf(en, args...)}
}

// Problem is one thing wrong with a rubric, located in the file when the
// rubric came from one.
type Problem struct {
	// File is the file name given to Parse; empty for a rubric built in code.
	File string
	// Line and Column are 1-based (Column counts characters, not bytes);
	// 0 when the rubric was not parsed from a file.
	Line, Column int
	// Path names the field, e.g. "stages[1].groups[0].criteria[3].max";
	// empty for the file as a whole. Web forms can name inputs the same way.
	Path string
	// Message is the plain Chinese sentence shown to the office.
	Message string
	// English is the same sentence in English.
	English string
}

// String formats the problem as "file:line:column: path: 中文说明 (English)",
// leaving out the parts that are unknown.
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", p.Line, p.Column)
		}
		b.WriteString(": ")
	}
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	if p.English != "" {
		fmt.Fprintf(&b, " (%s)", p.English)
	}
	return b.String()
}

// Problems lists everything wrong with a rubric. Parse returns it as its
// error; Validate returns it directly (nil when the rubric is valid).
type Problems []Problem

// Error joins the problems, one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// At returns the problems whose Path is path or lies under it, e.g. every
// problem of "stages[0].groups[1]" for the form section of that group.
func (ps Problems) At(path string) Problems {
	var out Problems
	for _, p := range ps {
		if underPath(p.Path, path) {
			out = append(out, p)
		}
	}
	return out
}

// MaxProblems bounds how many problems are reported for one rubric: a file
// with more is so broken that the first ones are what matter, and the bound
// keeps the work on a hostile file small.
const MaxProblems = 200

// full reports whether no more problems are recorded.
func (ps Problems) full() bool { return len(ps) >= MaxProblems }

// addf formats and records a problem at path, unless the list is full.
func (ps *Problems) addf(path, zh, en string, args ...any) {
	if ps.full() {
		return
	}
	m := msgf(zh, en, args...)
	*ps = append(*ps, Problem{Path: path, Message: m.zh, English: m.en})
}

// truncate keeps the first MaxProblems problems and says that more exist.
func (ps Problems) truncate(more bool) Problems {
	if len(ps) > MaxProblems {
		ps, more = ps[:MaxProblems], true
	}
	if more {
		last := ps[len(ps)-1]
		ps = append(ps, Problem{File: last.File, Line: last.Line, Column: last.Column,
			Message: fmt.Sprintf("问题过多，只列出前 %d 个", MaxProblems),
			English: fmt.Sprintf("too many problems; only the first %d are listed", MaxProblems)})
	}
	return ps
}

// sortByPosition orders problems by line and column, keeping the order of
// problems at the same place.
func (ps Problems) sortByPosition() {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Line != ps[j].Line {
			return ps[i].Line < ps[j].Line
		}
		return ps[i].Column < ps[j].Column
	})
}

// underPath reports whether path equals prefix or names something inside it.
func underPath(path, prefix string) bool {
	if prefix == "" || path == prefix {
		return true
	}
	if !strings.HasPrefix(path, prefix) {
		return false
	}
	next := path[len(prefix)]
	return next == '.' || next == '['
}

// parentPath strips the last field or index from a path:
// "stages[1].groups" → "stages[1]" → "stages" → "".
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// join appends a field name to a path.
func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

// index appends a list index to a path.
func index(path string, i int) string {
	return fmt.Sprintf("%s[%d]", path, i)
}
