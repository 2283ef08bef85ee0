package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ScoreRequest is the input of `chainjudge score`: one panel's scores for a
// list of items, one number per judge. Marshalling it with encoding/json
// yields a valid input, so an export can write exactly what the command reads.
type ScoreRequest struct {
	// Aggregate is one of the Methods.
	Aggregate Method `json:"aggregate"`
	// Trim is the count removed at each end; nil applies the panel-size rule.
	Trim *int `json:"trim,omitempty"`
	// Decimals rounds each item's score half-up; nil means no rounding
	// beyond the internal Scale.
	Decimals *int `json:"decimals,omitempty"`
	// MaxScore is the highest score allowed; scores above it are refused.
	// It is also the maximum of the MAD = 0 outlier fallback; nil uses the
	// largest absolute score in the input there.
	MaxScore *Decimal `json:"max_score,omitempty"`
	// OutlierShare is the fallback's share of the maximum; nil means
	// DefaultOutlierShare.
	OutlierShare *Decimal `json:"outlier_share,omitempty"`
	// Judges names the panel, in the order of every Scores slice.
	Judges []string `json:"judges"`
	// Items are the things scored.
	Items []ScoreItem `json:"items"`
}

// ScoreItem is one item and its judges' scores, aligned with Judges; an
// absent score (JSON null) means the judge did not score it.
type ScoreItem struct {
	ID     string        `json:"id"`
	Scores []NullDecimal `json:"scores"`
}

// FieldError is a refused input, naming the offending field by its JSON path
// (e.g. "items[3].scores").
type FieldError struct {
	Path string
	Msg  string
}

// Error formats the error as "path: message".
func (e *FieldError) Error() string { return e.Path + ": " + e.Msg }

// fieldErr builds a *FieldError with a formatted message.
func fieldErr(path, format string, args ...any) error {
	return &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// MaxRequestBytes bounds the input the command reads.
const MaxRequestBytes = 256 << 20

// ParseScoreRequest reads a ScoreRequest strictly: one JSON object, no
// unknown or repeated fields, numbers read exactly (never through float64),
// scores aligned with judges. Every error is a *FieldError naming the field.
func ParseScoreRequest(r io.Reader) (ScoreRequest, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxRequestBytes+1))
	if err != nil {
		return ScoreRequest{}, fieldErr("输入 (input)", "读取失败：%v (read failed)", err)
	}
	if len(data) > MaxRequestBytes {
		return ScoreRequest{}, fieldErr("输入 (input)", "超过 %d MiB 上限 (input too large)", MaxRequestBytes>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var root json.RawMessage
	if err := dec.Decode(&root); err != nil {
		return ScoreRequest{}, syntaxErr(data, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return ScoreRequest{}, fieldErr("输入 (input)", "JSON 对象之后还有多余内容 (trailing data after the object)")
	}
	fields, err := readObject(root, "")
	if err != nil {
		return ScoreRequest{}, err
	}
	var req ScoreRequest
	known := []string{"aggregate", "trim", "decimals", "max_score", "outlier_share", "judges", "items"}
	if err := checkFields(fields, "", known, "aggregate", "judges", "items"); err != nil {
		return ScoreRequest{}, err
	}
	if err := parseSettings(fields, &req); err != nil {
		return ScoreRequest{}, err
	}
	if req.Judges, err = parseJudges(fields.values["judges"]); err != nil {
		return ScoreRequest{}, err
	}
	if req.Items, err = parseItems(fields.values["items"], len(req.Judges)); err != nil {
		return ScoreRequest{}, err
	}
	if req.MaxScore != nil {
		for i, it := range req.Items {
			for j, s := range it.Scores {
				if s.Valid && s.Decimal.Cmp(*req.MaxScore) > 0 {
					return ScoreRequest{}, fieldErr(fmt.Sprintf("items[%d].scores[%d]", i, j),
						"%s 超过 max_score %s (score above max_score)", s.Decimal, *req.MaxScore)
				}
			}
		}
	}
	return req, nil
}

// syntaxErr turns a decoding error of the whole input into a FieldError with
// a line and column.
func syntaxErr(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(data, se.Offset)
		return fieldErr("输入 (input)", "JSON 语法错误，第 %d 行第 %d 列：%v (invalid JSON)", line, col, se)
	}
	if errors.Is(err, io.EOF) {
		return fieldErr("输入 (input)", "输入为空 (empty input)")
	}
	return fieldErr("输入 (input)", "JSON 无法解析：%v (invalid JSON)", err)
}

func lineCol(data []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for i := 0; i < int(offset) && i < len(data); i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// object is a decoded JSON object: its raw values by key, and the keys in
// input order.
type object struct {
	values map[string]json.RawMessage
	keys   []string
}

// readObject decodes a JSON object, refusing repeated keys.
func readObject(raw json.RawMessage, path string) (object, error) {
	where := path
	if where == "" {
		where = "输入 (input)"
	}
	if kind(raw) != '{' {
		return object{}, fieldErr(where, "应为 JSON 对象 (expected an object)")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return object{}, fieldErr(where, "JSON 无法解析：%v (invalid JSON)", err)
	}
	obj := object{values: map[string]json.RawMessage{}}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return object{}, fieldErr(where, "JSON 无法解析：%v (invalid JSON)", err)
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return object{}, fieldErr(join(path, key), "JSON 无法解析：%v (invalid JSON)", err)
		}
		if _, dup := obj.values[key]; dup {
			return object{}, fieldErr(join(path, key), "字段重复出现 (duplicate field)")
		}
		obj.values[key] = v
		obj.keys = append(obj.keys, key)
	}
	return obj, nil
}

// checkFields refuses unknown fields and missing required ones.
func checkFields(obj object, path string, known []string, required ...string) error {
	for _, k := range obj.keys {
		ok := false
		for _, kn := range known {
			ok = ok || k == kn
		}
		if !ok {
			return fieldErr(join(path, k), "未知字段 (unknown field)")
		}
	}
	for _, r := range required {
		if v, ok := obj.values[r]; !ok || kind(v) == 'n' {
			return fieldErr(join(path, r), "缺少必填字段 (required field missing)")
		}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// kind classifies a raw JSON value by its first byte: '{', '[', '"', 'n'
// (null), 't'/'f' (booleans) or '0' (a number).
func kind(raw json.RawMessage) byte {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0
	}
	switch c := raw[0]; {
	case c == '-' || (c >= '0' && c <= '9'):
		return '0'
	default:
		return c
	}
}

// parseSettings reads the scalar settings.
func parseSettings(obj object, req *ScoreRequest) error {
	raw := obj.values["aggregate"]
	var name string
	if kind(raw) != '"' || json.Unmarshal(raw, &name) != nil {
		return fieldErr("aggregate", "应为字符串 (expected a string)")
	}
	m, err := ParseMethod(name)
	if err != nil {
		return &FieldError{Path: "aggregate", Msg: err.Error()}
	}
	req.Aggregate = m
	if req.Trim, err = optionalInt(obj, "trim", 0, MaxJudges); err != nil {
		return err
	}
	if req.Decimals, err = optionalInt(obj, "decimals", 0, MaxDecimals); err != nil {
		return err
	}
	if req.MaxScore, err = optionalDecimal(obj, "max_score"); err != nil {
		return err
	}
	if req.MaxScore != nil && (req.MaxScore.Sign() <= 0 || req.MaxScore.Cmp(maxAbsScore) > 0) {
		return fieldErr("max_score", "应为 0 到 %d 之间的正数 (expected a positive number)", MaxAbsScore)
	}
	if req.OutlierShare, err = optionalDecimal(obj, "outlier_share"); err != nil {
		return err
	}
	if req.OutlierShare != nil && (req.OutlierShare.Sign() <= 0 || req.OutlierShare.Cmp(Decimal{unit}) > 0) {
		return fieldErr("outlier_share", "应在 (0, 1] 之内 (expected a share in (0, 1])")
	}
	return nil
}

// optionalInt reads an optional whole number in [lo, hi]; null counts as
// omitted.
func optionalInt(obj object, key string, lo, hi int) (*int, error) {
	raw, ok := obj.values[key]
	if !ok || kind(raw) == 'n' {
		return nil, nil
	}
	bad := fieldErr(key, "应为 %d–%d 的整数 (expected an integer from %d to %d)", lo, hi, lo, hi)
	if kind(raw) != '0' {
		return nil, bad
	}
	d, err := ParseDecimal(string(bytes.TrimSpace(raw)))
	if err != nil || d.micros%unit != 0 || d.micros/unit < int64(lo) || d.micros/unit > int64(hi) {
		return nil, bad
	}
	v := int(d.micros / unit)
	return &v, nil
}

// optionalDecimal reads an optional number exactly; null counts as omitted.
func optionalDecimal(obj object, key string) (*Decimal, error) {
	raw, ok := obj.values[key]
	if !ok || kind(raw) == 'n' {
		return nil, nil
	}
	if kind(raw) != '0' {
		return nil, fieldErr(key, "应为数字 (expected a number)")
	}
	d, err := parseNumber(raw, key)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// parseNumber reads a JSON number exactly and within ±MaxAbsScore.
func parseNumber(raw json.RawMessage, path string) (Decimal, error) {
	text := string(bytes.TrimSpace(raw))
	d, err := ParseDecimal(text)
	if errors.Is(err, ErrOverflow) {
		return Decimal{}, fieldErr(path, "%s 超出允许范围 ±%d (value out of range)", text, MaxAbsScore)
	}
	if err != nil {
		return Decimal{}, &FieldError{Path: path, Msg: err.Error()}
	}
	if err := checkMagnitude("数值", d); err != nil {
		return Decimal{}, &FieldError{Path: path, Msg: err.Error()}
	}
	return d, nil
}

// parseJudges reads the panel: unique, non-empty names.
func parseJudges(raw json.RawMessage) ([]string, error) {
	var elems []json.RawMessage
	if kind(raw) != '[' || json.Unmarshal(raw, &elems) != nil {
		return nil, fieldErr("judges", "应为字符串数组 (expected an array of strings)")
	}
	if len(elems) == 0 {
		return nil, fieldErr("judges", "至少需要 1 位评委 (at least one judge)")
	}
	if len(elems) > MaxJudges {
		return nil, fieldErr("judges", "评委 %d 人，超过上限 %d (too many judges)", len(elems), MaxJudges)
	}
	judges := make([]string, len(elems))
	first := make(map[string]int, len(elems))
	for i, e := range elems {
		path := fmt.Sprintf("judges[%d]", i)
		if kind(e) != '"' || json.Unmarshal(e, &judges[i]) != nil {
			return nil, fieldErr(path, "应为字符串 (expected a string)")
		}
		if judges[i] == "" {
			return nil, fieldErr(path, "评委编号不能为空 (empty judge id)")
		}
		if j, dup := first[judges[i]]; dup {
			return nil, fieldErr(path, "与 judges[%d] 重复：%q (duplicate judge)", j, judges[i])
		}
		first[judges[i]] = i
	}
	return judges, nil
}

// parseItems reads the items, each with one score or null per judge.
func parseItems(raw json.RawMessage, judges int) ([]ScoreItem, error) {
	var elems []json.RawMessage
	if kind(raw) != '[' || json.Unmarshal(raw, &elems) != nil {
		return nil, fieldErr("items", "应为数组 (expected an array)")
	}
	items := make([]ScoreItem, len(elems))
	first := make(map[string]int, len(elems))
	for i, e := range elems {
		path := fmt.Sprintf("items[%d]", i)
		obj, err := readObject(e, path)
		if err != nil {
			return nil, err
		}
		if err := checkFields(obj, path, []string{"id", "scores"}, "id", "scores"); err != nil {
			return nil, err
		}
		idRaw := obj.values["id"]
		if kind(idRaw) != '"' || json.Unmarshal(idRaw, &items[i].ID) != nil {
			return nil, fieldErr(path+".id", "应为字符串 (expected a string)")
		}
		if items[i].ID == "" {
			return nil, fieldErr(path+".id", "编号不能为空 (empty id)")
		}
		if j, dup := first[items[i].ID]; dup {
			return nil, fieldErr(path+".id", "与 items[%d] 重复：%q (duplicate id)", j, items[i].ID)
		}
		first[items[i].ID] = i
		if items[i].Scores, err = parseScores(obj.values["scores"], path+".scores", judges); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// parseScores reads one item's scores: numbers or null, one per judge.
func parseScores(raw json.RawMessage, path string, judges int) ([]NullDecimal, error) {
	var elems []json.RawMessage
	if kind(raw) != '[' || json.Unmarshal(raw, &elems) != nil {
		return nil, fieldErr(path, "应为数组 (expected an array)")
	}
	if len(elems) != judges {
		return nil, fieldErr(path, "有 %d 个分数，但评委有 %d 人 (%d values for %d judges)", len(elems), judges, len(elems), judges)
	}
	out := make([]NullDecimal, len(elems))
	for j, e := range elems {
		p := fmt.Sprintf("%s[%d]", path, j)
		switch kind(e) {
		case 'n':
			continue
		case '0':
		default:
			return nil, fieldErr(p, "应为数字或 null (expected a number or null)")
		}
		v, err := parseNumber(e, p)
		if err != nil {
			return nil, err
		}
		out[j] = Scored(v)
	}
	return out, nil
}
