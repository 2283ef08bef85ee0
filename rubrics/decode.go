package rubrics

import (
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// position is a 1-based line and column in the file.
type position struct{ line, column int }

// scalarSetter is implemented by types written as one YAML scalar with their
// own syntax (Decimal, TieBreak).
type scalarSetter interface {
	setScalar(value string) *message
}

var scalarSetterType = reflect.TypeFor[scalarSetter]()

// maxInt bounds every integer field (counts, decimals, panel sizes).
const maxInt = 1_000_000

// maxListItems bounds every list in a file; the validation limits are far
// lower, this only keeps the work on a hostile file small.
const maxListItems = 1000

// decoder fills a value from a yaml.Node strictly: unknown and duplicate keys,
// wrong node kinds, malformed numbers and aliases are problems, each recorded
// with the path and position where it occurred. It records the position of
// every path it visits so that later validation problems can be located.
type decoder struct {
	problems  Problems
	positions map[string]position
	// valued holds the paths given a non-empty value in the file.
	valued map[string]bool
	// failed holds the paths where decoding failed, so that validation does
	// not report a second, confusing problem about the same field.
	failed []string
	// truncated is set once problems stop being recorded (MaxProblems).
	truncated bool
}

func newDecoder() *decoder {
	return &decoder{positions: make(map[string]position), valued: make(map[string]bool)}
}

// fail records a decoding problem at a node.
func (d *decoder) fail(path string, n *yaml.Node, m *message) {
	if d.problems.full() {
		d.truncated = true
		return
	}
	d.problems = append(d.problems, Problem{Line: n.Line, Column: n.Column, Path: path, Message: m.zh, English: m.en})
	d.failed = append(d.failed, path)
}

// decode fills v (addressable) from n.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	d.positions[path] = position{n.Line, n.Column}
	if n.Kind == yaml.AliasNode {
		d.fail(path, n, msgf("不支持锚点引用（*%s），请直接写出内容", "aliases (*%s) are not supported; write the value out", n.Value))
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value leaves the field unset; validation says if it is required
	}
	d.valued[path] = true
	if v.Kind() != reflect.Pointer && v.Addr().Type().Implements(scalarSetterType) {
		d.decodeCustom(n, v.Addr().Interface().(scalarSetter), path)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		d.decode(n, elem.Elem(), path)
		v.Set(elem)
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		d.decodeSlice(n, v, path)
	case reflect.String:
		if d.expectScalar(n, path) {
			v.SetString(n.Value)
		}
	case reflect.Int:
		d.decodeInt(n, v, path)
	case reflect.Bool:
		d.decodeBool(n, v, path)
	default:
		// Every field type of Rubric is handled above; reaching here is a
		// programming error in this package, reported rather than panicking.
		d.fail(path, n, msgf("内部错误：无法解码类型 %s", "internal error: cannot decode type %s", v.Type()))
	}
}

func (d *decoder) decodeCustom(n *yaml.Node, s scalarSetter, path string) {
	if !d.expectScalar(n, path) {
		return
	}
	if m := s.setScalar(n.Value); m != nil {
		d.fail(path, n, m)
	}
}

func (d *decoder) expectScalar(n *yaml.Node, path string) bool {
	if n.Kind != yaml.ScalarNode {
		d.fail(path, n, wrongKind("应为单个值", "expected a single value", n))
		return false
	}
	return true
}

func (d *decoder) decodeInt(n *yaml.Node, v reflect.Value, path string) {
	if !d.expectScalar(n, path) {
		return
	}
	i, err := strconv.Atoi(strings.TrimPrefix(n.Value, "+"))
	if err != nil {
		d.fail(path, n, msgf("“%s”应为整数", "%q should be a whole number", n.Value))
		return
	}
	if i < -maxInt || i > maxInt {
		d.fail(path, n, msgf("%d 超出允许范围 ±%d", "%d is outside ±%d", i, maxInt))
		return
	}
	v.SetInt(int64(i))
}

func (d *decoder) decodeBool(n *yaml.Node, v reflect.Value, path string) {
	if !d.expectScalar(n, path) {
		return
	}
	switch n.Value {
	case "true":
		v.SetBool(true)
	case "false":
		v.SetBool(false)
	default:
		d.fail(path, n, msgf("“%s”应为 true 或 false", "%q should be true or false", n.Value))
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.fail(path, n, wrongKind("应为列表", "expected a list", n))
		return
	}
	if len(n.Content) == 0 {
		v.SetZero() // an empty list is the same value as no list
		return
	}
	if len(n.Content) > maxListItems {
		d.fail(path, n, msgf("列表有 %d 项，超过上限 %d", "the list has %d items; the limit is %d", len(n.Content), maxListItems))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.decode(item, s.Index(i), index(path, i))
	}
	v.Set(s)
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.fail(path, n, wrongKind("应为“键: 值”映射", "expected a mapping of keys to values", n))
		return
	}
	fields := yamlFields(v.Type())
	seen := make(map[string]bool, len(n.Content)/2)
	var guessed []string // known keys that misspelt keys were probably meant to be
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		if key.Kind != yaml.ScalarNode {
			d.fail(path, key, msgf("键应为简单名称", "a key must be a plain name"))
			continue
		}
		fieldPath := join(path, key.Value)
		field, ok := fields[key.Value]
		if !ok {
			guess := closestKey(key.Value, fields)
			if guess != "" {
				guessed = append(guessed, guess)
				d.fail(fieldPath, key, msgf("未知字段 %s（是否应为 %s？）", "unknown key %s (did you mean %s?)", key.Value, guess))
			} else {
				d.fail(fieldPath, key, msgf("未知字段 %s", "unknown key %s", key.Value))
			}
			continue
		}
		if seen[key.Value] {
			d.fail(fieldPath, key, msgf("重复的字段 %s", "duplicate key %s", key.Value))
			continue
		}
		seen[key.Value] = true
		d.decode(value, v.FieldByIndex(field), fieldPath)
	}
	for _, guess := range guessed {
		if !seen[guess] && len(d.failed) < MaxProblems {
			// The misspelt key explains why the intended key is missing.
			d.failed = append(d.failed, join(path, guess))
		}
	}
}

// yamlFields maps each YAML key of a struct type to its field index.
func yamlFields(t reflect.Type) map[string][]int {
	out := make(map[string][]int, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		out[name] = f.Index
	}
	return out
}

// closestKey returns the known key an unknown key was probably meant to be
// (at most two edits away), or "".
func closestKey(key string, fields map[string][]int) string {
	best, bestDist := "", 3
	for name := range fields {
		if dist := editDistance(key, name); dist < bestDist || dist == bestDist && best != "" && name < best {
			best, bestDist = name, dist
		}
	}
	return best
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// wrongKind says what was expected and what the node is instead.
func wrongKind(wantZh, wantEn string, n *yaml.Node) *message {
	switch n.Kind {
	case yaml.MappingNode:
		return &message{zh: wantZh + "，而不是映射", en: wantEn + ", not a mapping"}
	case yaml.SequenceNode:
		return &message{zh: wantZh + "，而不是列表", en: wantEn + ", not a list"}
	case yaml.ScalarNode:
		return msgf(wantZh+"，而不是“%s”", wantEn+", not %q", n.Value)
	}
	return &message{zh: wantZh, en: wantEn}
}
