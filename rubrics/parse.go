package rubrics

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// MaxFileSize bounds a rubric file; real rubrics are a few dozen kilobytes.
const MaxFileSize = 1 << 20

// DefaultDecimals is where scores are rounded when a file does not say.
const DefaultDecimals = 2

// Parse decodes and validates a rubric file. name is used only in problem
// locations. On failure the error is Problems listing every problem found,
// each with the file, line, column and path; the rubric is then nil.
//
// Keys left out of the file take their defaults (see docs/RUBRICS.md):
// outliers 3.5 / 0.2, decimals 2, unit "%" for percent indicators.
func Parse(name string, data []byte) (*Rubric, error) {
	root, problem := parseDocument(data)
	if problem != nil {
		problem.File = name
		return nil, Problems{*problem}
	}
	d := newDecoder()
	var r Rubric
	d.decode(root, reflect.ValueOf(&r).Elem(), "")
	applyDefaults(&r, d.valued)

	problems := d.problems
	v := validate(&r)
	for i, p := range v.problems {
		if !d.explains(p.Path, v.scopes[i]) {
			p.Line, p.Column = d.locate(p.Path)
			problems = append(problems, p)
		}
	}
	if len(problems) == 0 {
		return &r, nil
	}
	for i := range problems {
		problems[i].File = name
	}
	problems.sortByPosition()
	return nil, problems.truncate(d.truncated || v.problems.full())
}

// Load reads and parses a rubric file from fsys (os.DirFS, an embed.FS or a
// fstest.MapFS). A read failure is returned wrapped; a bad file as Problems.
func Load(fsys fs.FS, name string) (*Rubric, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read rubric %s: %w", name, err)
	}
	return Parse(name, data)
}

// parseDocument turns the bytes into the root mapping node, or a problem
// when the file is too large, empty, not YAML or holds several documents.
func parseDocument(data []byte) (root *yaml.Node, problem *Problem) {
	at := func(line int, m *message) (*yaml.Node, *Problem) {
		return nil, &Problem{Line: line, Column: 1, Message: m.zh, English: m.en}
	}
	if len(data) > MaxFileSize {
		return at(1, msgf("文件过大（%d 字节），上限 %d 字节", "file too large (%d bytes, limit %d)", len(data), MaxFileSize))
	}
	defer func() {
		// The YAML library is third-party code; a panic inside it on some
		// malformed input must become a problem report, not a crash.
		if v := recover(); v != nil {
			root, problem = at(1, msgf("无法解析 YAML：%v", "cannot parse YAML: %v", v))
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return at(1, msgf("文件为空", "the file is empty"))
		}
		return at(syntaxProblem(err))
	}
	if len(doc.Content) == 0 {
		return at(1, msgf("文件为空", "the file is empty"))
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return at(syntaxProblem(err))
	default:
		return at(extra.Line, msgf("文件只能包含一个 YAML 文档（发现多余的 ---）", "the file must hold a single YAML document (found another ---)"))
	}
	return doc.Content[0], nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserErrorRE matches the problems yaml.v3 raises as parser (not scanner)
// errors; it reports their line 0-based, unlike scanner errors.
var parserErrorRE = regexp.MustCompile(`^(did not find expected|found undefined tag handle|found duplicate %|found incompatible YAML document)`)

// syntaxProblem extracts the line from a YAML syntax error: the line where
// the construct in error starts. The library omits the line when it is the
// first, so 1 is the right default.
func syntaxProblem(err error) (int, *message) {
	text := err.Error()
	line := 1
	if m := yamlLineRE.FindStringSubmatch(text); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			line = n
			if parserErrorRE.MatchString(m[2]) {
				line++
			}
		}
		text = m[2]
	}
	text = strings.TrimPrefix(text, "yaml: ")
	return line, msgf("YAML 语法错误：%s", "YAML syntax error: %s", text)
}

// explains reports whether a decoding problem already accounts for a
// validation problem at path. A problem about a sum is explained by a
// failure anywhere in the summed scopes; any other problem by a failure at
// the same field, around it, or inside it.
func (d *decoder) explains(path string, scopes []string) bool {
	for _, f := range d.failed {
		if scopes == nil && (underPath(path, f) || underPath(f, path)) {
			return true
		}
		for _, scope := range scopes {
			if underPath(f, scope) {
				return true
			}
		}
	}
	return false
}

// locate finds the position of path, or of its nearest ancestor present in
// the file (a missing key is reported where its mapping starts).
func (d *decoder) locate(path string) (line, column int) {
	for {
		if p, ok := d.positions[path]; ok {
			return p.line, p.column
		}
		if path == "" {
			return 1, 1
		}
		path = parentPath(path)
	}
}

// applyDefaults fills the settings a file may leave out. Only keys that are
// absent or empty in the file are filled; given values are validated as
// written.
func applyDefaults(r *Rubric, valued map[string]bool) {
	has := func(path string) bool { return valued[path] }
	if !has("final.decimals") {
		r.Final.Decimals = DefaultDecimals
	}
	for i := range r.Stages {
		st := &r.Stages[i]
		sp := index("stages", i)
		if !has(sp + ".aggregation.decimals") {
			st.Aggregation.Decimals = DefaultDecimals
		}
		if !has(sp + ".outliers.modified_z") {
			st.Outliers.ModifiedZ = DefaultModifiedZ
		}
		if !has(sp + ".outliers.mad_zero_share") {
			st.Outliers.MADZeroShare = DefaultMADZeroShare
		}
		for j := range st.Requirements.Indicators {
			ind := &st.Requirements.Indicators[j]
			if ind.Kind == IndicatorPercent && ind.Unit == "" {
				ind.Unit = "%"
			}
		}
		for g := range st.Groups {
			for c := range st.Groups[g].Criteria {
				cr := &st.Groups[g].Criteria[c]
				cp := index(index(sp+".groups", g)+".criteria", c)
				if cr.Linear != nil && !has(cp+".linear.decimals") {
					cr.Linear.Decimals = DefaultDecimals
				}
			}
		}
	}
}
